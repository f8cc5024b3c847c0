// OCI request signatures (draft-cavage HTTP signatures, rsa-sha256), as the
// local stand-ins of OCI APIs check them: the real SDK signs, these verify.
import { createHash, verify } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The methods whose body OCI's signature must cover ("Request Signatures": PUT and POST; the SDK adds PATCH). */
const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);
/** What the signing string of a request with a body must include besides the target, host and date. */
const BODY_HEADERS = ['x-content-sha256', 'content-length', 'content-type'] as const;

export interface SignatureRules {
  /**
   * The request's body need not be signed: OCI documents Object Storage's
   * PutObject (and UploadPart) as exempt, and the SDK signs them without it.
   */
  readonly bodyExempt?: boolean;
}

/**
 * True when `req` is signed by one of `keys` (PEM public keys by keyId), over
 * the request target, host and date and, on a PUT or POST, over the body's
 * SHA-256, length and type, the digest being that of the body received, as
 * OCI requires; otherwise OCI answers 401. With no keys every request passes.
 */
export function verifyOciSignature(req: IncomingMessage, url: URL, body: Buffer, keys: Record<string, string>, rules: SignatureRules = {}): boolean {
  if (Object.keys(keys).length === 0) return true;
  const header = req.headers.authorization ?? '';
  const params = Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const key = keys[params.keyId];
  if (!header.startsWith('Signature ') || !key || params.algorithm !== 'rsa-sha256' || !params.signature) return false;
  // Header names are case-insensitive; the signing string has them in lower case.
  const names = (params.headers ?? 'date').split(' ').map((n) => n.toLowerCase());
  if (!names.includes('(request-target)') || !names.includes('host')) return false;
  if (!names.includes('date') && !names.includes('x-date')) return false;
  const bodySigned = BODY_METHODS.has((req.method ?? 'GET').toUpperCase()) && !rules.bodyExempt;
  if (bodySigned && !BODY_HEADERS.every((name) => names.includes(name))) return false;
  const lines = names.map((name) => name === '(request-target)'
    ? `(request-target): ${(req.method ?? 'GET').toLowerCase()} ${url.pathname}${url.search}`
    : `${name}: ${req.headers[name] ?? ''}`);
  if (names.includes('x-content-sha256')) {
    const digest = createHash('sha256').update(body).digest('base64');
    if (req.headers['x-content-sha256'] !== digest) return false;
  }
  // A signed length must be the length received, not only the one claimed.
  if (names.includes('content-length') && req.headers['content-length'] !== String(body.length)) return false;
  return verify('sha256', Buffer.from(lines.join('\n')), key, Buffer.from(params.signature, 'base64'));
}
