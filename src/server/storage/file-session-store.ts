import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { KeyedMutex } from './keyed-mutex';
import {
  HearingSession,
  SessionStore,
  StorageUnavailableError,
  VersionConflictError,
  VersionedSession,
  assertSessionId,
} from './session-store';

interface SessionFile {
  readonly version: number;
  readonly session: HearingSession;
}

const TEMP_SUFFIX = '.tmp';

/**
 * The embedded store: one JSON file per session under `<dataDir>/sessions/`.
 *
 * Every write goes to a fresh temporary file that is fsynced and then renamed
 * over the old one (and the directory fsynced), so a crash leaves either the
 * old or the new document, never a torn one. The version check and the rename
 * happen under a per-session lock; a data directory belongs to one process.
 */
export class FileSessionStore implements SessionStore {
  /** Opens (creating if needed) the store and clears temp files a crash left. */
  static async open(dataDir: string): Promise<FileSessionStore> {
    const dir = path.resolve(dataDir, 'sessions');
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    for (const name of await fs.readdir(dir)) {
      if (name.endsWith(TEMP_SUFFIX)) await fs.rm(path.join(dir, name), { force: true });
    }
    return new FileSessionStore(dir);
  }

  private readonly locks = new KeyedMutex();

  private constructor(private readonly dir: string) {}

  async get(id: string): Promise<VersionedSession | undefined> {
    const file = await this.read(id);
    return file && { session: file.session, version: String(file.version) };
  }

  async create(session: HearingSession): Promise<VersionedSession> {
    return this.locks.run(session.id, async () => {
      if (await this.read(session.id)) throw new VersionConflictError(session.id);
      return this.write(session, 1);
    });
  }

  async put(session: HearingSession, expectedVersion: string): Promise<VersionedSession> {
    return this.locks.run(session.id, async () => {
      const current = await this.read(session.id);
      if (!current || String(current.version) !== expectedVersion) {
        throw new VersionConflictError(session.id);
      }
      return this.write(session, current.version + 1);
    });
  }

  async close(): Promise<void> {
    // Nothing is held open between calls.
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
      const handle = await fs.open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(body), 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, target);
      await this.syncDir();
    } catch (err) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw new StorageUnavailableError(undefined, { cause: err });
    }
    return { session, version: String(version) };
  }

  /** Makes the rename itself durable. */
  private async syncDir(): Promise<void> {
    const handle = await fs.open(this.dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
