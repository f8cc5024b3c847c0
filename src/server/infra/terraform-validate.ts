import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runProcess } from './child-process';
import { isTerraformFileName } from './terraform-files';

/** One problem Terraform found, pointing at the file the model edits. */
export interface TerraformDiagnostic {
  readonly severity: 'error' | 'warning';
  /** The file name as `update_terraform_file` takes it (`main.tf`), when Terraform named one. */
  readonly file?: string;
  readonly line?: number;
  readonly summary: string;
  readonly detail: string;
}

export interface ValidationResult {
  readonly valid: boolean;
  readonly diagnostics: TerraformDiagnostic[];
  /** The files after `terraform fmt` (only when valid), by name. */
  readonly formatted: ReadonlyMap<string, string>;
}

export interface TerraformValidatorOptions {
  /** Holds one working directory per session; the provider stays installed there between runs. */
  readonly workDir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly terraform?: string;
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
const MAX_DIAGNOSTICS = 50;

/**
 * The container's own Terraform, offline: `init -backend=false`, `validate
 * -json`, then `fmt`. A mistake found here costs seconds, not a Resource
 * Manager job.
 */
export class TerraformValidator {
  private readonly terraform: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: TerraformValidatorOptions) {
    this.terraform = options.terraform ?? 'terraform';
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * `files` are by name (`main.tf`); `key` names the working directory (the
   * session id) and must be a safe path segment. Callers serialise runs per key.
   */
  async validate(key: string, files: ReadonlyMap<string, string>): Promise<ValidationResult> {
    const dir = join(this.options.workDir, key);
    await this.replaceFiles(dir, files);

    const init = await this.run(dir, ['init', '-backend=false', '-input=false', '-json']);
    if (init.exitCode !== 0) {
      const diagnostics = parseJsonLines(init.stdout);
      return invalid(diagnostics.length ? diagnostics : [failure('terraform init failed', init.stderr || init.stdout)]);
    }
    const validate = await this.run(dir, ['validate', '-json', '-no-color']);
    let report: { valid?: boolean; diagnostics?: RawDiagnostic[] };
    try {
      report = JSON.parse(validate.stdout);
    } catch {
      return invalid([failure('terraform validate printed no report', validate.stderr)]);
    }
    const diagnostics = (report.diagnostics ?? []).map(toDiagnostic).slice(0, MAX_DIAGNOSTICS);
    if (!report.valid) return invalid(diagnostics);

    const fmt = await this.run(dir, ['fmt', '-no-color']);
    if (fmt.exitCode !== 0) return invalid([failure('terraform fmt failed', fmt.stderr)]);
    const formatted = new Map<string, string>();
    for (const name of files.keys()) formatted.set(name, await readFile(join(dir, name), 'utf8'));
    return { valid: true, diagnostics, formatted };
  }

  /** The session's files, and only those: a file the model removed must not linger. */
  private async replaceFiles(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    for (const entry of await readdir(dir)) {
      if (isTerraformFileName(entry)) await rm(join(dir, entry), { force: true });
    }
    for (const [name, content] of files) {
      if (!isTerraformFileName(name)) throw new Error(`not a terraform file name: ${name}`);
      await writeFile(join(dir, name), content);
    }
  }

  private run(dir: string, args: string[]) {
    return runProcess([this.terraform, ...args], {
      cwd: dir,
      env: { ...this.options.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' },
      timeoutMs: this.timeoutMs,
      maxOutputBytes: MAX_OUTPUT_BYTES,
    });
  }
}

interface RawDiagnostic {
  severity?: string;
  summary?: string;
  detail?: string;
  range?: { filename?: string; start?: { line?: number } };
}

function toDiagnostic(raw: RawDiagnostic): TerraformDiagnostic {
  return {
    severity: raw.severity === 'warning' ? 'warning' : 'error',
    ...(raw.range?.filename && { file: raw.range.filename }),
    ...(raw.range?.start?.line !== undefined && { line: raw.range.start.line }),
    summary: raw.summary ?? '',
    detail: raw.detail ?? '',
  };
}

/** `terraform init -json` prints one JSON object a line; the diagnostics are the ones with a file. */
function parseJsonLines(stdout: string): TerraformDiagnostic[] {
  const found: TerraformDiagnostic[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { type?: string; diagnostic?: RawDiagnostic };
      if (entry.type === 'diagnostic' && entry.diagnostic) found.push(toDiagnostic(entry.diagnostic));
    } catch {
      // Not a JSON line: ignore.
    }
  }
  // The "problems during initialisation" preamble names no file and says nothing the others do not.
  const located = found.filter((d) => d.file);
  return (located.length ? located : found).slice(0, MAX_DIAGNOSTICS);
}

function failure(summary: string, detail: string): TerraformDiagnostic {
  return { severity: 'error', summary, detail: detail.trim().slice(0, 2000) };
}

function invalid(diagnostics: TerraformDiagnostic[]): ValidationResult {
  return { valid: false, diagnostics, formatted: new Map() };
}
