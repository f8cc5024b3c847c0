import { FileSessionStore } from './file-session-store';
import type { SessionStore } from './session-store';
import type { GalleyConfig } from '../config';

/** Chooses the store once, from config. */
export async function createSessionStore(storage: GalleyConfig['storage']): Promise<SessionStore> {
  switch (storage.kind) {
    case 'file':
      return FileSessionStore.open(storage.dataDir);
    case 'object-storage':
      throw new Error('GALLEY_STORAGE=object-storage is not available in this version; use GALLEY_STORAGE=file');
  }
}
