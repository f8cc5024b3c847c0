import type { Architecture } from './architecture';
import { ArchitectureNotFoundError } from './design-errors';
import type { DesignService } from './design-service';
import { GalleyError } from '../errors';
import { exportSummaryMarkdown } from './export/markdown';
import { exportMermaid } from './export/mermaid';
import type { Artifact, ArtifactStore } from '../storage/artifact-store';
import { KeyedMutex } from '../storage/keyed-mutex';

/** The pure Terraform exporter: one file per concern. */
export type TerraformExporter = (architecture: Architecture) => readonly { path: string; content: string }[];

export const SUMMARY_PATH = 'exports/summary.md';
export const MERMAID_PATH = 'exports/architecture.mmd';
export const TERRAFORM_DIR = 'terraform/';
/** Which architecture revision each stored export was made from: `{ "summary": 3, "terraform": 3 }`. */
export const REVISION_PATH = 'exports/revision.json';

type ExportPart = 'summary' | 'mermaid' | 'terraform';
type StoredRevisions = Partial<Record<ExportPart, number>>;

/** How often an export that lost a race to a change is redone from the newer revision before giving up. */
const MAX_ATTEMPTS = 3;

/** What an export wrote. */
export interface ExportResult {
  readonly session_id: string;
  readonly revision: number;
  readonly files: readonly Artifact[];
}

export interface ExportServiceOptions {
  readonly design: DesignService;
  readonly artifacts: ArtifactStore;
  readonly terraform: TerraformExporter;
  /** Per-session lock, shared with the infra layer so an export and a plan never interleave; one of its own by default. */
  readonly sessionLocks?: KeyedMutex;
}

/**
 * Runs the exporters over a session's architecture and keeps what they write
 * beside the session. Terraform is replaced wholesale (`terraform/`), so a
 * file the previous revision had and this one does not is gone.
 *
 * Exports of one session run one at a time in this process, and never
 * beside a plan or an edit of its Terraform (the lock is shared), so two
 * never interleave their delete and write. Across processes the stored revision
 * marker is the guard: an export never replaces files made from a newer
 * revision, and one whose architecture changed while it ran is redone.
 */
export class ExportService {
  private readonly design: DesignService;
  private readonly artifacts: ArtifactStore;
  private readonly terraform: TerraformExporter;
  private readonly lock: KeyedMutex;

  constructor(options: ExportServiceOptions) {
    this.lock = options.sessionLocks ?? new KeyedMutex();
    this.design = options.design;
    this.artifacts = options.artifacts;
    this.terraform = options.terraform;
  }

  async exportSummary(id: string): Promise<ExportResult> {
    return this.run(id, { summary: true });
  }

  async exportMermaid(id: string): Promise<ExportResult> {
    return this.run(id, { mermaid: true });
  }

  async exportIac(id: string): Promise<ExportResult> {
    return this.run(id, { terraform: true });
  }

  async exportAll(id: string, options: { terraform?: boolean } = {}): Promise<ExportResult> {
    return this.run(id, { summary: true, mermaid: true, terraform: options.terraform ?? true });
  }

  /** A stored export by its path (`exports/summary.md`, `terraform/main.tf`), or `artifact_not_found`. */
  async read(id: string, path: string): Promise<Artifact> {
    await this.design.getSession(id);
    const found = await this.artifacts.getArtifact(id, path);
    if (!found) throw new GalleyError('artifact_not_found', `session ${id} has no ${path}; run the export first`);
    return found;
  }

  /** The stored exports' paths. */
  async list(id: string): Promise<string[]> {
    return this.artifacts.listArtifacts(id, '');
  }

  private async run(id: string, what: { summary?: boolean; mermaid?: boolean; terraform?: boolean }): Promise<ExportResult> {
    return this.lock.run(id, () => this.runLocked(id, what, 1));
  }

  private async runLocked(id: string, what: { summary?: boolean; mermaid?: boolean; terraform?: boolean }, attempt: number): Promise<ExportResult> {
    const session = await this.design.getSession(id);
    const architecture = session.architecture;
    if (!architecture) throw new ArchitectureNotFoundError(id);
    const files: Artifact[] = [];
    if (what.summary) {
      const { findings } = this.design.report(session, architecture);
      files.push({ path: SUMMARY_PATH, content: exportSummaryMarkdown({ session, architecture, findings, catalog: this.design.catalog }) });
    }
    if (what.mermaid) files.push({ path: MERMAID_PATH, content: exportMermaid(architecture, this.design.catalog) });
    const terraform = what.terraform
      ? this.terraform(architecture).map((f) => ({ path: `${TERRAFORM_DIR}${f.path}`, content: f.content }))
      : [];
    files.push(...terraform);

    // Another replica may have changed the architecture while this one rendered:
    // storing now would replace a newer export with an older one.
    // The marker is read first: a newer export it shows was made from an architecture the re-read then sees.
    const parts = (['summary', 'mermaid', 'terraform'] as const).filter((part) => what[part]);
    const stored = await this.storedRevisions(id);
    const current = (await this.design.getSession(id)).architecture?.revision ?? architecture.revision;
    const newer = Math.max(current, ...parts.map((part) => stored[part] ?? -1));
    if (newer > architecture.revision) {
      if (current > architecture.revision && attempt < MAX_ATTEMPTS) return this.runLocked(id, what, attempt + 1);
      throw new GalleyError('conflict', `the architecture of session ${id} changed to revision ${newer} during the export of revision ${architecture.revision}; export again`);
    }

    // The marker goes first, so a slower export of an older revision that starts now sees it and stops.
    const marker: StoredRevisions = { ...stored };
    for (const part of parts) marker[part] = architecture.revision;
    await this.artifacts.putArtifacts(id, [{ path: REVISION_PATH, content: `${JSON.stringify(marker)}\n` }]);
    if (what.terraform) await this.artifacts.deleteArtifacts(id, TERRAFORM_DIR);
    await this.artifacts.putArtifacts(id, files);
    return { session_id: id, revision: architecture.revision, files };
  }

  /** The revisions the stored exports were made from; a missing or unreadable marker counts as none. */
  private async storedRevisions(id: string): Promise<StoredRevisions> {
    const found = await this.artifacts.getArtifact(id, REVISION_PATH);
    if (!found) return {};
    try {
      const parsed: unknown = JSON.parse(found.content);
      if (!parsed || typeof parsed !== 'object') return {};
      const result: StoredRevisions = {};
      for (const part of ['summary', 'mermaid', 'terraform'] as const) {
        const value = (parsed as Record<string, unknown>)[part];
        if (typeof value === 'number' && Number.isInteger(value)) result[part] = value;
      }
      return result;
    } catch {
      return {};
    }
  }
}
