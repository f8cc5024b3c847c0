import { lstat, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runProcess } from './child-process';
import { redactSecrets } from './job-log';
import { isTerraformFileName } from './terraform-files';
import { ALLOWED_PROVIDERS, findRefusedConstructs } from './terraform-guard';

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
  /**
   * Holds one working directory per run of a session, removed when the run
   * ends, and the shared provider cache (`.plugin-cache`) unless the
   * environment names one in TF_PLUGIN_CACHE_DIR.
   */
  readonly workDir: string;
  /** The server's child environment; terraform gets only `TERRAFORM_ENV` of it. */
  readonly env: Readonly<Record<string, string>>;
  /** Exact values never to return in a diagnostic (the URL token). */
  readonly secrets?: readonly string[];
  readonly terraform?: string;
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
const MAX_DIAGNOSTICS = 50;
/**
 * All terraform needs to find itself, its CLI config (the provider mirror)
 * and its plugin cache. No OCI_* (validate talks to no cloud) and nothing
 * else a diagnostic could ever quote.
 */
const TERRAFORM_ENV = ['PATH', 'HOME', 'TF_CLI_CONFIG_FILE', 'TF_PLUGIN_CACHE_DIR'] as const;
/** The shared provider cache's name in `workDir`: a dot name, never a session id. */
const PLUGIN_CACHE = '.plugin-cache';

/** The environment the terraform child sees: `TERRAFORM_ENV` of `env`, and nothing more. */
export function terraformChildEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  const child: Record<string, string> = { TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  for (const name of TERRAFORM_ENV) if (env[name] !== undefined) child[name] = env[name];
  return child;
}

/**
 * The container's own Terraform: `init -backend=false -get=false` (the
 * oracle/oci provider from the image's mirror), `validate -json`, then
 * `fmt`. A mistake found here costs seconds, not a Resource Manager job.
 * Validate evaluates functions and init installs what the files name, so
 * `findRefusedConstructs` runs first, and every diagnostic is redacted.
 */
export class TerraformValidator {
  /** The runs in flight, each with its working directory once made. */
  private readonly running = new Map<Promise<unknown>, { dir?: string }>();
  private readonly terraform: string;
  private readonly timeoutMs: number;
  private readonly env: Record<string, string>;

  constructor(private readonly options: TerraformValidatorOptions) {
    this.terraform = options.terraform ?? 'terraform';
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // One provider cache for every session, so a run's directory can go when
    // the run ends. The cache holds only what init took from the mirror; with
    // a fresh directory there is no lock file yet, and Terraform uses the
    // cache then only when told it may.
    this.env = {
      ...terraformChildEnv({ TF_PLUGIN_CACHE_DIR: join(options.workDir, PLUGIN_CACHE), ...options.env }),
      TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: 'true',
    };
  }

  /**
   * `files` are by name (`main.tf`); `key` names the working directory (the
   * session id) and must be a safe path segment. Callers serialise runs per key.
   */
  validate(key: string, files: ReadonlyMap<string, string>): Promise<ValidationResult> {
    const run = { dir: undefined as string | undefined };
    const result = this.validateRun(key, files, run);
    const settled = result.then(() => undefined, () => undefined);
    this.running.set(settled, run);
    void settled.then(() => this.running.delete(settled));
    return result;
  }

