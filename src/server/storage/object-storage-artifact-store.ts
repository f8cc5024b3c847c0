import { assertArtifactPath, assertArtifactPrefix } from './artifact-paths';
import type { Artifact, ArtifactStore } from './artifact-store';
import { ObjectStorageBucket, ObjectStorageLocation, ObjectStorageStoreOptions, bodyText } from './object-storage-bucket';
import { classifyFailure } from './oci-failures';
import { assertSessionId } from './session-store';

/** Artifacts written at once; a Terraform export is a handful of files. */
const PARALLEL_WRITES = 8;

/** `sessions/<id>/`: the session's prefix, beside its `session.json`. */
function sessionPrefix(sessionId: string): string {
  assertSessionId(sessionId);
  return `sessions/${sessionId}/`;
}

/**
 * Artifacts in the bucket under the session's prefix,
 * `sessions/<id>/<path>`. An object PUT is atomic (readers see the old
 * object or the new one), so no temporary objects are needed.
 */
export class ObjectStorageArtifactStore implements ArtifactStore {
  private readonly bucket: ObjectStorageBucket;

  constructor(location: ObjectStorageLocation, options: ObjectStorageStoreOptions = {}) {
    this.bucket = new ObjectStorageBucket(location, options);
  }

  async putArtifacts(sessionId: string, artifacts: readonly Artifact[]): Promise<void> {
    for (const a of artifacts) assertArtifactPath(a.path);
    const prefix = sessionPrefix(sessionId);
    const queue = [...artifacts];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { path, content } = next;
        // An unconditional PUT of the same bytes is safe to repeat, so every failure may be retried.
        await this.bucket.withRetries('PutObject', ({ client, namespace, bucket }) => client.putObject({
          namespaceName: namespace,
          bucketName: bucket,
          objectName: prefix + path,
          putObjectBody: content,
          contentLength: Buffer.byteLength(content),
          contentType: contentTypeOf(path),
        }));
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_WRITES, artifacts.length) }, worker));
  }

  async getArtifact(sessionId: string, path: string): Promise<Artifact | undefined> {
    assertArtifactPath(path);
    const objectName = sessionPrefix(sessionId) + path;
    return this.bucket.withRetries('GetObject', async ({ client, namespace, bucket }) => {
      try {
        const response = await client.getObject({ namespaceName: namespace, bucketName: bucket, objectName });
        return { path, content: await bodyText(response.value) };
      } catch (err) {
        if (classifyFailure(err) === 'not-found') return undefined;
        throw err;
      }
    });
  }

  async listArtifacts(sessionId: string, prefix: string): Promise<string[]> {
    assertArtifactPrefix(prefix);
    const base = sessionPrefix(sessionId);
    const names: string[] = [];
    let start: string | undefined;
    do {
      const page = await this.bucket.withRetries('ListObjects', ({ client, namespace, bucket }) => client.listObjects({
        namespaceName: namespace,
        bucketName: bucket,
        prefix: base + prefix,
        start,
      }));
      for (const o of page.listObjects.objects) names.push(o.name.slice(base.length));
      start = page.listObjects.nextStartWith;
    } while (start);
    // The session document shares the prefix but is not an artifact.
    return names.filter((n) => n !== 'session.json').sort();
  }

  async deleteArtifacts(sessionId: string, prefix: string): Promise<void> {
    const paths = await this.listArtifacts(sessionId, prefix);
    const base = sessionPrefix(sessionId);
    for (const path of paths) {
      await this.bucket.withRetries('DeleteObject', async ({ client, namespace, bucket }) => {
        try {
          await client.deleteObject({ namespaceName: namespace, bucketName: bucket, objectName: base + path });
        } catch (err) {
          // Gone already (a retry after a delete that landed): that is what was asked.
          if (classifyFailure(err) !== 'not-found') throw err;
        }
      });
    }
  }

  async close(): Promise<void> {
    await this.bucket.close();
  }
}

function contentTypeOf(path: string): string {
  if (path.endsWith('.md')) return 'text/markdown; charset=utf-8';
  if (path.endsWith('.json')) return 'application/json';
  return 'text/plain; charset=utf-8';
}
