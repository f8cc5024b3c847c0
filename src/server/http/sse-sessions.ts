import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { JSONRPCMessage, isJSONRPCErrorResponse, isJSONRPCNotification, isJSONRPCRequest, isJSONRPCResultResponse } from '@modelcontextprotocol/sdk/types.js';
import type { Context } from 'koa';
import { sendError } from './http-errors';
import { PendingCalls } from './pending-calls';
import { readJsonBody } from './read-json-body';
import { DEFAULT_MAX_SSE_STREAMS } from '../config';
import type { Logger } from '../logger';
import type { McpServerFactory } from '../mcp/build-server';
import { hideInternalErrorDetails } from '../mcp/protocol-errors';

/** Proxies and gateways cut streams that stay quiet longer than this. */
export const SSE_KEEPALIVE_MS = 15_000;

export interface SseOptions {
  readonly keepAliveMs?: number;
  readonly maxStreams?: number;
}

interface Stream {
  readonly transport: SSEServerTransport;
  /** Requests posted on this stream and not answered yet, by JSON-RPC id. */
  readonly unanswered: Map<string, Array<() => void>>;
}

/**
 * The legacy HTTP+SSE transport (protocol 2024-11-05): a GET opens the event
 * stream, which advertises a POST channel under the same token prefix. The
 * SDK turns the endpoint it is given into an absolute path, so it gets the
 * full `/<token>/messages`; a bare `messages` would miss the gateway's prefix.
 *
 * A POST is answered 202 at once and its answer goes down the stream later,
 * so the HTTP server cannot see that work: it is counted here, and a drain
 * waits for it before ending the streams.
 */
export class SseSessions {
  private readonly streams = new Map<string, Stream>();
  private readonly pending = new PendingCalls();
  private readonly keepAliveMs: number;
  private readonly maxStreams: number;
  private draining = false;

  constructor(
    private readonly token: string,
    private readonly factory: McpServerFactory,
    private readonly logger: Logger,
    options: SseOptions = {},
  ) {
    this.keepAliveMs = options.keepAliveMs ?? SSE_KEEPALIVE_MS;
    this.maxStreams = options.maxStreams ?? DEFAULT_MAX_SSE_STREAMS;
  }

  get size(): number {
    return this.streams.size;
  }

  async open(ctx: Context): Promise<void> {
    if (ctx.method !== 'GET') {
      ctx.status = 405;
      ctx.set('Allow', 'GET, OPTIONS');
      return sendError(ctx, 405, 'method_not_allowed', 'open the event stream with GET');
    }
    if (this.draining) return shuttingDown(ctx);
    if (this.streams.size >= this.maxStreams) {
      this.logger.warn({ sse_sessions: this.streams.size }, 'SSE stream refused: at the cap');
      ctx.set('Retry-After', '5');
      return sendError(ctx, 503, 'too_many_streams', `the server has ${this.maxStreams} SSE streams open, its limit; close one, or use /mcp`);
    }
    ctx.respond = false;
    const res = ctx.res;
    // Merged into the SDK's writeHead: no buffering by nginx-style proxies.
    res.setHeader('X-Accel-Buffering', 'no');
    const transport = new SSEServerTransport(`/${this.token}/messages`, res);
    const server = this.factory.create();
    const id = transport.sessionId;
    const stream: Stream = { transport, unanswered: new Map() };
    const keepAlive = setInterval(() => res.write(': keepalive\n\n'), this.keepAliveMs);
    keepAlive.unref();
    // The server wraps this handler and closes itself with the transport;
    // closing it from here would recurse.
    transport.onclose = () => {
      clearInterval(keepAlive);
      this.streams.delete(id);
      // Nobody is left to answer: the calls are over.
      for (const ends of stream.unanswered.values()) ends.forEach((end) => end());
      stream.unanswered.clear();
    };
    const send = transport.send.bind(transport);
    transport.send = async (message: JSONRPCMessage) => {
      try {
        await send(hideInternalErrorDetails(message, this.logger));
      } finally {
        if (isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) this.answered(stream, message.id);
      }
    };
    this.streams.set(id, stream);
    await server.connect(transport);
    this.logger.debug({ sse_sessions: this.streams.size }, 'SSE stream opened');
  }

