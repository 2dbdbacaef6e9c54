/**
 * Requests on IndexedDB's own objects, for the transaction every answer runs
 * (answer-store.ts). Everywhere else the storage goes through idb's wrappers.
 *
 * Why not there: idb remembers each request's promise in a WeakMap (so `unwrap` can find the
 * request) and each store or index handle in two more. The browser's garbage collector visits
 * every entry of those maps in its pause, live or not. At 4x CPU, after 200 answers, that
 * visit was 15 to 25 ms of a 60 to 90 ms pause that landed in a key press (bench i, see
 * docs/design.md, "Grade to next card"). A request settled here leaves no entry behind.
 */

/**
 * Resolves `request`'s result once it succeeds, or rejects with its error. The error is not
 * prevented, so it aborts the transaction, as a failed request does through idb.
 */
export function settled<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
