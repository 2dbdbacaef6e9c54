// A second look at an engine's database, through a storage of its own: the tests check what
// the engine stored without reaching into the engine's private parts.
import type { OfflineReview } from '../../src/engine.js';
import { IndexedDBStorage } from '../../src/storage/indexeddb-storage.js';

const opened: IndexedDBStorage[] = [];

/** A storage on `engine`'s database; `closeEngineStorages` closes it. */
export function storageOf(engine: OfflineReview): IndexedDBStorage {
  const storage = new IndexedDBStorage({ dbName: engine.dbName });
  opened.push(storage);
  return storage;
}

/** Closes every storage made by `storageOf`. */
export function closeEngineStorages(): void {
  for (const storage of opened.splice(0)) storage.close();
}
