// Holds a store of a real IndexedDB database busy from the test: a readwrite transaction on it,
// kept open by one request after another until released. Every write to that store (the
// engine's included) waits behind it, so a test can see what a view shows while its write is
// still pending, with no fake of IndexedDB and no timer.

/** A held store: `release()` lets the waiting writes go and resolves once the hold has ended. */
export interface HeldStore {
  release(): Promise<void>;
}

/** Opens `name` (at its current version) through `factory` and holds `store`. */
export async function holdStore(name: string, store: string, factory: IDBFactory = indexedDB): Promise<HeldStore> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tx = db.transaction(store, 'readwrite');
  const objects = tx.objectStore(store);
  let held = true;
  // A transaction with a request in flight stays open: ask again each time one is answered.
  const spin = (): void => {
    if (held) objects.count().onsuccess = spin;
  };
  spin();
  const ended = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
  return {
    async release() {
      held = false;
      await ended;
      db.close();
    },
  };
}
