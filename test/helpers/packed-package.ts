import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** Runs a command to completion; a non-zero exit is an error carrying its output. */
export function run(cmd: string, args: string[], cwd: string): string {
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/**
 * What a user gets from npm: `npm pack` of this repository (compiled), installed
 * into a fresh app under `work` together with `extra` packages. Returns the app's directory.
 */
export function installPackedPackage(work: string, options: { omitDev?: boolean; extra?: string[] } = {}): string {
  const tarball = run('npm', ['pack', '--pack-destination', work, '--silent'], ROOT).trim().split('\n').pop()!;
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  run('npm', [
    'install', '--no-audit', '--no-fund', ...(options.omitDev ? ['--omit=dev'] : []), join(work, tarball), ...(options.extra ?? []),
  ], app);
  return app;
}
