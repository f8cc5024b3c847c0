import { ConditionFailed, ObjectStorageBucket, ObjectStorageLocation, ObjectStorageStoreOptions, bodyText } from './object-storage-bucket';
import { classifyFailure } from './oci-failures';
import {
  HearingSession,
  SessionStore,
  StorageUnavailableError,
  VersionConflictError,
  VersionedSession,
  assertSessionId,
} from './session-store';

export type { ObjectStorageLocation, ObjectStorageStoreOptions } from './object-storage-bucket';

/** Sessions whose last known version is kept; a hearing touches one session many times in a row. */
const CACHE_ENTRIES = 1000;
const CONTENT_TYPE = 'application/json';

/** Objects live at `sessions/<id>/session.json`; the id is checked before it gets here. */
export function sessionObjectName(id: string): string {
  assertSessionId(id);
  return `sessions/${id}/session.json`;
}

/**
 * Sessions in OCI Object Storage. Versions are ETags: create is a PUT with
 * `If-None-Match: *`, update a PUT with `If-Match: <etag>`. Nothing is fetched
 * at construction, so the server starts while IAM policies still propagate;
 * until they do, calls fail with `storage_unavailable` and the next call tries
 * again.
 */
export class ObjectStorageSessionStore implements SessionStore {
  private readonly bucket: ObjectStorageBucket;
  /** The last version this process read or wrote, per session: a start for mutations, never an answer to reads. */
  private readonly lastSeen = new Map<string, VersionedSession>();
  /** Sessions whose last write met a 409: a second one in a row is not a race (see `write`). */
  private readonly refused = new Set<string>();

  constructor(location: ObjectStorageLocation, options: ObjectStorageStoreOptions = {}) {
    this.bucket = new ObjectStorageBucket(location, options);
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
    await this.bucket.close();
  }

  private remember(versioned: VersionedSession): VersionedSession {
    const id = versioned.session.id;
    this.lastSeen.delete(id);
    this.lastSeen.set(id, versioned);
    if (this.lastSeen.size > CACHE_ENTRIES) this.lastSeen.delete(this.lastSeen.keys().next().value!);
    return versioned;
  }

  private async read(objectName: string): Promise<{ text: string; etag: string } | undefined> {
    return this.bucket.withRetries('GetObject', async ({ client, namespace, bucket }) => {
      try {
        const response = await client.getObject({ namespaceName: namespace, bucketName: bucket, objectName });
        return { text: await bodyText(response.value), etag: response.eTag };
      } catch (err) {
        if (classifyFailure(err) === 'not-found') return undefined;
        throw err;
      }
    });
  }

  /**
   * A conditional PUT, its refusal as a {@link VersionConflictError}.
   *
   * OCI answers 409 Conflict when a simultaneous write to the object is in
   * progress, but documents 409 as not transient. So a first 409 is taken for
   * a race (the caller reads afresh and retries); a second one in a row for
   * the same session means retrying will not help: storage_unavailable.
   */
  private async write(
    session: HearingSession,
    condition: { ifMatch?: string; ifNoneMatch?: string },
  ): Promise<VersionedSession> {
    const id = session.id;
    try {
      const written = await this.conditionalPut(session, condition);
      this.refused.delete(id);
      return written;
    } catch (err) {
      const refusal = err instanceof ConditionFailed && err.refused;
      if (refusal && this.refused.delete(id)) {
        throw this.bucket.unavailable('PutObject', err.failure, 'object storage refused the write with 409 Conflict twice in a row');
      }
      if (refusal) {
        this.refused.add(id);
        if (this.refused.size > CACHE_ENTRIES) this.refused.delete(this.refused.values().next().value!);
      } else {
        this.refused.delete(id);
      }
      throw err instanceof ConditionFailed ? new VersionConflictError(id) : err;
    }
  }

  /**
   * A retry after a failure that may have landed (5xx, cut connection,
   * timeout) sends the same condition again: if the first one did land, the
   * retry gets 412, and the object then holds exactly our bytes — that is
   * success, not a conflict. So no write is applied twice or lost.
   */
  private async conditionalPut(
    session: HearingSession,
    condition: { ifMatch?: string; ifNoneMatch?: string },
  ): Promise<VersionedSession> {
    const objectName = sessionObjectName(session.id);
    const body = JSON.stringify(session);
    let mayHaveLanded = false;
    try {
      return await this.bucket.withRetries('PutObject', async ({ client, namespace, bucket }) => {
        try {
          const response = await client.putObject({
            namespaceName: namespace,
            bucketName: bucket,
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
      }, true);
    } catch (err) {
      if (err instanceof ConditionFailed && mayHaveLanded) {
        const current = await this.read(objectName);
        if (current?.text === body) return { session, version: current.etag };
      }
      throw err;
    }
  }
}

function parseSession(text: string, id: string): HearingSession {
  const session = JSON.parse(text) as HearingSession;
  if (session?.id !== id) throw new StorageUnavailableError(`session ${id} is stored in an unexpected form`);
  return session;
}
