import { randomBytes } from 'node:crypto';
import { promises as nodeFs } from 'node:fs';
import * as path from 'node:path';
import { DataDirLock } from './data-dir-lock';
import { GroupSync } from './group-sync';
import { KeyedMutex } from './keyed-mutex';
import {
  HearingSession,
  SessionStore,
  StorageUnavailableError,
  VersionConflictError,
  VersionedSession,
  assertSessionId,
} from './session-store';

/**
 * The file operations the store uses: `fs.promises` in production; tests
 * pass a wrapper to delay a read or to check that every temp file is synced.
 */
export type StoreFileSystem = Pick<typeof nodeFs, 'mkdir' | 'readdir' | 'rm' | 'open' | 'readFile' | 'rename'>;

export interface FileStoreOptions {
  readonly fs?: StoreFileSystem;
}

interface SessionFile {
  readonly version: number;
  readonly session: HearingSession;
}

const TEMP_SUFFIX = '.tmp';
/** Sessions kept in memory; a hearing touches one session many times in a row. */
const CACHE_ENTRIES = 1000;

/**
 * The embedded store: one JSON file per session under `<dataDir>/sessions/`.
 *
 * Every write goes to a fresh temporary file that is fsynced and then renamed
 * over the old one (and the directory fsynced), so a crash leaves either the
 * old or the new document, never a torn one. The version check and the rename
 * happen under a per-session lock. A data directory belongs to one process,
 * which holds a lock on it ({@link DataDirLock}) for as long as the store is
 * open; that is why a write-through cache of recent sessions is coherent and
 * spares every mutation its two reads. Only the locked paths (create, put)
 * fill the cache: `get` takes no lock, and a copy it read may be older than
 * a write that finished meanwhile (and that the bounded cache may have
 * evicted again since), so it is handed back but never cached.
 */
export class FileSessionStore implements SessionStore {
  /** Opens (creating if needed) the store and clears temp files a crash left. */
  static async open(dataDir: string, options: FileStoreOptions = {}): Promise<FileSessionStore> {
    const fs = options.fs ?? nodeFs;
    const dir = path.resolve(dataDir, 'sessions');
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    // Before anything is touched: a second process (or store in this one) stops here.
    const lock = await DataDirLock.acquire(dataDir);
    try {
      for (const name of await fs.readdir(dir)) {
        if (name.endsWith(TEMP_SUFFIX)) await fs.rm(path.join(dir, name), { force: true });
      }
      return new FileSessionStore(dir, await fs.open(dir, 'r'), lock, fs);
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  private readonly locks = new KeyedMutex();
  private readonly cache = new Map<string, SessionFile>();

  private readonly dirSync: GroupSync;

  private constructor(
    private readonly dir: string,
    private readonly dirHandle: nodeFs.FileHandle,
    private readonly lock: DataDirLock,
    private readonly fs: StoreFileSystem,
  ) {
    this.dirSync = new GroupSync(() => dirHandle.sync());
  }

  async get(id: string): Promise<VersionedSession | undefined> {
    const file = this.cache.get(id) ?? (await this.read(id));
    return file && { session: file.session, version: String(file.version) };
  }

  async create(session: HearingSession): Promise<VersionedSession> {
    return this.locks.run(session.id, async () => {
      if (await this.load(session.id)) throw new VersionConflictError(session.id);
      return this.write(session, 1);
    });
  }

  async put(session: HearingSession, expectedVersion: string): Promise<VersionedSession> {
    return this.locks.run(session.id, async () => {
      const current = await this.load(session.id);
      if (!current || String(current.version) !== expectedVersion) {
        throw new VersionConflictError(session.id);
      }
      return this.write(session, current.version + 1);
    });
  }

  async close(): Promise<void> {
    this.cache.clear();
    await this.dirHandle.close();
    await this.lock.release();
  }

  /**
   * The cached document, or the file's (then cached). Called only under the
   * session's lock, so what it reads is the newest version: no write to this
   * session can finish while it runs.
   */
  private async load(id: string): Promise<SessionFile | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const file = await this.read(id);
    if (file) this.remember(id, file);
    return file;
  }

  /** Caches `file` as the most recently used entry, evicting the oldest past the bound. */
  private remember(id: string, file: SessionFile): void {
    this.cache.delete(id);
    this.cache.set(id, file);
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
  }

  private fileOf(id: string): string {
    assertSessionId(id);
    return path.join(this.dir, `${id}.json`);
  }

  private async read(id: string): Promise<SessionFile | undefined> {
    const file = this.fileOf(id);
    let text: string;
    try {
      text = await this.fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new StorageUnavailableError(undefined, { cause: err });
    }
    try {
      return JSON.parse(text) as SessionFile;
    } catch (err) {
      throw new StorageUnavailableError(`session ${id} could not be read`, { cause: err });
    }
  }

  private async write(session: HearingSession, version: number): Promise<VersionedSession> {
    const target = this.fileOf(session.id);
    const temp = `${target}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
    const body: SessionFile = { version, session };
    try {
      await this.writeSynced(temp, JSON.stringify(body));
      await this.fs.rename(temp, target);
      // Makes the rename itself durable; concurrent writers share one fsync.
      await this.dirSync.sync();
    } catch (err) {
      await this.fs.rm(temp, { force: true }).catch(() => undefined);
      throw new StorageUnavailableError(undefined, { cause: err });
    }
    this.remember(session.id, body);
    return { session, version: String(version) };
  }

  /**
   * Writes a new file and syncs its data before it is closed, so the rename
   * that follows can never publish a file whose bytes are not on disk. (Not
   * `writeFile`'s `flush` option: Node 20 before 20.10 ignores it silently.)
   */
  private async writeSynced(file: string, data: string): Promise<void> {
    const handle = await this.fs.open(file, 'wx', 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }
}
