// Installs the pinned checkov (scripts/checkov-requirements.txt) into a cached
// virtual environment and runs it; the tests scan the synthesized stacks with it.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './terraform';

const REQUIREMENTS = join(REPO_ROOT, 'scripts', 'checkov-requirements.txt');
export const CHECKOV_CONFIG = join(REPO_ROOT, 'deploy', '.checkov.yaml');

/** The checkov executable, installed on first use (about a minute) and reused after. */
export function ensureCheckov(): string {
  const stamp = createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex').slice(0, 16);
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  const venv = join(cache, `galley-checkov-${stamp}`);
  const bin = join(venv, 'bin', 'checkov');
  const done = join(venv, '.installed');
  if (!existsSync(done)) {
    rmSync(venv, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    const pip = spawnSync(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', REQUIREMENTS], {
      encoding: 'utf8',
    });
    if (pip.status !== 0) throw new Error(`installing checkov failed:\n${pip.stdout}${pip.stderr}`);
    writeFileSync(done, `${stamp}\n`);
  }
  return bin;
}

export interface CheckovSummary {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly failedChecks: string[];
}

/** Scans the `*.tf.json` in `dir` (the plain terraform framework would skip them). */
export function runCheckov(dir: string): CheckovSummary {
  const result = spawnSync(ensureCheckov(), [
    '--directory', dir,
    '--config-file', CHECKOV_CONFIG,
    '--framework', 'terraform_json',
    '--output', 'json',
    '--quiet',
    '--compact',
  ], {
    encoding: 'utf8',
    // Keeps checkov off the network: no guideline or platform lookups.
    env: { ...process.env, BC_SKIP_MAPPING: 'TRUE', CHECKOV_RUN_SCA_PACKAGE_SCAN_V2: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  let report: any;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    throw new Error(`checkov printed no JSON report (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
  const summary = Array.isArray(report) ? report[0] : report;
  if (!summary?.summary) throw new Error(`checkov scanned nothing in ${dir}: ${result.stdout.slice(0, 500)}`);
  return {
    passed: summary.summary.passed,
    failed: summary.summary.failed,
    skipped: summary.summary.skipped,
    failedChecks: (summary.results?.failed_checks ?? []).map((c: any) => `${c.check_id} ${c.resource}: ${c.check_name}`),
  };
}
