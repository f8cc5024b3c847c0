import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-errors';

/** The largest request body any route accepts. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads and parses a JSON body, refusing anything over `limit` bytes before
 * buffering it (by Content-Length when given, by counting otherwise).
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw tooLarge(limit);
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'parse_error', 'the request body is not valid JSON');
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'payload_too_large', `the request body exceeds ${limit} bytes`);
}
