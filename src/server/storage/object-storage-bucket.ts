import * as common from 'oci-common';
import { ObjectStorageClient } from 'oci-objectstorage';
import type { Logger } from 'pino';
import { createAuthProvider } from './oci-auth';
import { classifyFailure, describeFailure } from './oci-failures';
import { CachedKeyRequestSigner } from './oci-request-signer';
import { StorageUnavailableError } from './session-store';
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

export interface Connected {
  readonly client: ObjectStorageClient;
  readonly namespace: string;
  readonly bucket: string;
}

/** A 412 (or 409) on a conditional write, resolved by the caller that set the condition. */
export class ConditionFailed extends Error {
  /** 409: OCI refused the write as conflicting, rather than its condition failing (412). */
  readonly refused: boolean;

  constructor(readonly failure: unknown) {
    super('the conditional write was refused');
    this.refused = failure instanceof common.OciError && failure.statusCode === 409;
  }
}

/**
 * One bucket, reached through the OCI SDK client: the connection made on
 * first use and the retry policy, shared by the session store and the
 * artifact store. Nothing is fetched at construction, so the server starts
 * while IAM policies still propagate; until they do, calls fail with
 * `storage_unavailable` and the next call tries again.
 */
export class ObjectStorageBucket {
  private readonly options: typeof DEFAULTS;
  private readonly logger?: Logger;
  private connected?: Promise<Connected>;

  constructor(private readonly location: ObjectStorageLocation, options: ObjectStorageStoreOptions = {}) {
    this.options = {
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxAttempts: options.maxAttempts ?? DEFAULTS.maxAttempts,
      baseDelayMs: options.baseDelayMs ?? DEFAULTS.baseDelayMs,
      maxDelayMs: options.maxDelayMs ?? DEFAULTS.maxDelayMs,
    };
    this.logger = options.logger;
  }

  /**
   * Runs one SDK call with bounded retries (backoff with full jitter) on 429,
   * 5xx and transport failures. On a `conditional` write a 412 or 409 becomes
   * {@link ConditionFailed}; any other call that meets a 409 (another
   * operation in progress) is retried like a throttled one.
   */
  async withRetries<T>(operation: string, call: (c: Connected) => Promise<T>, conditional = false): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      try {
        return await call(await this.connect());
      } catch (err) {
        failure = err;
      }
      if (failure instanceof StorageUnavailableError) throw failure;
      const kind = classifyFailure(failure);
      if (kind === 'conflict' && conditional) throw new ConditionFailed(failure);
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

  /** Logs why a call's failure is reported as storage_unavailable, and returns that error. */
  unavailable(operation: string, failure: unknown, reason: string): StorageUnavailableError {
    this.logger?.warn({ operation, ...describeFailure(failure) }, reason);
    return new StorageUnavailableError(undefined, { cause: failure });
  }

  async close(): Promise<void> {
    const connected = await this.connected?.catch(() => undefined);
    connected?.client.close();
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
    const httpClient = new common.FetchHttpClient(new CachedKeyRequestSigner(provider), null, httpOptions);
    const client = new ObjectStorageClient(
      { httpClient },
      { retryConfiguration: common.NoRetryConfigurationDetails },
    );
    client.regionId = this.location.region;
    if (this.location.endpoint) client.endpoint = this.location.endpoint;
    const namespace = this.location.namespace ?? await this.lookUpNamespace(client);
    return { client, namespace, bucket: this.location.bucket };
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

/** Reads an SDK response body whole. */
export async function bodyText(value: unknown): Promise<string> {
  if (typeof value === 'string') return value;
  // Node's fetch gives a web ReadableStream; Response reads it whole.
  return new Response(value as ReadableStream).text();
}
