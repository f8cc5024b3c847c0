import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';

/** The lock file's name inside the data directory. */
export const LOCK_FILE = 'galley.lock';

/** Who holds a data directory: enough to tell, after a crash, that it is gone. */
interface LockOwner {
  readonly pid: number;
  /** The process's start time in clock ticks since boot (Linux), so a reused pid is not taken for the owner. */
  readonly started?: string;
  /** For people reading the file; a different host cannot be checked and is not trusted either way. */
  readonly host: string;
}

/** Lock files this process holds: a second store on the same directory in one process is refused too. */
const held = new Set<string>();

/** Another live process (or this one) already serves the data directory. */
export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `the data directory ${dir} is in use by another Galley process (pid ${pid}); ` +
      'run one server per GALLEY_DATA_DIR, or stop the other one first',
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * An exclusive claim on a data directory, so two processes never write one
 * store (each caches what it wrote, and the second would overwrite the
 * first's answers). The claim is a lock file holding the owner's pid and
 * start time, created atomically with `link()` so nobody ever reads it half
 * written. A lock whose owner is dead (kill -9, a power cut) is stale and is
 * taken over, so a crash never leaves the directory stuck.
 *
 * Two processes starting over the same stale lock in the same instant could
 * both take it over (removing a file and creating one are two steps); a
 * second start in the normal case, with the owner alive, is always refused.
 */
export class DataDirLock {
  static async acquire(dataDir: string): Promise<DataDirLock> {
    const dir = path.resolve(dataDir);
    const file = path.join(dir, LOCK_FILE);
    if (held.has(file)) throw new DataDirInUseError(dir, process.pid);
    const me: LockOwner = { pid: process.pid, started: await processStart(process.pid), host: hostname() };
    const content = JSON.stringify(me);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(temp, content, { mode: 0o600 });
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          await fs.link(temp, file);
          held.add(file);
          return new DataDirLock(file, content);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
        const owner = await readOwner(file);
        if (owner && (await isAlive(owner))) throw new DataDirInUseError(dir, owner.pid);
        // Stale (or unreadable: link() never leaves one half written): take it over.
        await fs.rm(file, { force: true });
      }
      throw new DataDirInUseError(dir, NaN);
    } finally {
      await fs.rm(temp, { force: true });
    }
  }

  private released = false;

  private constructor(private readonly file: string, private readonly content: string) {}

  /** Gives the directory up; a lock that is no longer ours (taken over meanwhile) is left alone. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    held.delete(this.file);
    const current = await fs.readFile(this.file, 'utf8').catch(() => undefined);
    if (current === this.content) await fs.rm(this.file, { force: true });
  }
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await fs.readFile(file, 'utf8')) as LockOwner;
    return Number.isInteger(owner?.pid) && owner.pid > 0 ? owner : undefined;
  } catch {
    return undefined;
  }
}

async function isAlive(owner: LockOwner): Promise<boolean> {
  // Not held by this process (checked first), so this is a previous run that
  // had our pid: a container restarted after a crash often gets the same one.
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: a process of another user has that pid; compare start times below.
  }
  const started = await processStart(owner.pid);
  return owner.started === undefined || started === undefined || started === owner.started;
}

/** Field 22 of /proc/<pid>/stat: when the process started; undefined where there is no procfs. */
async function processStart(pid: number): Promise<string | undefined> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
