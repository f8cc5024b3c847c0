import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';

/** The lock file's name inside the data directory. */
export const LOCK_FILE = 'galley.lock';
/** Held only while a stale lock is being replaced, so two starts never both replace it. */
export const TAKEOVER_FILE = `${LOCK_FILE}.takeover`;

/** How often the holder renews its lease (the lock file's mtime). */
export const LEASE_REFRESH_MS = 5_000;
/** A lock not renewed for this long is stale, whoever wrote it. */
export const LEASE_EXPIRY_MS = 30_000;

/** Who holds a data directory: enough to tell, after a crash, that it is gone. */
interface LockOwner {
  readonly pid: number;
  /** The process's start time in clock ticks since boot (Linux), so a reused pid is not taken for the owner. */
  readonly started?: string;
  /** The kernel's boot id and the pid namespace: a pid can only be checked from the same ones. */
  readonly boot?: string;
  readonly pidns?: string;
  /** For people reading the file. */
  readonly host: string;
}

/** Data directories (real paths) this process holds or is acquiring: a second store in one process is refused too. */
const held = new Set<string>();

/** Another live process (or this one) already serves the data directory. */
export class DataDirInUseError extends Error {
  constructor(dir: string, pid?: number) {
    super(
      `the data directory ${dir} is in use by another Galley process${Number.isFinite(pid) ? ` (pid ${pid})` : ''}; ` +
      'run one server per GALLEY_DATA_DIR, or stop the other one first',
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * An exclusive claim on a data directory, so two processes never write one
 * store (each caches what it wrote, and the second would overwrite the
 * first's answers). The claim is a lease: a lock file, created atomically
 * with `link()`, whose mtime the holder renews every {@link LEASE_REFRESH_MS}.
 *
 * A lock is stale when its lease has not been renewed for
 * {@link LEASE_EXPIRY_MS}, whatever pid or host it names: two containers on
 * one volume both run as pid 1 in their own pid namespaces and cannot see
 * each other's processes, so a pid alone proves nothing. Only when the lock
 * was written in our own pid namespace on our own boot is the pid checked,
 * so a restart after kill -9 on the same host need not wait out the lease.
 *
 * Replacing a stale lock happens while holding an exclusive takeover file
 * (also created with `link()`), and staleness is checked again under it: of
 * two starts that both found the lock stale, the second sees the first's
 * fresh lock and stops.
 */
export class DataDirLock {
  static async acquire(dataDir: string): Promise<DataDirLock> {
    const dir = await fs.realpath(path.resolve(dataDir));
    // Checked and claimed in one synchronous step: two acquisitions in this process never both pass.
    if (held.has(dir)) throw new DataDirInUseError(dir, process.pid);
    held.add(dir);
    try {
      return await acquireFile(dir);
    } catch (err) {
      held.delete(dir);
      throw err;
    }
  }

  private released = false;
  private readonly timer: NodeJS.Timeout;

  /** `handle` is open on the lock file we created: renewing through it never touches a file that replaced ours. */
  constructor(private readonly dir: string, private readonly handle: fs.FileHandle) {
    this.timer = setInterval(() => void this.renew().catch(() => undefined), LEASE_REFRESH_MS);
    // The lease must never keep a process alive that is otherwise done.
    this.timer.unref();
  }

  /** Renews the lease (what the timer does every {@link LEASE_REFRESH_MS}). */
  async renew(): Promise<void> {
    if (this.released) return;
    const now = new Date();
    await this.handle.utimes(now, now);
  }

  /** Gives the directory up; a lock that is no longer ours (taken over meanwhile) is left alone. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    clearInterval(this.timer);
    const file = path.join(this.dir, LOCK_FILE);
    try {
      const [mine, current] = await Promise.all([this.handle.stat(), fs.stat(file).catch(() => undefined)]);
      if (current && current.ino === mine.ino && current.dev === mine.dev) await fs.rm(file, { force: true });
    } finally {
      await this.handle.close();
      held.delete(this.dir);
    }
  }
}

async function acquireFile(dir: string): Promise<DataDirLock> {
  const temp = path.join(dir, `${LOCK_FILE}.${randomBytes(6).toString('hex')}.tmp`);
  await fs.writeFile(temp, JSON.stringify(await currentOwner()), { mode: 0o600 });
  // The lock file will be this very inode (linked or renamed into place).
  const handle = await fs.open(temp, 'r');
  try {
    await placeLock(dir, temp);
    return new DataDirLock(dir, handle);
  } catch (err) {
    await handle.close();
    throw err;
  } finally {
    await fs.rm(temp, { force: true });
  }
}

async function placeLock(dir: string, temp: string): Promise<void> {
  const file = path.join(dir, LOCK_FILE);
  try {
    await fs.link(temp, file);
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const found = await staleness(file);
  if (found.live) throw new DataDirInUseError(dir, found.pid);
  await takeOver(dir, temp);
}

/** Replaces a stale lock with `temp`, under the takeover file. */
async function takeOver(dir: string, temp: string): Promise<void> {
  const file = path.join(dir, LOCK_FILE);
  const takeover = path.join(dir, TAKEOVER_FILE);
  try {
    await fs.link(temp, takeover);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // Another start is replacing the lock right now. A takeover file as old as a lease
    // was left by a start that crashed mid-takeover: clear it for the next start.
    const stat = await fs.stat(takeover).catch(() => undefined);
    if (stat && Date.now() - stat.mtimeMs > LEASE_EXPIRY_MS) await fs.rm(takeover, { force: true });
    throw new DataDirInUseError(dir);
  }
  try {
    // Checked again: another start may have replaced the lock between our first look and now.
    const found = await staleness(file);
    if (found.live) throw new DataDirInUseError(dir, found.pid);
    // rename() replaces the stale file in one step: there is never a moment without a lock.
    const fresh = `${temp}.new`;
    await fs.link(temp, fresh);
    await fs.rename(fresh, file).catch(async (err) => {
      await fs.rm(fresh, { force: true });
      throw err;
    });
  } finally {
    await fs.rm(takeover, { force: true });
  }
}

/** Whether the lock at `file` is held by a live process (or simply renewed recently). */
async function staleness(file: string): Promise<{ live: boolean; pid: number }> {
  let stat;
  let text;
  try {
    [stat, text] = await Promise.all([fs.stat(file), fs.readFile(file, 'utf8')]);
  } catch (err) {
    // Gone meanwhile (released): nothing to respect.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { live: false, pid: NaN };
    throw err;
  }
  const owner = parseOwner(text);
  const pid = owner?.pid ?? NaN;
  if (Date.now() - stat.mtimeMs > LEASE_EXPIRY_MS) return { live: false, pid };
  // Renewed recently. Only an owner in our own pid namespace on this boot can be checked further.
  const here = await currentOwner();
  if (!owner || owner.boot === undefined || owner.pidns === undefined || owner.boot !== here.boot || owner.pidns !== here.pidns) {
    return { live: true, pid };
  }
  return { live: await isAlive(owner), pid };
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(text) as LockOwner;
    return Number.isInteger(owner?.pid) && owner.pid > 0 ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** For an owner in our pid namespace: is its pid still the process that wrote the lock? */
async function isAlive(owner: LockOwner): Promise<boolean> {
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: a process of another user has that pid; compare start times below.
  }
  const started = await processStart(owner.pid);
  // Our own pid with our own start time is this process (another copy of this module, as a test runner makes).
  return owner.started === undefined || started === undefined || started === owner.started;
}

async function currentOwner(): Promise<LockOwner> {
  const [started, boot, pidns] = await Promise.all([
    processStart(process.pid),
    fs.readFile('/proc/sys/kernel/random/boot_id', 'utf8').then((s) => s.trim(), () => undefined),
    fs.readlink('/proc/self/ns/pid').catch(() => undefined),
  ]);
  return { pid: process.pid, started, boot, pidns, host: hostname() };
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
