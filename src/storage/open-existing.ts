/**
 * Opening a database only if it exists, for the readers that run before the engine (the first
 * card's states, the indicator's counts): they must neither create nor upgrade it.
 */

/**
 * Opens `dbName` as it is; resolves null when it does not exist (left so). Where the browser
 * lists its databases, a missing one is not opened at all: WebKit keeps a database whose
 * creating open was aborted.
 */
export async function openExisting(dbName: string): Promise<IDBDatabase | null> {
  const listed = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : null;
  if (listed && !listed.some((info) => info.name === dbName)) return null;
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onupgradeneeded = () => request.transaction!.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      if (request.error?.name !== 'AbortError') return reject(request.error);
      event.preventDefault();
      resolve(null);
    };
  });
}
