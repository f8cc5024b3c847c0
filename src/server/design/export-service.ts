import type { Architecture } from './architecture';
import { ArchitectureNotFoundError } from './design-errors';
import type { DesignService } from './design-service';
import { GalleyError } from '../errors';
import { exportSummaryMarkdown } from './export/markdown';
import { exportMermaid } from './export/mermaid';
import type { Artifact, ArtifactStore } from '../storage/artifact-store';

/** The pure Terraform exporter: one file per concern. */
export type TerraformExporter = (architecture: Architecture) => readonly { path: string; content: string }[];

export const SUMMARY_PATH = 'exports/summary.md';
export const MERMAID_PATH = 'exports/architecture.mmd';
export const TERRAFORM_DIR = 'terraform/';

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
}

/**
 * Runs the exporters over a session's architecture and keeps what they write
 * beside the session. Terraform is replaced wholesale (`terraform/`), so a
 * file the previous revision had and this one does not is gone.
 */
export class ExportService {
  private readonly design: DesignService;
  private readonly artifacts: ArtifactStore;
  private readonly terraform: TerraformExporter;

  constructor(options: ExportServiceOptions) {
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
    if (what.terraform) await this.artifacts.deleteArtifacts(id, TERRAFORM_DIR);
    files.push(...terraform);
    await this.artifacts.putArtifacts(id, files);
    return { session_id: id, revision: architecture.revision, files };
  }
}
