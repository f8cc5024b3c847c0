import type { Middleware } from 'koa';

const ALLOWED_HEADERS = 'Content-Type, Authorization, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID';

/**
 * Browser-based hosts (the MCP Inspector) need CORS. Any origin may call:
 * the credential is the token in the path, which a foreign page does not
 * know. Headers go on every response, errors included, so a browser shows
 * the real status rather than a CORS failure.
 */
export function cors(): Middleware {
  return async (ctx, next) => {
    ctx.set('Access-Control-Allow-Origin', ctx.get('Origin') || '*');
    ctx.set('Vary', 'Origin');
    ctx.set('Access-Control-Expose-Headers', 'Mcp-Session-Id');
    if (ctx.method === 'OPTIONS') {
      ctx.set('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
      ctx.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      ctx.set('Access-Control-Max-Age', '600');
    }
    await next();
  };
}
