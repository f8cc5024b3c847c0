import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { GalleyError } from '../errors';

/**
 * A failed resource read as the JSON-RPC error the client gets. Not an
 * `McpError`: that bakes `MCP error <code>: ` into its message, the SDK sends
 * the message as is, and the client's own `McpError` prefixes it again
 * (`MCP error -32602: MCP error -32602: ...`). The SDK takes the code from
 * `code` and sends `message` unchanged.
 */
export class ResourceReadError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
    this.name = 'ResourceReadError';
  }
}

/** Our own failures pass with their kind; anything else becomes `fallback` (an internal error). */
export function resourceReadError(err: unknown, fallback: string): ResourceReadError {
  if (err instanceof GalleyError) return new ResourceReadError(ErrorCode.InvalidParams, `${err.kind}: ${err.message}`);
  return new ResourceReadError(ErrorCode.InternalError, fallback);
}
