import type { Context } from 'koa';
import type { ErrorBody } from '../errors';

/** Route-level failures, answered with the same `{error, message}` body as tools. */
export class HttpError extends Error {
  constructor(public readonly status: number, public readonly kind: string, message: string) {
    super(message);
  }
}

export function sendError(ctx: Context, status: number, kind: string, message: string): void {
  const body: ErrorBody = { error: kind, message };
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = body;
}

/** A JSON-RPC error response for MCP endpoints, where clients expect one. */
export function jsonRpcError(code: number, message: string) {
  return { jsonrpc: '2.0' as const, error: { code, message }, id: null };
}
