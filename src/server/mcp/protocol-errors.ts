import { ErrorCode, JSONRPCMessage, isJSONRPCErrorResponse } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../logger';

const GENERIC = 'Internal error';

/**
 * The last line of defence on the way out: the SDK answers a request that
 * throws something other than an `McpError` (a zod parse of malformed params,
 * a bug) with -32603 and the thrown message, which can be a zod dump or an
 * upstream detail. Such a message is logged here and the client gets a
 * generic one instead.
 */
export function hideInternalErrorDetails(message: JSONRPCMessage, logger?: Logger): JSONRPCMessage {
  if (!isJSONRPCErrorResponse(message) || message.error.code !== ErrorCode.InternalError || message.error.message === GENERIC) {
    return message;
  }
  // The SDK parses a request's params with its zod schema before any handler
  // runs, and answers a failed parse as an internal error carrying the issues.
  const invalid = invalidParams(message.error.message);
  if (invalid) return { jsonrpc: '2.0', id: message.id, error: { code: ErrorCode.InvalidParams, message: invalid } };
  logger?.warn({ err: message.error.message.slice(0, 2000) }, 'internal error answered generically');
  return { jsonrpc: '2.0', id: message.id, error: { code: ErrorCode.InternalError, message: GENERIC } };
}

interface ZodIssue {
  readonly code: string;
  readonly path: ReadonlyArray<string | number>;
  readonly expected?: string;
}

/**
 * A short -32602 message for a zod error's text (a JSON array of issues) about
 * the request's params, naming the first bad param and, where zod says it,
 * the type expected; undefined for anything else.
 */
function invalidParams(text: string): string | undefined {
  let issues: unknown;
  try {
    issues = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  const first = issues[0] as Partial<ZodIssue>;
  if (typeof first?.code !== 'string' || !Array.isArray(first.path) || first.path[0] !== 'params') return undefined;
  const param = first.path.slice(1).filter((p) => typeof p === 'string' || typeof p === 'number').join('.');
  const expected = typeof first.expected === 'string' && /^[a-z]+$/.test(first.expected) ? ` must be a ${first.expected}` : ' is not valid';
  return param ? `invalid params: \`${param}\`${expected}` : 'invalid params';
}
