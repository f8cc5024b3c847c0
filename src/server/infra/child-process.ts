import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { GalleyError } from '../errors';

export interface RunOptions {
  readonly cwd?: string;
  /** The whole environment the child sees (already scrubbed: see `scrubChildEnv`). */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Bytes kept of stdout and of stderr each; the rest is counted, not kept. */
  readonly maxOutputBytes: number;
  /** Where the child is kept while it runs, for a shutdown to stop it; the process's own by default. */
  readonly registry?: ChildProcessRegistry;
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

/** How long a stopped child gets between SIGTERM and SIGKILL. */
export const STOP_GRACE_MS = 2_000;
/** After SIGKILL, how long to wait for the pipes to close (a grandchild that left the group can hold them). */
const KILLED_WAIT_MS = 1_000;

export interface LiveChild {
  /** Resolves when the child has closed its output (or never started). */
  readonly closed: Promise<void>;
  /** Set when a shutdown signalled it, so its run reports that, not a bare failure. */
  stopped: boolean;
}

/**
 * The process groups of the children still running. The children run
 * detached (their own group, so a kill reaches what they start), and a
 * detached child outlives this process unless something ends it: a shutdown
 * calls `stopAll()` before it exits.
 */
export class ChildProcessRegistry {
  private readonly live = new Map<number, LiveChild>();
  private stopping?: Promise<void>;

  /** True once `stopAll()` was called: no child starts after that. */
  get stopped(): boolean {
    return this.stopping !== undefined;
  }

  /** How many children run now. */
  get size(): number {
    return this.live.size;
  }

  /** @internal runProcess keeps its child here from spawn to close. */
  add(pid: number, closed: Promise<void>): LiveChild {
    const entry: LiveChild = { closed, stopped: false };
    this.live.set(pid, entry);
    void closed.then(() => this.live.delete(pid));
    return entry;
  }

  /**
   * Ends every child's process group: SIGTERM, then SIGKILL for those still
   * there after `graceMs`. Resolves when all have closed (or, past the
   * SIGKILL, after a short wait, so a shutdown never hangs on one). Later
   * calls return the same promise, and no child starts once it was called.
   */
  stopAll(graceMs = STOP_GRACE_MS): Promise<void> {
    this.stopping ??= this.stopLive(graceMs);
    return this.stopping;
  }

  private async stopLive(graceMs: number): Promise<void> {
    const children = [...this.live];
    if (children.length === 0) return;
    for (const [pid, child] of children) {
      child.stopped = true;
      signalGroup(pid, 'SIGTERM');
    }
    const allClosed = Promise.all(children.map(([, child]) => child.closed));
    if (await settlesWithin(allClosed, graceMs)) return;
    for (const [pid] of children) if (this.live.has(pid)) signalGroup(pid, 'SIGKILL');
    await settlesWithin(allClosed, KILLED_WAIT_MS);
  }
}

/** The registry every child of this process goes to unless a caller names another. */
export const childProcesses = new ChildProcessRegistry();

/**
 * Runs `argv[0]` with the rest as its arguments, never through a shell, so
 * no argument is ever interpreted. The child is killed at the timeout, and a
 * child that floods its output cannot grow this process's memory.
 *
 * Rejects (`command_failed`) only when a shutdown stopped the child or came
 * before it started; every other outcome, a missing executable included, is
 * a result.
 */
export function runProcess(argv: readonly string[], options: RunOptions): Promise<RunResult> {
  const [command, ...args] = argv;
  const registry = options.registry ?? childProcesses;
  if (registry.stopped) return Promise.reject(shutdownError(command, 'was not started'));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...options.env },
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the timeout kills what it started too.
      detached: true,
    });
    let markClosed: (() => void) | undefined;
    const live = child.pid === undefined
      ? undefined
      : registry.add(child.pid, new Promise<void>((r) => (markClosed = r)));
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
      markClosed?.();
      if (live?.stopped && exitCode !== 0) {
        reject(shutdownError(command, 'was stopped'));
        return;
      }
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

/** What the model is told of a command a shutdown ended: nothing went wrong with it, it should run it again. */
function shutdownError(command: string, what: string): GalleyError {
  return new GalleyError('command_failed', `Galley is shutting down, and \`${basename(command)}\` ${what}: run the tool again once Galley is back`);
}

/** Whether `promise` settled within `ms`; the timer never holds the process open. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((r) => {
    timer = setTimeout(() => r(false), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function killGroup(pid: number | undefined): void {
  if (pid !== undefined) signalGroup(pid, 'SIGKILL');
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
