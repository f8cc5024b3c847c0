import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import type { Context } from 'koa';
import { sendError } from './http-errors';
import { readJsonBody } from './read-json-body';
import type { Logger } from '../logger';
import type { McpServerFactory } from '../mcp/build-server';

/** Proxies and gateways cut streams that stay quiet longer than this. */
export const SSE_KEEPALIVE_MS = 15_000;

/**
 * The legacy HTTP+SSE transport (protocol 2024-11-05): a GET opens the event
 * stream, which advertises a POST channel under the same token prefix. The
 * SDK turns the endpoint it is given into an absolute path, so it gets the
 * full `/<token>/messages`; a bare `messages` would miss the gateway's prefix.
 */
export class SseSessions {
  private readonly sessions = new Map<string, SSEServerTransport>();

  constructor(
    private readonly token: string,
    private readonly factory: McpServerFactory,
    private readonly logger: Logger,
    private readonly keepAliveMs = SSE_KEEPALIVE_MS,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  async open(ctx: Context): Promise<void> {
    if (ctx.method !== 'GET') {
      ctx.status = 405;
      ctx.set('Allow', 'GET, OPTIONS');
      return sendError(ctx, 405, 'method_not_allowed', 'open the event stream with GET');
    }
    ctx.respond = false;
    const res = ctx.res;
    // Merged into the SDK's writeHead: no buffering by nginx-style proxies.
    res.setHeader('X-Accel-Buffering', 'no');
    const transport = new SSEServerTransport(`/${this.token}/messages`, res);
    const server = this.factory.create();
    const id = transport.sessionId;
    const keepAlive = setInterval(() => res.write(': keepalive\n\n'), this.keepAliveMs);
    keepAlive.unref();
    // The server wraps this handler and closes itself with the transport;
    // closing it from here would recurse.
    transport.onclose = () => {
      clearInterval(keepAlive);
      this.sessions.delete(id);
    };
    this.sessions.set(id, transport);
    await server.connect(transport);
    this.logger.debug({ sse_sessions: this.sessions.size }, 'SSE stream opened');
  }

  async post(ctx: Context): Promise<void> {
    if (ctx.method !== 'POST') {
      ctx.set('Allow', 'POST, OPTIONS');
      return sendError(ctx, 405, 'method_not_allowed', 'send messages with POST');
    }
    const id = typeof ctx.query.sessionId === 'string' ? ctx.query.sessionId : '';
    const transport = this.sessions.get(id);
    if (!transport) {
      return sendError(ctx, 404, 'sse_session_not_found', 'no open SSE stream for this sessionId; open /sse again');
    }
    const body = await readJsonBody(ctx.req);
    ctx.respond = false;
    try {
      await transport.handlePostMessage(ctx.req, ctx.res, body);
    } catch (err) {
      // The transport has already answered the client; keep the reason.
      this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'SSE message refused');
    }
  }

  /** Ends every open stream; used when the process drains. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((t) => t.close()));
  }
}
