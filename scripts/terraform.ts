// Runs Terraform the same way for every task and test: with the CLI config the
// caller set, or, on our offline machines, the local provider mirror that
// ../shared/terraform/install-mirror lays out. Elsewhere Terraform installs
// oracle/oci from its registry; nothing here knows what the mirror holds.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..');
const INSTALL_MIRROR = resolve(REPO_ROOT, '..', 'shared', 'terraform', 'install-mirror');

let cachedEnv: NodeJS.ProcessEnv | undefined;

/** The environment Terraform runs in: quiet, no update checks, the mirror if needed. */
export function terraformEnv(): NodeJS.ProcessEnv {
  if (cachedEnv) return cachedEnv;
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  // A config path that does not exist is one Terraform itself ignores (with a
  // warning), so it counts as unset.
  const configured = env.TF_CLI_CONFIG_FILE && existsSync(env.TF_CLI_CONFIG_FILE);
  if (!configured && existsSync(INSTALL_MIRROR)) {
    const printed = execFileSync(INSTALL_MIRROR, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const match = /export TF_CLI_CONFIG_FILE='([^']+)'/.exec(printed);
    if (!match) throw new Error(`${INSTALL_MIRROR} printed no TF_CLI_CONFIG_FILE`);
    env.TF_CLI_CONFIG_FILE = match[1];
  }
  cachedEnv = env;
  return env;
}

export interface TerraformResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `terraform <args>` in `cwd`; never throws on a non-zero exit. */
export function terraform(args: string[], cwd: string): TerraformResult {
  const result = spawnSync(process.env.TERRAFORM ?? 'terraform', args, {
    cwd,
    env: terraformEnv(),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * `terraform()` without blocking, so a test can run a few at once; `env` adds
 * to the usual environment (e.g. `TF_DATA_DIR` to share one init).
 */
export function terraformAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<TerraformResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.env.TERRAFORM ?? 'terraform', args, { cwd, env: { ...terraformEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status: status ?? 1, stdout, stderr }));
  });
}

/** Like `terraform()`, but a non-zero exit is an error carrying Terraform's output. */
export function terraformOrThrow(args: string[], cwd: string): string {
  const result = terraform(args, cwd);
  if (result.status !== 0) {
    throw new Error(`terraform ${args.join(' ')} failed in ${cwd}:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/** `terraform init` without a backend, for validation and schema reads. */
export function terraformInit(cwd: string): void {
  terraformOrThrow(['init', '-backend=false', '-input=false', '-no-color'], cwd);
}

export const TERRAFORM_SCRATCH = join(REPO_ROOT, 'node_modules', '.cache', 'galley-terraform');
