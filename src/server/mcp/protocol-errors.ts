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
  logger?.warn({ err: message.error.message.slice(0, 2000) }, 'internal error answered generically');
  return { jsonrpc: '2.0', id: message.id, error: { code: ErrorCode.InternalError, message: GENERIC } };
}
