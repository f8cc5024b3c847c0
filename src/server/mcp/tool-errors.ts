import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { ErrorBody, GalleyError } from '../errors';
import type { Logger } from '../logger';

/** The structured `isError` result every failing tool call returns. */
export function errorResult(kind: string, message: string): CallToolResult {
  const body: ErrorBody = { error: kind, message };
  return { isError: true, content: [{ type: 'text', text: JSON.stringify(body) }] };
}

/**
 * Turns anything a handler threw into the structured result. Only our own
 * errors carry their message to the model; anything else is logged here and
 * reported generically, so internal details never reach it.
 */
export function toolErrorResult(err: unknown, tool: string, logger: Logger): CallToolResult {
  if (err instanceof GalleyError) {
    if (err.kind === 'storage_unavailable') logger.warn({ tool, err: describeCause(err) }, 'storage unavailable');
    return errorResult(err.kind, err.message);
  }
  logger.error({ tool, err: describeCause(err) }, 'tool failed unexpectedly');
  return errorResult('internal_error', 'the tool failed unexpectedly; the server log has details');
}

/** One line per invalid field: `value: Too big: expected string to have <=4000 characters`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'arguments'}: ${issue.message}`)
    .join('; ');
}

function describeCause(err: unknown): { name?: string; message?: string; cause?: string } {
  if (!(err instanceof Error)) return { message: String(err) };
  const cause = (err as { cause?: unknown }).cause;
  return { name: err.name, message: err.message, ...(cause instanceof Error && { cause: `${cause.name}: ${cause.message}` }) };
}
