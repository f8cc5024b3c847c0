import { MAX_BATCH_SIZE } from '@modelcontextprotocol/sdk/server/requestBody.js';
import { isJsonContentType } from '@modelcontextprotocol/sdk/shared/mediaType.js';
import {
  JSONRPCMessage,
  JSONRPCMessageSchema,
  SUPPORTED_PROTOCOL_VERSIONS,
  isInitializeRequest,
} from '@modelcontextprotocol/sdk/types.js';
import type { Context } from 'koa';
import { HttpError, jsonRpcError } from './http-errors';
import { readJsonBody } from './read-json-body';
import type { SharedServerTransport } from '../mcp/shared-server-transport';

/**
 * Streamable HTTP, stateless: every POST is answered with JSON, no MCP
 * session is held, so a restarted container or a retried request never
 * strands a client. GET (a standalone stream) and DELETE (ending a session)
 * have nothing to serve here: 405.
 *
 * The checks and their answers are those of the SDK's transport in stateless
 * JSON mode; the messages then go to the one server all requests share.
 */
export async function handleStreamableHttp(ctx: Context, transport: SharedServerTransport): Promise<void> {
  if (ctx.method !== 'POST') {
    ctx.set('Allow', 'POST, OPTIONS');
    return reply(ctx, 405, -32000, 'Method not allowed: this endpoint is stateless; send JSON-RPC messages with POST');
  }
  const accept = ctx.get('Accept');
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
    return reply(ctx, 406, -32000, 'Not Acceptable: Client must accept both application/json and text/event-stream');
  }
  if (!isJsonContentType(ctx.get('Content-Type'))) {
    return reply(ctx, 415, -32000, 'Unsupported Media Type: Content-Type must be application/json');
  }
  let body: unknown;
  try {
    body = await readJsonBody(ctx.req);
  } catch (err) {
    // Streamable HTTP clients read a JSON-RPC error here, not the route's body.
    if (!(err instanceof HttpError)) throw err;
    if (err.status === 413) return reply(ctx, 413, -32000, `Payload Too Large: ${err.message}`);
    return reply(ctx, 400, -32700, 'Parse error: Invalid JSON');
  }
  if (Array.isArray(body) && body.length > MAX_BATCH_SIZE) {
    return reply(ctx, 400, -32600, `Invalid Request: Batch must not exceed ${MAX_BATCH_SIZE} messages`);
  }
  const messages = parseMessages(body);
  if (!messages) return reply(ctx, 400, -32700, 'Parse error: Invalid JSON-RPC message');
  if (messages.some(isInitializeRequest)) {
    if (messages.length > 1) return reply(ctx, 400, -32600, 'Invalid Request: Only one initialization request is allowed');
  } else {
    const version = ctx.get('Mcp-Protocol-Version');
    if (version && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
      return reply(
        ctx,
        400,
        -32000,
        `Bad Request: Unsupported protocol version: ${version} (supported versions: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`,
      );
    }
  }

  const exchange = transport.exchange(messages, { requestInfo: { headers: ctx.req.headers } });
  // Settles (and stops the handlers) if the client leaves before the answer.
  ctx.res.once('close', exchange.cancel);
  const responses = await exchange.responses;
  if (responses.length === 0) {
    // Notifications only: accepted, with no body (an explicit null keeps
    // Koa from writing the status text).
    ctx.body = null;
    ctx.status = 202;
    return;
  }
  ctx.status = 200;
  ctx.type = 'application/json';
  ctx.body = responses.length === 1 ? responses[0] : responses;
}

function parseMessages(body: unknown): JSONRPCMessage[] | undefined {
  const raw = Array.isArray(body) ? body : [body];
  const messages: JSONRPCMessage[] = [];
  for (const item of raw) {
    const parsed = JSONRPCMessageSchema.safeParse(item);
    if (!parsed.success) return undefined;
    messages.push(parsed.data);
  }
  return messages;
}

function reply(ctx: Context, status: number, code: number, message: string): void {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = jsonRpcError(code, message);
}
