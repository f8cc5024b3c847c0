// Installs the pinned checkov (scripts/checkov-requirements.txt) into a cached
// virtual environment and runs it; the tests scan the synthesized stacks with it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensurePythonTool } from './python-venv';
import { REPO_ROOT } from './terraform';

const REQUIREMENTS = join(REPO_ROOT, 'scripts', 'checkov-requirements.txt');
export const CHECKOV_CONFIG = join(REPO_ROOT, 'deploy', '.checkov.yaml');

/** The checkov executable, installed on first use (about a minute) and reused after. */
export function ensureCheckov(): string {
  return ensurePythonTool({ name: 'checkov', requirements: REQUIREMENTS, executable: 'checkov' });
}

export interface CheckovSummary {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Files checkov could not parse, and so checked nothing in: a scan with any is no scan. */
  readonly parsingErrors: number;
  readonly failedChecks: string[];
}

/** Scans the `*.tf.json` in `dir` (the plain terraform framework would skip them). */
export function runCheckov(dir: string): CheckovSummary {
  return scan(['--directory', dir, '--config-file', CHECKOV_CONFIG, '--framework', 'terraform_json'], dir);
}

/** Scans one Dockerfile with checkov's `dockerfile` framework (no skips: none are configured). */
export function runCheckovOnDockerfile(file: string): CheckovSummary {
  return scan(['--file', file, '--framework', 'dockerfile'], file);
}

function scan(target: string[], dir: string): CheckovSummary {
  const result = spawnSync(ensureCheckov(), [
    ...target,
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
    parsingErrors: summary.summary.parsing_errors ?? 0,
    failedChecks: (summary.results?.failed_checks ?? []).map((c: any) => `${c.check_id} ${c.resource}: ${c.check_name}`),
  };
}