  /**
   * For a shutdown, once the terraform children are stopped: waits up to
   * `limitMs` for the runs in flight to end (each removes its directory as it
   * does), then removes the directory of any still going, so no session's
   * Terraform stays on the server's disk.
   */
  async close(limitMs: number): Promise<void> {
    const runs = [...this.running];
    if (runs.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(runs.map(([settled]) => settled)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, limitMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
    // allSettled: a directory that cannot go must not keep the process from exiting.
    await Promise.allSettled(runs.flatMap(([, run]) => (run.dir ? [rm(run.dir, { recursive: true, force: true })] : [])));
  }

  /** How many runs are in flight. */
  get inFlight(): number {
    return this.running.size;
  }

  private async validateRun(key: string, files: ReadonlyMap<string, string>, run: { dir?: string }): Promise<ValidationResult> {
    const refused = findRefusedConstructs(files);
    if (refused.length) return this.invalid(refused);
    // Terraform runs the provider it finds in these: nobody else may put one there.
    await privateDir(this.options.workDir);
    await privateDir(this.env.TF_PLUGIN_CACHE_DIR);
    // A fresh directory per run: two runs of one session (two replicas on one
    // host, or a retry) never share, nor remove, each other's.
    const dir = await mkdtemp(join(this.options.workDir, `${key}-`));
    run.dir = dir;
    try {
      return this.withoutPath(await this.validateIn(dir, files), dir);
    } finally {
      // Nothing of a session stays on the server's disk between runs.
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** `path.cwd` and friends would show the model the server's directories. */
  private withoutPath(result: ValidationResult, dir: string): ValidationResult {
    const strip = (text: string) => text.split(dir).join('.').split(this.options.workDir).join('.');
    return { ...result, diagnostics: result.diagnostics.map((d) => ({ ...d, summary: strip(d.summary), detail: strip(d.detail) })) };
  }

  private async validateIn(dir: string, files: ReadonlyMap<string, string>): Promise<ValidationResult> {
    await this.writeFiles(dir, files);

    // Terraform's own reading of which providers the files need, before init installs any of them:
    // what the guard's scan missed (escaped labels, computed keys) is caught here.
    const providers = await this.run(dir, ['providers', '-no-color']);
    // Fails closed: what Terraform cannot read here, init must not act on (a backend it cannot load, say).
    if (providers.exitCode !== 0) {
      const errors = parseHumanErrors(providers.stderr);
      return this.invalid(errors.length ? errors : [failure('terraform could not read the configuration', providers.stderr || providers.stdout)]);
    }
    const needed = notAllowed([...providers.stdout.matchAll(/provider\[([^\]]+)\]/g)].map((m) => m[1]));
    if (needed.length) {
      return this.invalid([...new Set(needed)].map((p) => failure('only the oracle/oci provider is accepted',
        p === 'registry.terraform.io/hashicorp/oci'
          ? 'the files use oci_* without saying where oci comes from: add terraform { required_providers { oci = { source = "oracle/oci" } } }'
          : `the files need ${p}; terraform here installs oracle/oci and nothing else`)));
    }
    // -get=false: module sources are never fetched, whatever slipped past the guard.
    const init = await this.run(dir, ['init', '-backend=false', '-get=false', '-input=false', '-json']);
    if (init.exitCode !== 0) {
      const diagnostics = parseJsonLines(init.stdout);
      return this.invalid(diagnostics.length ? diagnostics : [failure('terraform init failed', init.stderr || init.stdout)]);
    }
    // Init installs what the files name, and validate runs it: only oracle/oci may have come.
    const foreign = await foreignProviders(dir);
    if (foreign.length) {
      return this.invalid(foreign.map((p) => failure('only the oracle/oci provider is accepted', `terraform init installed ${p}; nothing ran it`)));
    }
    const validate = await this.run(dir, ['validate', '-json', '-no-color']);
    let report: { valid?: boolean; diagnostics?: RawDiagnostic[] };
    try {
      report = JSON.parse(validate.stdout);
    } catch {
      return this.invalid([failure('terraform validate printed no report', validate.stderr)]);
    }
    const diagnostics = (report.diagnostics ?? []).map(toDiagnostic).slice(0, MAX_DIAGNOSTICS);
    if (!report.valid) return this.invalid(diagnostics);

    const fmt = await this.run(dir, ['fmt', '-no-color']);
    if (fmt.exitCode !== 0) return this.invalid([failure('terraform fmt failed', fmt.stderr)]);
    const formatted = new Map<string, string>();
    for (const name of files.keys()) formatted.set(name, await readFile(join(dir, name), 'utf8'));
    return { valid: true, diagnostics: diagnostics.map((d) => this.redact(d)), formatted };
  }

  /** Diagnostics go to the model: the same redaction as the job logs, the URL token included. */
  private redact(d: TerraformDiagnostic): TerraformDiagnostic {
    const secrets = this.options.secrets ?? [];
    return { ...d, summary: redactSecrets(d.summary, secrets), detail: redactSecrets(d.detail, secrets) };
  }

  private invalid(diagnostics: TerraformDiagnostic[]): ValidationResult {
    return { valid: false, diagnostics: diagnostics.map((d) => this.redact(d)), formatted: new Map() };
  }

  /** The session's files into the run's fresh directory (made empty by mkdtemp: nothing of an earlier run is there). */
  private async writeFiles(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
    for (const [name, content] of files) {
      if (!isTerraformFileName(name)) throw new Error(`not a terraform file name: ${name}`);
      await writeFile(join(dir, name), content);
    }
  }

  private run(dir: string, args: string[]) {
    return runProcess([this.terraform, ...args], {
      cwd: dir,
      env: this.env,
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

/** The providers init selected (its lock file) other than oracle/oci. */
async function foreignProviders(dir: string): Promise<string[]> {
  const lock = await readFile(join(dir, '.terraform.lock.hcl'), 'utf8').catch(() => '');
  return notAllowed([...lock.matchAll(/^provider\s+"([^"]+)"/gm)].map((m) => m[1]));
}

/** The provider addresses, as Terraform prints them, that a session's Terraform may not use. */
function notAllowed(addresses: readonly string[]): string[] {
  return addresses.filter((p) => !ALLOWED_PROVIDERS.has(p.toLowerCase()));
}

/** Makes `path` if need be, and refuses one that is a link, someone else's, or writable by others. */
async function privateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  const stat = await lstat(path);
  const uid = process.getuid?.();
  // Permission bits are bits: group- or world-writable.
  // eslint-disable-next-line no-bitwise
  const writableByOthers = (stat.mode & 0o022) !== 0;
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || writableByOthers) {
    throw new Error(`refusing to run terraform: ${path} is not a private directory of this user`);
  }
}

/**
 * Terraform's human-readable errors (`terraform providers` has no -json):
 * each starts `Error: <summary>`, then `on <file> line <n>:`, the source
 * lines, and the detail.
 */
export function parseHumanErrors(stderr: string): TerraformDiagnostic[] {
  return stderr.split(/^(?:\u2502 )?Error: /m).slice(1).slice(0, MAX_DIAGNOSTICS).map((chunk) => {
    const lines = chunk.split('\n').map((l) => l.replace(/^[\u2502\u2575\u2577] ?/, ''));
    const at = /^\s*on (\S+) line (\d+)/m.exec(lines.join('\n'));
    // The detail is what follows the source excerpt (the lines that start with a line number).
    const rest = lines.slice(1).filter((l) => !/^\s*on \S+ line \d+/.test(l) && !/^\s*\d+: /.test(l)).join('\n').trim();
    return {
      severity: 'error' as const,
      ...(at && { file: at[1], line: Number(at[2]) }),
      summary: lines[0].trim(),
      detail: rest.slice(0, 2000),
    };
  });
}
