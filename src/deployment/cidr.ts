/** An IPv4 CIDR block as a numeric range, for containment and overlap checks. */
export interface CidrRange {
  readonly first: number;
  readonly last: number;
  readonly prefix: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; undefined when it is not an IPv4 CIDR with its host bits zero. */
export function parseCidr(value: string): CidrRange | undefined {
  const match = CIDR.exec(value);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) return undefined;
  return { first: address, last: address + size - 1, prefix };
}

export function contains(outer: CidrRange, inner: CidrRange): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}

export function overlaps(a: CidrRange, b: CidrRange): boolean {
  return a.first <= b.last && b.first <= a.last;
}
