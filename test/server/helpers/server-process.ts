import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

export const SERVER_ENTRY = path.resolve(__dirname, '../../../lib/server/main.js');

export interface ServerProcess {
  readonly base: string;
  readonly child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** What it wrote to stdout alone (the JSON log). */
  stdout(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the compiled server (`lib/`, as the package ships it) with the given
 * environment and waits until it listens.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { entry?: string; node?: string; cwd?: string; nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  const child = spawn(options.node ?? process.execPath, [...(options.nodeArgs ?? []), options.entry ?? SERVER_ENTRY], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', GALLEY_HOST: '127.0.0.1', GALLEY_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let stdout = '';
  child.stdout!.on('data', (d) => {
    out += String(d);
    stdout += String(d);
  });
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const port = await new Promise<number>((resolve, reject) => {
    // Generous: a server run from source through ts-node transpiles the whole
    // server (hearing and design) at start, which on a loaded two-core machine
    // has taken over 30 s.
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 90_000);
    const check = () => {
      const m = /"port":(\d+),"storage":"[a-z-]+","msg":"galley listening"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });

  return {
    base: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    stdout: () => stdout,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
