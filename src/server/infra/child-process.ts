import { spawn } from 'node:child_process';

export interface RunOptions {
  readonly cwd?: string;
  /** The whole environment the child sees (already scrubbed: see `scrubChildEnv`). */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Bytes kept of stdout and of stderr each; the rest is counted, not kept. */
  readonly maxOutputBytes: number;
}

export interface RunResult {
  /** `null` when the child was killed (timeout) or died by a signal. */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** Output past the cap was dropped. */
  readonly truncated: boolean;
}

/**
 * Runs `argv[0]` with the rest as its arguments, never through a shell, so
 * no argument is ever interpreted. The child is killed at the timeout, and a
 * child that floods its output cannot grow this process's memory.
 */
export function runProcess(argv: readonly string[], options: RunOptions): Promise<RunResult> {
  const [command, ...args] = argv;
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...options.env },
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the timeout kills what it started too.
      detached: true,
    });
    const out = new CappedBuffer(options.maxOutputBytes);
    const err = new CappedBuffer(options.maxOutputBytes);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    let settled = false;
    const finish = (exitCode: number | null, spawnError?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        exitCode,
        stdout: out.text(),
        stderr: spawnError ? `cannot start ${command}: ${(spawnError as NodeJS.ErrnoException).code ?? spawnError.message}` : err.text(),
        timedOut,
        truncated: out.truncated || err.truncated,
      });
    };
    child.once('error', (e) => finish(null, e));
    child.once('close', (code) => finish(code));
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly cap: number) {}

  push(chunk: Buffer): void {
    const room = this.cap - this.size;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (kept !== chunk) this.truncated = true;
    this.chunks.push(kept);
    this.size += kept.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
