import type { Logger } from 'pino';
import { FileSessionStore } from './file-session-store';
import { ObjectStorageSessionStore } from './object-storage-session-store';
import type { SessionStore } from './session-store';
import type { GalleyConfig } from '../config';

/** Chooses the store once, from config. */
export async function createSessionStore(storage: GalleyConfig['storage'], logger?: Logger): Promise<SessionStore> {
  switch (storage.kind) {
    case 'file':
      return FileSessionStore.open(storage.dataDir);
    case 'object-storage':
      return new ObjectStorageSessionStore(storage, { logger });
  }
}
