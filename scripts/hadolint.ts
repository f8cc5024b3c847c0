// Runs the pinned hadolint (scripts/hadolint-requirements.txt) on a Dockerfile;
// the tests hold docker/Dockerfile to no finding at warning level or above.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePythonTool } from './python-venv';
import { REPO_ROOT } from './terraform';

const REQUIREMENTS = join(REPO_ROOT, 'scripts', 'hadolint-requirements.txt');
/** The strict configuration, given explicitly: hadolint otherwise reads a .hadolint.yaml from the cwd or home. */
export const HADOLINT_CONFIG = join(REPO_ROOT, 'scripts', 'hadolint.yaml');

export interface HadolintFinding {
  readonly code: string;
  readonly level: string;
  readonly line: number;
  readonly message: string;
}

/** hadolint's findings at `warning` or above (`error`), from its JSON report. */
export function runHadolint(file: string): HadolintFinding[] {
  const hadolint = ensurePythonTool({ name: 'hadolint', requirements: REQUIREMENTS, executable: 'hadolint' });
  // No HADOLINT_* variable (HADOLINT_IGNORE, HADOLINT_NOFAIL, HADOLINT_OVERRIDE_INFO, ...) may loosen it either.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('HADOLINT_')));
  // An empty working directory as well, in case a hadolint version looks there despite --config.
  const cwd = mkdtempSync(join(tmpdir(), 'galley-hadolint-cwd-'));
  let result;
  try {
    result = spawnSync(hadolint, ['--config', HADOLINT_CONFIG, '--format', 'json', '--failure-threshold', 'warning', '--no-color', file], {
      encoding: 'utf8',
      cwd,
      env: { ...env, XDG_CONFIG_HOME: '/nonexistent' },
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  if (result.error) throw result.error;
  let findings: HadolintFinding[];
  try {
    findings = JSON.parse(result.stdout);
  } catch {
    throw new Error(`hadolint printed no JSON report (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
  const relevant = findings.filter((f) => f.level === 'warning' || f.level === 'error');
  // Its exit status and its report must agree, or something else went wrong.
  if ((relevant.length > 0) !== (result.status !== 0)) {
    throw new Error(`hadolint exited ${result.status} with ${relevant.length} findings:\n${result.stdout}${result.stderr}`);
  }
  return relevant.map(({ code, level, line, message }) => ({ code, level, line, message }));
}
