/**
 * Files that belong to a session but are not part of its document: exports
 * (Markdown, Mermaid, Terraform) and the Terraform the infra layer edits.
 * Kept beside the session: `sessions/<id>/<path>` in the bucket, the session's
 * directory in the file store.
 */
export interface Artifact {
  /** Relative, `/`-separated, e.g. `exports/rev-3/summary.md` or `terraform/main.tf`. */
  readonly path: string;
  readonly content: string;
}

export interface ArtifactStore {
  /** Writes the files (each atomically: a crash never leaves a torn file). */
  putArtifacts(sessionId: string, artifacts: readonly Artifact[]): Promise<void>;
  /** One file, or `undefined`. */
  getArtifact(sessionId: string, path: string): Promise<Artifact | undefined>;
  /** The paths under `prefix` (a directory, ending in `/`, or '' for all), sorted. */
  listArtifacts(sessionId: string, prefix: string): Promise<string[]>;
  /** Removes the files under `prefix`; used when a directory is replaced wholesale. */
  deleteArtifacts(sessionId: string, prefix: string): Promise<void>;
  /** Releases resources (optional: a file store holds none). */
  close?(): Promise<void>;
}
