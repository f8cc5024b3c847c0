import * as common from 'oci-common';
import { ObjectStorageClient } from 'oci-objectstorage';
import type { Logger } from 'pino';
import { createAuthProvider } from './oci-auth';
import { classifyFailure, describeFailure } from './oci-failures';
import {
  HearingSession,
  SessionStore,
  StorageUnavailableError,
  VersionConflictError,
  VersionedSession,
  assertSessionId,
} from './session-store';
import type { OciAuthConfig } from '../config';

export interface ObjectStorageLocation {
  readonly bucket: string;
  /** Looked up (and remembered) at first use when not given. */
  readonly namespace?: string;
  readonly region: string;
  /** Overrides the regional endpoint; tests point it at a local stand-in. */
  readonly endpoint?: string;
  readonly auth: OciAuthConfig;
}

export interface ObjectStorageStoreOptions {
  /** Per HTTP call, body included. */
  readonly timeoutMs?: number;
  /** Attempts per operation, the first included, for 429, 5xx and transport failures. */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly logger?: Logger;
}

const DEFAULTS = { timeoutMs: 10_000, maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2_000 };
/** Sessions whose last known version is kept; a hearing touches one session many times in a row. */
const CACHE_ENTRIES = 1000;
const CONTENT_TYPE = 'application/json';

/** Objects live at `sessions/<id>/session.json`; the id is checked before it gets here. */
export function sessionObjectName(id: string): string {
  assertSessionId(id);
  return `sessions/${id}/session.json`;
}

interface Connected {
  readonly client: ObjectStorageClient;
  readonly namespace: string;
}

/**
 * Sessions in OCI Object Storage. Versions are ETags: create is a PUT with
 * `If-None-Match: *`, update a PUT with `If-Match: <etag>`. Nothing is fetched
 * at construction, so the server starts while IAM policies still propagate;
 * until they do, calls fail with `storage_unavailable` and the next call tries
 * again.
 */
export class ObjectStorageSessionStore implements SessionStore {
  private readonly options: typeof DEFAULTS;
  private readonly logger?: Logger;
  private connected?: Promise<Connected>;
  /** The last version this process read or wrote, per session: a start for mutations, never an answer to reads. */
  private readonly lastSeen = new Map<string, VersionedSession>();

  constructor(private readonly location: ObjectStorageLocation, options: ObjectStorageStoreOptions = {}) {
    this.options = {
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxAttempts: options.maxAttempts ?? DEFAULTS.maxAttempts,
      baseDelayMs: options.baseDelayMs ?? DEFAULTS.baseDelayMs,
      maxDelayMs: options.maxDelayMs ?? DEFAULTS.maxDelayMs,
    };
    this.logger = options.logger;
  }

  async get(id: string): Promise<VersionedSession | undefined> {
    const objectName = sessionObjectName(id);
    const found = await this.read(objectName);
    if (!found) {
      this.lastSeen.delete(id);
      return undefined;
    }
    return this.remember({ session: parseSession(found.text, id), version: found.etag });
  }

  /**
   * The version this process last saw, without a request: in steady state a
   * save is then one conditional PUT. Another process's write in between
   * makes that PUT fail with 412, and the retry reads afresh.
   */
  lastKnown(id: string): VersionedSession | undefined {
    return this.lastSeen.get(id);
  }

  async create(session: HearingSession): Promise<VersionedSession> {
    return this.remember(await this.write(session, { ifNoneMatch: '*' }));
  }

  async put(session: HearingSession, expectedVersion: string): Promise<VersionedSession> {
    // A failed write leaves the last known version as it was: a conflict's
    // retry reads afresh, and If-Match guards every other case.
    return this.remember(await this.write(session, { ifMatch: expectedVersion }));
  }

  async close(): Promise<void> {
    this.lastSeen.clear();
    const connected = await this.connected?.catch(() => undefined);
    connected?.client.close();
  }

  private remember(versioned: VersionedSession): VersionedSession {
    const id = versioned.session.id;
    this.lastSeen.delete(id);
    this.lastSeen.set(id, versioned);
    if (this.lastSeen.size > CACHE_ENTRIES) this.lastSeen.delete(this.lastSeen.keys().next().value!);
    return versioned;
  }

  private async read(objectName: string): Promise<{ text: string; etag: string } | undefined> {
    return this.withRetries('GetObject', async ({ client, namespace }) => {
      try {
        const response = await client.getObject({ namespaceName: namespace, bucketName: this.location.bucket, objectName });
        return { text: await bodyText(response.value), etag: response.eTag };
      } catch (err) {
        if (classifyFailure(err) === 'not-found') return undefined;
        throw err;
      }
    });
  }

