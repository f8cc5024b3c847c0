import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Context } from 'koa';
import { jsonRpcError } from './http-errors';
import { readJsonBody } from './read-json-body';
import type { Logger } from '../logger';
import type { McpServerFactory } from '../mcp/build-server';

/**
 * Streamable HTTP, stateless: a fresh server and transport per POST, JSON
 * responses, no server-held MCP session, so a restarted container or a
 * retried request never strands a client. GET (a standalone stream) and
 * DELETE (ending a session) have nothing to serve here: 405.
 */
export async function handleStreamableHttp(ctx: Context, factory: McpServerFactory, logger: Logger): Promise<void> {
  if (ctx.method !== 'POST') {
    ctx.status = 405;
    ctx.set('Allow', 'POST, OPTIONS');
    ctx.body = jsonRpcError(-32000, 'Method not allowed: this endpoint is stateless; send JSON-RPC messages with POST');
    return;
  }
  const body = await readJsonBody(ctx.req);
  const server = factory.create();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  ctx.respond = false;
  ctx.res.on('close', () => {
    void server.close();
  });
  try {
    await server.connect(transport);
    await transport.handleRequest(ctx.req, ctx.res, body);
  } catch (err) {
    logger.error({ err: err instanceof Error ? err.message : String(err) }, 'MCP request failed');
    if (!ctx.res.headersSent) {
      ctx.res.writeHead(500, { 'Content-Type': 'application/json' });
      ctx.res.end(JSON.stringify(jsonRpcError(-32603, 'Internal server error')));
    }
  }
}