  async post(ctx: Context): Promise<void> {
    if (ctx.method !== 'POST') {
      ctx.set('Allow', 'POST, OPTIONS');
      return sendError(ctx, 405, 'method_not_allowed', 'send messages with POST');
    }
    if (this.draining) return shuttingDown(ctx);
    const id = typeof ctx.query.sessionId === 'string' ? ctx.query.sessionId : '';
    const stream = this.streams.get(id);
    if (!stream) {
      return sendError(ctx, 404, 'sse_session_not_found', 'no open SSE stream for this sessionId; open /sse again');
    }
    const body = await readJsonBody(ctx.req);
    // Checked again: the drain may have begun, or the stream closed, while the body was
    // arriving, and the closed transport would answer a bare 500.
    if (this.draining) return shuttingDown(ctx);
    if (!this.streams.has(id)) {
      return sendError(ctx, 404, 'sse_session_not_found', 'no open SSE stream for this sessionId; open /sse again');
    }
    // Counted before the transport sees it: its answer may come at once.
    const end = isJSONRPCRequest(body) ? this.track(stream, body.id) : undefined;
    ctx.respond = false;
    try {
      await stream.transport.handlePostMessage(ctx.req, ctx.res, body);
      // Anything but 202 (a wrong Content-Type, say) means the server never got the message.
      if (ctx.res.statusCode !== 202) end?.();
      // The SDK sends nothing for a cancelled request: the client has stopped waiting, so the drain must too.
      const cancelled = cancelledRequestId(body);
      if (cancelled !== undefined && ctx.res.statusCode === 202) this.answered(stream, cancelled);
    } catch (err) {
      end?.();
      // The transport has already answered the client; keep the reason.
      this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'SSE message refused');
    }
  }

  /**
   * Refuses new streams and messages, waits up to `drainMs` for the calls
   * already posted to be answered, then ends every open stream.
   */
  async closeAll(drainMs = 0): Promise<void> {
    this.draining = true;
    if (this.pending.count > 0) {
      this.logger.info({ pending_calls: this.pending.count }, 'waiting for SSE calls in flight');
      const drained = await this.pending.idle(drainMs);
      if (!drained) this.logger.warn({ pending_calls: this.pending.count }, 'SSE calls still in flight at the drain limit');
    }
    await Promise.all([...this.streams.values()].map((s) => s.transport.close()));
  }

  private track(stream: Stream, requestId: string | number): () => void {
    const end = this.pending.begin();
    const key = String(requestId);
    stream.unanswered.set(key, [...(stream.unanswered.get(key) ?? []), end]);
    return () => {
      end();
      const rest = (stream.unanswered.get(key) ?? []).filter((e) => e !== end);
      if (rest.length) stream.unanswered.set(key, rest);
      else stream.unanswered.delete(key);
    };
  }

  private answered(stream: Stream, requestId: string | number | undefined): void {
    const key = String(requestId);
    const ends = stream.unanswered.get(key);
    if (!ends) return;
    ends[0]();
    if (ends.length > 1) stream.unanswered.set(key, ends.slice(1));
    else stream.unanswered.delete(key);
  }
}

/** The request a `notifications/cancelled` names, if `body` is one. */
function cancelledRequestId(body: unknown): string | number | undefined {
  if (!isJSONRPCNotification(body) || body.method !== 'notifications/cancelled') return undefined;
  const requestId = (body.params as { requestId?: unknown } | undefined)?.requestId;
  return typeof requestId === 'string' || typeof requestId === 'number' ? requestId : undefined;
}

function shuttingDown(ctx: Context): void {
  ctx.set('Connection', 'close');
  sendError(ctx, 503, 'shutting_down', 'the server is shutting down; connect again shortly');
}
