// Pinned Python tools (checkov, hadolint, the OCI CLI) for the tests: each is
// installed from PyPI into its own cached virtual environment, named for a hash
// of its requirements file, so a changed pin installs afresh and an unchanged
// one is reused across runs and worktrees. Jest's workers (and other worktrees)
// may want the same tool at once; an exclusive lock beside the environment makes
// one of them build it while the others wait, instead of deleting each other's
// half-built environment. (A venv cannot be built elsewhere and renamed into
// place: its scripts name their interpreter by absolute path.)
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  if (existsSync(done)) return join(venv, 'bin', tool.executable);
  mkdirSync(cache, { recursive: true });
  const release = acquireLock(`${venv}.lock`);
  try {
    // Another process may have finished it while this one waited.
    if (!existsSync(done)) {
      rmSync(venv, { recursive: true, force: true });
      execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
      const args = ['install', '--quiet', '--disable-pip-version-check', ...(tool.requireHashes ? ['--require-hashes'] : []), '-r', tool.requirements];
      const pip = spawnSync(join(venv, 'bin', 'pip'), args, { encoding: 'utf8' });
      if (pip.status !== 0) throw new Error(`installing ${tool.name} failed:\n${pip.stdout}${pip.stderr}`);
      writeFileSync(done, `${stamp}\n`);
    }
  } finally {
    release();
  }
  return join(venv, 'bin', tool.executable);
}

/** A lock older than this is a crashed holder's on another host (same-host holders are checked by PID). */
const STALE_LOCK_MS = 30 * 60_000;
/** How long to wait for a live holder before giving up. */
const LOCK_WAIT_MS = 30 * 60_000;
const POLL_MS = 250;
const OWNERLESS_STALE_MS = 10_000;

/**
 * Takes the exclusive lock `dir` (mkdir is atomic), waiting while a live
 * process holds it; a lock whose holder is gone is taken over. Returns the release.
 */
export function acquireLock(dir: string, waitMs = LOCK_WAIT_MS): () => void {
  const owner = join(dir, 'owner');
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(owner, `${process.pid}\n`);
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (isStale(dir, owner)) {
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${dir}, held by another process`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, POLL_MS);
  }
}

function isStale(dir: string, owner: string): boolean {
  let age: number;
  try {
    age = Date.now() - statSync(dir).mtimeMs;
  } catch {
    return false; // Just released: look again.
  }
  if (age > STALE_LOCK_MS) return true;
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(owner, 'utf8'), 10);
  } catch {
    // Just taken, its owner not written yet; still unwritten after a while, its taker died.
    return age > OWNERLESS_STALE_MS;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    // EPERM: alive, someone else's. ESRCH: gone.
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