  /**
   * A conditional PUT. A retry after a failure that may have landed (5xx, cut
   * connection, timeout) sends the same condition again: if the first one did
   * land, the retry gets 412, and the object then holds exactly our bytes —
   * that is success, not a conflict. So no write is applied twice or lost.
   */
  private async write(
    session: HearingSession,
    condition: { ifMatch?: string; ifNoneMatch?: string },
  ): Promise<VersionedSession> {
    const objectName = sessionObjectName(session.id);
    const body = JSON.stringify(session);
    let mayHaveLanded = false;
    try {
      return await this.withRetries('PutObject', async ({ client, namespace }) => {
        try {
          const response = await client.putObject({
            namespaceName: namespace,
            bucketName: this.location.bucket,
            objectName,
            putObjectBody: body,
            contentLength: Buffer.byteLength(body),
            contentType: CONTENT_TYPE,
            ...condition,
          });
          return { session, version: response.eTag };
        } catch (err) {
          if (classifyFailure(err) === 'transient') mayHaveLanded = true;
          throw err;
        }
      });
    } catch (err) {
      if (!(err instanceof ConditionFailed)) throw err;
      if (mayHaveLanded) {
        const current = await this.read(objectName);
        if (current?.text === body) return { session, version: current.etag };
      }
      throw new VersionConflictError(session.id);
    }
  }

  /** Runs one SDK call with bounded retries (backoff with full jitter) on 429, 5xx, transport failures and a read's 409. */
  private async withRetries<T>(operation: string, call: (c: Connected) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      try {
        return await call(await this.connect());
      } catch (err) {
        failure = err;
      }
      if (failure instanceof StorageUnavailableError) throw failure;
      const kind = classifyFailure(failure);
      // Only writes carry a condition; a read that meets a 409 (another
      // operation in progress) is retried like a throttled one.
      if (kind === 'conflict' && operation === 'PutObject') throw new ConditionFailed();
      if (kind === 'unavailable' || kind === 'not-found') {
        this.logger?.warn({ operation, ...describeFailure(failure) }, 'object storage refused the request');
        throw new StorageUnavailableError(undefined, { cause: failure });
      }
      if (attempt >= this.options.maxAttempts) {
        this.logger?.warn({ operation, attempts: attempt, ...describeFailure(failure) }, 'object storage unreachable');
        throw new StorageUnavailableError(undefined, { cause: failure });
      }
      const ceiling = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }

  /** The client and namespace, made on first use; a failure is forgotten so the next call tries again. */
  private connect(): Promise<Connected> {
    if (!this.connected) {
      this.connected = this.makeClient().catch((err: unknown) => {
        this.connected = undefined;
        throw err instanceof StorageUnavailableError ? err : new StorageUnavailableError(undefined, { cause: err });
      });
    }
    return this.connected;
  }

  private async makeClient(): Promise<Connected> {
    const provider = createAuthProvider(this.location.auth);
    const timeoutMs = this.options.timeoutMs;
    // The SDK's own retrier and circuit breaker are off: retries here know
    // which writes are safe to repeat, and a tripped breaker would delay
    // recovery after an outage. The getter hands every request a fresh timeout.
    const httpOptions = {
      get signal() {
        return AbortSignal.timeout(timeoutMs);
      },
    };
    const httpClient = new common.FetchHttpClient(new common.DefaultRequestSigner(provider), null, httpOptions);
    const client = new ObjectStorageClient(
      { httpClient },
      { retryConfiguration: common.NoRetryConfigurationDetails },
    );
    client.regionId = this.location.region;
    if (this.location.endpoint) client.endpoint = this.location.endpoint;
    const namespace = this.location.namespace ?? await this.lookUpNamespace(client);
    return { client, namespace };
  }

  private async lookUpNamespace(client: ObjectStorageClient): Promise<string> {
    try {
      return (await client.getNamespace({})).value;
    } catch (err) {
      client.close();
      this.logger?.warn({ operation: 'GetNamespace', ...describeFailure(err) }, 'object storage namespace lookup failed');
      throw new StorageUnavailableError(undefined, { cause: err });
    }
  }
}

/** A 412 (or 409) inside the retry loop, resolved by `write()`. */
class ConditionFailed extends Error {}

async function bodyText(value: unknown): Promise<string> {
  if (typeof value === 'string') return value;
  // Node's fetch gives a web ReadableStream; Response reads it whole.
  return new Response(value as ReadableStream).text();
}

function parseSession(text: string, id: string): HearingSession {
  const session = JSON.parse(text) as HearingSession;
  if (session?.id !== id) throw new StorageUnavailableError(`session ${id} is stored in an unexpected form`);
  return session;
}
