// A local stand-in of the OCI Object Storage REST API, for tests only: enough
// of it for the session store (GetNamespace, Put/Get/Head/Delete/ListObjects),
// with real ETag / If-Match / If-None-Match semantics, request-signature
// verification against the test key, and fault injection.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackStandIn, readBody } from './loopback-stand-in';
import { verifyOciSignature } from './oci-signature';

export type Operation = 'GetNamespace' | 'GetObject' | 'HeadObject' | 'PutObject' | 'DeleteObject' | 'ListObjects';

/** What happens to one request instead of (or besides) being served. */
export type Fault =
  | { readonly kind: 'status'; readonly status: 429 | 500 | 503 }
  /**
   * 409 on a conditional write: OCI may refuse a write to an object while
   * another one to it is in progress (unconfirmed for OCI's native API; its
   * S3-compatible API is reported to). The exact service code is unknown.
   * Nothing is applied.
   */
  | { readonly kind: 'concurrent-write' }
  /** The connection is cut before the request is applied. */
  | { readonly kind: 'drop-before' }
  /** The request is applied, then the connection is cut: the client cannot tell it landed. */
  | { readonly kind: 'drop-after' };

interface StoredObject {
  readonly body: Buffer;
  readonly etag: string;
  readonly contentType: string;
}

export interface StandInOptions {
  readonly namespace?: string;
  readonly buckets?: string[];
  /** PEM public keys by keyId; requests must be signed by one of them. */
  readonly keys?: Record<string, string>;
}

export class ObjectStorageStandIn extends LoopbackStandIn {
  readonly namespace: string;
  /** Per-request latency in ms, applied before anything else. */
  latencyMs = 0;
  /** Chance (0..1) that a request meets one of `randomFaults`. */
  faultRate = 0;
  randomFaults: Fault[] = [];
  /** While true every PutObject meets 409 Conflict: a refusal that retrying does not clear. */
  persistentConflict = false;
  /** Requests served or faulted, by operation. */
  readonly counts = new Map<Operation, number>();
  /** Requests refused for a bad or missing signature. */
  unsignedRequests = 0;

  private readonly buckets = new Map<string, Map<string, StoredObject>>();
  private readonly queuedFaults: Fault[] = [];
  private readonly holds = new Map<Operation, Array<() => Promise<void>>>();
  private readonly keys: Record<string, string>;

  constructor(options: StandInOptions = {}) {
    super();
    this.namespace = options.namespace ?? 'galleytestns';
    for (const bucket of options.buckets ?? ['galley-sessions']) this.buckets.set(bucket, new Map());
    this.keys = options.keys ?? {};
  }

  /** Makes a bucket appear, as when an IAM policy finally propagates. */
  addBucket(name: string): void {
    if (!this.buckets.has(name)) this.buckets.set(name, new Map());
  }

  /**
   * The next request of `op` is held once it has arrived (signed and
   * counted) until `release()`, as a slow backend would hold it.
   */
  hold(op: Operation): { readonly arrived: Promise<void>; release(): void } {
    let arrive!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.set(op, [...(this.holds.get(op) ?? []), () => {
      arrive();
      return released;
    }]);
    return { arrived, release };
  }

  /** The next requests meet these faults, one each, in order. */
  injectFaults(...faults: Fault[]): void {
    this.queuedFaults.push(...faults);
  }

  count(op: Operation): number {
    return this.counts.get(op) ?? 0;
  }

  resetCounts(): void {
    this.counts.clear();
  }

  /** The stored object's text, for assertions. */
  objectText(bucket: string, name: string): string | undefined {
    return this.buckets.get(bucket)?.get(name)?.body.toString('utf8');
  }

