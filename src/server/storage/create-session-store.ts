import type { Logger } from 'pino';
import type { ArtifactStore } from './artifact-store';
import { FileArtifactStore } from './file-artifact-store';
import { FileSessionStore } from './file-session-store';
import { ObjectStorageArtifactStore } from './object-storage-artifact-store';
import { ObjectStorageSessionStore } from './object-storage-session-store';
import type { SessionStore } from './session-store';
import type { GalleyConfig } from '../config';

/** A session store and the artifact store beside it, on one backend. */
export interface Storage {
  readonly sessions: SessionStore;
  readonly artifacts: ArtifactStore;
}

/** Chooses the store once, from config. */
export async function createSessionStore(storage: GalleyConfig['storage'], logger?: Logger): Promise<SessionStore> {
  return (await createStorage(storage, logger)).sessions;
}

/** Chooses the backend once, from config: sessions and their artifacts side by side. */
export async function createStorage(storage: GalleyConfig['storage'], logger?: Logger): Promise<Storage> {
  switch (storage.kind) {
    case 'file':
      return { sessions: await FileSessionStore.open(storage.dataDir), artifacts: new FileArtifactStore(storage.dataDir) };
    case 'object-storage':
      return {
        sessions: new ObjectStorageSessionStore(storage, { logger }),
        artifacts: new ObjectStorageArtifactStore(storage, { logger }),
      };
  }
}
