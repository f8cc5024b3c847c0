// Installs the pinned OCI CLI (docker/oci-cli-requirements.txt, the image's
// own pins) into a cached virtual environment; the run_oci_cli tests drive it
// against the local Object Storage stand-in.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './terraform';

const REQUIREMENTS = join(REPO_ROOT, 'docker', 'oci-cli-requirements.txt');

/** The `oci` executable, installed on first use (a few minutes) and reused after. */
export function ensureOciCli(): string {
  const stamp = createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex').slice(0, 16);
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  const venv = join(cache, `galley-oci-cli-${stamp}`);
  const bin = join(venv, 'bin', 'oci');
  const done = join(venv, '.installed');
  if (!existsSync(done)) {
    rmSync(venv, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    const pip = spawnSync(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '--require-hashes', '-r', REQUIREMENTS], {
      encoding: 'utf8',
    });
    if (pip.status !== 0) throw new Error(`installing the OCI CLI failed:\n${pip.stdout}${pip.stderr}`);
    writeFileSync(done, `${stamp}\n`);
  }
  return bin;
}

if (require.main === module) process.stdout.write(`${ensureOciCli()}\n`);