  objectNames(bucket: string): string[] {
    return [...(this.buckets.get(bucket)?.keys() ?? [])].sort();
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const route = this.route(req.method ?? 'GET', url.pathname);
    if (!route) return reply(res, 404, { code: 'NotFound', message: 'no such API' });
    this.counts.set(route.op, (this.counts.get(route.op) ?? 0) + 1);

    if (!verifyOciSignature(req, url, body, this.keys, { bodyExempt: route.op === 'PutObject' })) {
      this.unsignedRequests++;
      return reply(res, 401, { code: 'NotAuthenticated', message: 'The required information to complete authentication was not provided or was incorrect.' });
    }

    const held = this.holds.get(route.op)?.shift();
    if (held) await held();

    if (this.persistentConflict && route.op === 'PutObject') {
      return reply(res, 409, { code: 'Conflict', message: 'The operation could not be completed because of a conflict' });
    }
    const fault = this.queuedFaults.shift() ?? this.randomFault();
    if (fault?.kind === 'status') {
      return reply(res, fault.status, { code: fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', message: 'injected' });
    }
    if (fault?.kind === 'drop-before') return void req.socket.destroy();
    if (fault?.kind === 'concurrent-write' && route.op === 'PutObject') {
      return reply(res, 409, { code: 'Conflict', message: 'Another operation on this object is in progress' });
    }

    const respond = fault?.kind === 'drop-after' ? () => req.socket.destroy() : undefined;
    this.serve(route, req, url, body, res, respond);
  }

  private randomFault(): Fault | undefined {
    if (this.faultRate <= 0 || this.randomFaults.length === 0 || Math.random() >= this.faultRate) return undefined;
    return this.randomFaults[Math.floor(Math.random() * this.randomFaults.length)];
  }

  private route(method: string, path: string): { op: Operation; bucket?: string; object?: string } | undefined {
    if (path === '/n' || path === '/n/') return method === 'GET' ? { op: 'GetNamespace' } : undefined;
    const match = /^\/n\/([^/]+)\/b\/([^/]+)\/o(?:\/(.+))?$/.exec(path);
    if (!match || decodeURIComponent(match[1]) !== this.namespace) return undefined;
    const bucket = decodeURIComponent(match[2]);
    const object = match[3] === undefined ? undefined : decodeURIComponent(match[3]);
    if (object === undefined) return method === 'GET' ? { op: 'ListObjects', bucket } : undefined;
    const ops: Record<string, Operation> = { GET: 'GetObject', HEAD: 'HeadObject', PUT: 'PutObject', DELETE: 'DeleteObject' };
    return ops[method] ? { op: ops[method], bucket, object } : undefined;
  }

  private serve(
    route: { op: Operation; bucket?: string; object?: string },
    req: IncomingMessage,
    url: URL,
    body: Buffer,
    res: ServerResponse,
    cutInstead?: () => void,
  ): void {
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) =>
      cutInstead ? cutInstead() : reply(res, status, payload, headers, req.method === 'HEAD');
    if (route.op === 'GetNamespace') return send(200, this.namespace);

    const objects = this.buckets.get(route.bucket!);
    if (!objects) {
      return send(404, { code: 'BucketNotFound', message: `Either the bucket named '${route.bucket}' does not exist in the namespace '${this.namespace}' or you are not authorized to access it` });
    }
    if (route.op === 'ListObjects') {
      const prefix = url.searchParams.get('prefix') ?? '';
      const names = [...objects.keys()].filter((n) => n.startsWith(prefix)).sort();
      return send(200, { objects: names.map((name) => ({ name })) });
    }

    const name = route.object!;
    const current = objects.get(name);
    const ifMatch = req.headers['if-match'];
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifMatch !== undefined && ifMatch !== current?.etag) {
      return send(412, { code: 'IfMatchFailed', message: 'The If-Match header does not match the current ETag' });
    }
    if (ifNoneMatch === '*' && current) {
      return send(412, { code: 'IfNoneMatchFailed', message: 'The object already exists' });
    }
    switch (route.op) {
      case 'GetObject':
      case 'HeadObject':
        if (!current) return send(404, { code: 'ObjectNotFound', message: `The object '${name}' was not found in the bucket '${route.bucket}'` });
        return cutInstead ? cutInstead() : reply(res, 200, current.body, { 'etag': current.etag, 'content-type': current.contentType }, req.method === 'HEAD');
      case 'PutObject': {
        const etag = randomUUID();
        objects.set(name, { body, etag, contentType: String(req.headers['content-type'] ?? 'application/octet-stream') });
        return send(200, undefined, { 'etag': etag, 'last-modified': new Date().toUTCString() });
      }
      case 'DeleteObject':
        if (!current) return send(404, { code: 'ObjectNotFound', message: `The object '${name}' was not found` });
        objects.delete(name);
        return send(204);
    }
  }
}

function reply(res: ServerResponse, status: number, payload?: unknown, headers: Record<string, string> = {}, headOnly = false): void {
  const body = payload === undefined ? undefined : Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload));
  res.writeHead(status, {
    'opc-request-id': randomUUID(),
    ...(body && !headers['content-type'] ? { 'content-type': 'application/json' } : {}),
    ...(body ? { 'content-length': String(body.length) } : {}),
    ...headers,
  });
  res.end(headOnly ? undefined : body);
}
