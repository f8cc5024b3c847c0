import type { Artifact, ArtifactStore } from '../../../src/server/storage/artifact-store';

/** The artifact store contract in memory, for tests until the file and Object Storage ones land. */
export class MemoryArtifactStore implements ArtifactStore {
  private readonly files = new Map<string, Map<string, string>>();

  async putArtifacts(sessionId: string, artifacts: readonly Artifact[]): Promise<void> {
    const session = this.files.get(sessionId) ?? new Map<string, string>();
    for (const a of artifacts) session.set(a.path, a.content);
    this.files.set(sessionId, session);
  }

  async getArtifact(sessionId: string, path: string): Promise<Artifact | undefined> {
    const content = this.files.get(sessionId)?.get(path);
    return content === undefined ? undefined : { path, content };
  }

  async listArtifacts(sessionId: string, prefix: string): Promise<string[]> {
    return [...(this.files.get(sessionId)?.keys() ?? [])].filter((p) => p.startsWith(prefix)).sort();
  }

  async deleteArtifacts(sessionId: string, prefix: string): Promise<void> {
    const session = this.files.get(sessionId);
    for (const path of [...(session?.keys() ?? [])]) if (path.startsWith(prefix)) session!.delete(path);
  }
}
