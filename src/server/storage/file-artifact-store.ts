import { randomBytes } from 'node:crypto';
import { promises as fs, writeFile } from 'node:fs';
import * as path from 'node:path';
import { assertArtifactPath, assertArtifactPrefix } from './artifact-paths';
import type { Artifact, ArtifactStore } from './artifact-store';
import { StorageUnavailableError, assertSessionId } from './session-store';

function writeFileFlushed(file: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    writeFile(file, data, { encoding: 'utf8', flag: 'wx', mode: 0o600, flush: true }, (err) => (err ? reject(err) : resolve()));
  });
}

/** Temp files start with a dot, which no artifact segment may, so listings never show them. */
const TEMP_PREFIX = '.';
const TEMP_SUFFIX = '.tmp';

/**
 * Artifacts in the session's directory of the file store:
 * `<dataDir>/sessions/<id>/<path>`, beside the session's `<id>.json`. Each
 * file is written to a temporary file, fsynced, renamed into place and its
 * directory fsynced, as the session file is, so a crash never leaves a torn
 * export.
 */
export class FileArtifactStore implements ArtifactStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.resolve(dataDir, 'sessions');
  }

  async putArtifacts(sessionId: string, artifacts: readonly Artifact[]): Promise<void> {
    for (const a of artifacts) assertArtifactPath(a.path);
    const root = this.sessionDir(sessionId);
    const dirs = new Set<string>();
    try {
      for (const artifact of artifacts) {
        const target = path.join(root, ...artifact.path.split('/'));
        const dir = path.dirname(target);
        await fs.mkdir(dir, { recursive: true, mode: 0o700 });
        const temp = path.join(dir, `${TEMP_PREFIX}${path.basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
        try {
          await writeFileFlushed(temp, artifact.content);
          await fs.rename(temp, target);
        } catch (err) {
          await fs.rm(temp, { force: true }).catch(() => undefined);
          throw err;
        }
        dirs.add(dir);
      }
      // The renames are durable once their directories are synced.
      for (const dir of dirs) await syncDir(dir);
    } catch (err) {
      throw new StorageUnavailableError(undefined, { cause: err });
    }
  }

  async getArtifact(sessionId: string, artifactPath: string): Promise<Artifact | undefined> {
    assertArtifactPath(artifactPath);
    try {
      const content = await fs.readFile(path.join(this.sessionDir(sessionId), ...artifactPath.split('/')), 'utf8');
      return { path: artifactPath, content };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw new StorageUnavailableError(undefined, { cause: err });
    }
  }

  async listArtifacts(sessionId: string, prefix: string): Promise<string[]> {
    assertArtifactPrefix(prefix);
    const root = this.sessionDir(sessionId);
    const found: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(path.join(root, ...rel.split('/').filter(Boolean)), { withFileTypes: true });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return;
        throw new StorageUnavailableError(undefined, { cause: err });
      }
      for (const entry of entries) {
        if (entry.name.startsWith(TEMP_PREFIX)) continue;
        const child = `${rel}${entry.name}`;
        if (entry.isDirectory()) await walk(`${child}/`);
        else if (entry.isFile()) found.push(child);
      }
    };
    await walk(prefix);
    return found.sort();
  }

  async deleteArtifacts(sessionId: string, prefix: string): Promise<void> {
    assertArtifactPrefix(prefix);
    const root = this.sessionDir(sessionId);
    try {
      if (prefix === '') {
        // Everything but the session's own directory entry.
        for (const entry of await fs.readdir(root).catch(() => [] as string[])) {
          await fs.rm(path.join(root, entry), { recursive: true, force: true });
        }
      } else {
        await fs.rm(path.join(root, ...prefix.split('/').filter(Boolean)), { recursive: true, force: true });
      }
    } catch (err) {
      throw new StorageUnavailableError(undefined, { cause: err });
    }
  }

  private sessionDir(sessionId: string): string {
    assertSessionId(sessionId);
    return path.join(this.dir, sessionId);
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
