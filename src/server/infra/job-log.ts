/** What a plan, apply or destroy log says it will change or changed. */
export interface ChangeCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
}

/**
 * Reads Terraform's own summary lines: `Plan: 3 to add, 0 to change, 0 to
 * destroy.`, `No changes.`, `Apply complete! Resources: 3 added, 0 changed,
 * 0 destroyed.` and `Destroy complete! Resources: 3 destroyed.` The last one
 * in the log wins.
 */
export function parseChangeCounts(log: string): ChangeCounts | undefined {
  let counts: ChangeCounts | undefined;
  for (const line of log.split('\n')) {
    const plan = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy/.exec(line);
    if (plan) counts = { add: Number(plan[1]), change: Number(plan[2]), destroy: Number(plan[3]) };
    else if (/No changes\.|Your infrastructure matches the configuration/.test(line)) counts = { add: 0, change: 0, destroy: 0 };
    const applied = /Apply complete! Resources: (\d+) added, (\d+) changed, (\d+) destroyed/.exec(line);
    if (applied) counts = { add: Number(applied[1]), change: Number(applied[2]), destroy: Number(applied[3]) };
    const destroyed = /Destroy complete! Resources: (\d+) destroyed/.exec(line);
    if (destroyed) counts = { add: 0, change: 0, destroy: Number(destroyed[1]) };
  }
  return counts;
}

const REDACTED = '[REDACTED]';
const OCID = /ocid1\.[a-z0-9_-]+\.[a-z0-9_-]*\.[a-z0-9_-]*\.[a-z0-9._-]+/gi;
const PEM = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g;
// `password = "..."`, `"api_key": "..."`, `token: ...`, ... up to the end of the value.
const SECRET_ASSIGNMENT =
  /((?:password|passwd|secret|token|api[_-]?key|private[_-]?key|auth[_-]?token|access[_-]?key|credential)s?["']?\s*[:=]\s*["']?)([^\s"',}]+)/gi;
const AUTH_HEADER = /\b(Bearer|Basic|Signature)\s+[A-Za-z0-9._~+/=,"-]{16,}/g;
// Long runs that look like keys or tokens: 32+ hex, or 40+ base64 with a digit.
const LONG_HEX = /\b[0-9a-fA-F]{32,}\b/g;
const LONG_BASE64 = /(?<![A-Za-z0-9+/=])(?=[A-Za-z0-9+/]*\d)[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=])/g;

/**
 * Hides what looks secret in text that goes to the model: the given exact
 * values (the URL token), PEM blocks, `password = ...`-style assignments,
 * authorization headers and long key-like runs. OCIDs are kept: they are
 * identifiers the model needs, not secrets.
 */
export function redactSecrets(text: string, exact: readonly string[] = []): string {
  let out = text;
  for (const value of exact) if (value) out = out.split(value).join(REDACTED);
  const ocids: string[] = [];
  out = out.replace(OCID, (m) => `\u0000${ocids.push(m) - 1}\u0000`);
  out = out
    .replace(PEM, REDACTED)
    .replace(SECRET_ASSIGNMENT, (_m, key: string) => `${key}${REDACTED}`)
    .replace(AUTH_HEADER, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(LONG_HEX, REDACTED)
    .replace(LONG_BASE64, REDACTED);
  return out.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => ocids[Number(i)]);
}

/** The last `maxLines` lines, and at most `maxChars` characters of them. */
export function tail(text: string, maxLines: number, maxChars: number): { text: string; truncated: boolean } {
  const lines = text.split('\n');
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  let kept = lines.slice(-maxLines).join('\n');
  if (kept.length > maxChars) kept = kept.slice(kept.length - maxChars);
  return { text: kept, truncated: kept.length < text.trimEnd().length };
}
