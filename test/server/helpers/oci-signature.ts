// OCI request signatures (draft-cavage HTTP signatures, rsa-sha256), as the
// local stand-ins of OCI APIs check them: the real SDK signs, these verify.
import { createHash, verify } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * True when `req` is signed by one of `keys` (PEM public keys by keyId), over
 * the request target, host and date, and over the body digest when it says
 * so. With no keys every request passes.
 */
export function verifyOciSignature(req: IncomingMessage, url: URL, body: Buffer, keys: Record<string, string>): boolean {
  if (Object.keys(keys).length === 0) return true;
  const header = req.headers.authorization ?? '';
  const params = Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const key = keys[params.keyId];
  if (!header.startsWith('Signature ') || !key || params.algorithm !== 'rsa-sha256' || !params.signature) return false;
  // Header names are case-insensitive; the signing string has them in lower case.
  const names = (params.headers ?? 'date').split(' ').map((n) => n.toLowerCase());
  if (!names.includes('(request-target)') || !names.includes('host')) return false;
  if (!names.includes('date') && !names.includes('x-date')) return false;
  const lines = names.map((name) => name === '(request-target)'
    ? `(request-target): ${(req.method ?? 'GET').toLowerCase()} ${url.pathname}${url.search}`
    : `${name}: ${req.headers[name] ?? ''}`);
  if (names.includes('x-content-sha256')) {
    const digest = createHash('sha256').update(body).digest('base64');
    if (req.headers['x-content-sha256'] !== digest) return false;
  }
  return verify('sha256', Buffer.from(lines.join('\n')), key, Buffer.from(params.signature, 'base64'));
}
