import { randomBytes } from 'node:crypto';
import { promises as fs, writeFile } from 'node:fs';
import * as path from 'node:path';
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

function writeFileFlushed(file: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    writeFile(file, data, { encoding: 'utf8', flag: 'wx', mode: 0o600, flush: true }, (err) => (err ? reject(err) : resolve()));
  });
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
 * happen under a per-session lock; a data directory belongs to one process,
 * which is also why a write-through cache of recent sessions is coherent and
 * spares every mutation its two reads.
 */
export class FileSessionStore implements SessionStore {
  /** Opens (creating if needed) the store and clears temp files a crash left. */
  static async open(dataDir: string): Promise<FileSessionStore> {
    const dir = path.resolve(dataDir, 'sessions');
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    for (const name of await fs.readdir(dir)) {
      if (name.endsWith(TEMP_SUFFIX)) await fs.rm(path.join(dir, name), { force: true });
    }
    return new FileSessionStore(dir, await fs.open(dir, 'r'));
  }

  private readonly locks = new KeyedMutex();
  private readonly cache = new Map<string, SessionFile>();

  private readonly dirSync: GroupSync;

  private constructor(private readonly dir: string, private readonly dirHandle: fs.FileHandle) {
    this.dirSync = new GroupSync(() => dirHandle.sync());
  }

  async get(id: string): Promise<VersionedSession | undefined> {
    const file = await this.load(id);
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
  }

  /** The cached document, or the file's (then cached). */
  private async load(id: string): Promise<SessionFile | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const file = await this.read(id);
    if (file) this.remember(id, file);
    return file;
  }

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
      text = await fs.readFile(file, 'utf8');
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
      // flush: the file is fsynced before writeFile completes; the rename
      // below is made durable by the directory sync. (The callback API, one
      // call for open, write, sync and close, is the cheapest on this hot path.)
      await writeFileFlushed(temp, JSON.stringify(body));
      await fs.rename(temp, target);
      // Makes the rename itself durable; concurrent writers share one fsync.
      await this.dirSync.sync();
    } catch (err) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw new StorageUnavailableError(undefined, { cause: err });
    }
    this.remember(session.id, body);
    return { session, version: String(version) };
  }
}
