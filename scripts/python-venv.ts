// Pinned Python tools (checkov, hadolint, the OCI CLI) for the tests: each is
// installed from PyPI into its own cached virtual environment, named for a hash
// of its requirements file, so a changed pin installs afresh and an unchanged
// one is reused across runs and worktrees.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface PythonTool {
  /** The cache directory's prefix: `galley-<name>-<hash>`. */
  readonly name: string;
  /** The pinned requirements file. */
  readonly requirements: string;
  /** The executable to return, in the environment's `bin/`. */
  readonly executable: string;
  /** pip's `--require-hashes`: every package pinned with its hashes (the image's own install). */
  readonly requireHashes?: boolean;
}

/** The tool's executable, installed on first use and reused after. */
export function ensurePythonTool(tool: PythonTool): string {
  const stamp = createHash('sha256').update(readFileSync(tool.requirements)).digest('hex').slice(0, 16);
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  const venv = join(cache, `galley-${tool.name}-${stamp}`);
  const done = join(venv, '.installed');
  if (!existsSync(done)) {
    rmSync(venv, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    const args = ['install', '--quiet', '--disable-pip-version-check', ...(tool.requireHashes ? ['--require-hashes'] : []), '-r', tool.requirements];
    const pip = spawnSync(join(venv, 'bin', 'pip'), args, { encoding: 'utf8' });
    if (pip.status !== 0) throw new Error(`installing ${tool.name} failed:\n${pip.stdout}${pip.stderr}`);
    writeFileSync(done, `${stamp}\n`);
  }
  return join(venv, 'bin', tool.executable);
}
