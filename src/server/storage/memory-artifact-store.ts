import { assertArtifactPath, assertArtifactPrefix } from './artifact-paths';
import type { Artifact, ArtifactStore } from './artifact-store';
import { assertSessionId } from './session-store';

/** Artifacts in process memory, with the durable stores' path rules. For tests and throwaway runs. */
export class MemoryArtifactStore implements ArtifactStore {
  private readonly files = new Map<string, string>();

  async putArtifacts(sessionId: string, artifacts: readonly Artifact[]): Promise<void> {
    assertSessionId(sessionId);
    for (const a of artifacts) assertArtifactPath(a.path);
    for (const a of artifacts) this.files.set(`${sessionId}/${a.path}`, a.content);
  }

  async getArtifact(sessionId: string, path: string): Promise<Artifact | undefined> {
    assertSessionId(sessionId);
    assertArtifactPath(path);
    const content = this.files.get(`${sessionId}/${path}`);
    return content === undefined ? undefined : { path, content };
  }

  async listArtifacts(sessionId: string, prefix: string): Promise<string[]> {
    assertSessionId(sessionId);
    assertArtifactPrefix(prefix);
    const base = `${sessionId}/${prefix}`;
    return [...this.files.keys()].filter((k) => k.startsWith(base)).map((k) => k.slice(sessionId.length + 1)).sort();
  }

  async deleteArtifacts(sessionId: string, prefix: string): Promise<void> {
    for (const path of await this.listArtifacts(sessionId, prefix)) this.files.delete(`${sessionId}/${path}`);
  }
}
