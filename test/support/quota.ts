// A real storage limit with a given room left, in each engine its own way. Chromium overrides the
// origin's quota (CDP) and the test writes in a fresh Storage Bucket (Chromium caches the space it
// checked per bucket for a while, so a bucket used before the override would not see it).
// Firefox has neither: its run launches the quota tests in a browser whose whole storage is small
// (web-test-runner.config.mjs), and a padding database fills the origin up to the room asked
// for; deleting it gives the room back. Either way IndexedDB then refuses writes for real.
import { expect } from '@open-wc/testing';
import { isQuotaExceededError } from '../../src/quota-error.js';
import { cdp, unique } from './server.js';

interface StorageBucketManagerLike {
  open(name: string): Promise<{ indexedDB: IDBFactory }>;
  delete(name: string): Promise<void>;
}
const buckets = (navigator as Navigator & { storageBuckets?: StorageBucketManagerLike }).storageBuckets;
/**
 * Whether the limit is Firefox's padded storage: there a full device still takes small writes
 * into pages its database files already hold, so a test answers until the device refuses.
 */
export const paddedLimit = !buckets;
const opened: string[] = [];
const paddings: string[] = [];
/** The padding is written in pieces this large (random bytes: nothing compresses them). */
const PIECE = 256 * 1024;
/**
 * Firefox grows an IndexedDB file by this much at a time, and the quota must allow the whole
 * step: the padding leaves it on top of the room asked for.
 */
const FIREFOX_GROWTH = 2 * 1024 * 1024;

function put(db: IDBDatabase, value: Uint8Array, key: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('pad', 'readwrite');
    tx.objectStore('pad').put(value, key);
    tx.oncomplete = () => resolve(true);
    // Past the limit: the quota refused the piece; the room left is less than a piece.
    tx.onabort = () => (tx.error === null || tx.error.name === 'QuotaExceededError' ? resolve(false) : reject(tx.error));
  });
}

/**
 * Runs one write (`step`: one transaction) and runs it once more when Firefox refused it only
 * because an earlier write on the same connection met the quota: Firefox then refuses the next
 * write once, with an InvalidStateError ("... did not allow mutations"), whatever room there
 * is by then (seen on Firefox ESR with a fixed storage limit).
 */
export async function writeAgainAfterQuota<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof DOMException && error.name === 'InvalidStateError' && /did not allow mutations/.test(error.message))) throw error;
    return step();
  }
}

/**
 * Runs `attempt` until it rejects (at most `max` times); resolves what the tries that went in
 * resolved, and the refusal. With `before`, a snapshot is taken before each try, and the last
 * one (before the refused try) is resolved too.
 */
export async function untilRefused<T, S = undefined>(
  attempt: () => Promise<T>,
  before?: () => Promise<S>,
  max = 200,
): Promise<{ stored: T[]; error: unknown; snapshot: S | undefined }> {
  const stored: T[] = [];
  for (let i = 0; i < max; i++) {
    const snapshot = await before?.();
    try {
      stored.push(await attempt());
    } catch (error) {
      return { stored, error, snapshot };
    }
  }
  throw new Error(`the device took ${max} writes without a refusal`);
}

/** Fills the origin with a padding database until about `headroom` bytes are left. */
async function pad(headroom: number): Promise<void> {
  const name = unique('padding');
  paddings.push(name);
  const request = indexedDB.open(name, 1);
  request.onupgradeneeded = () => request.result.createObjectStore('pad');
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    for (let key = 0; ; key++) {
      const { quota = 0, usage = 0 } = await navigator.storage.estimate();
      const room = quota - usage - headroom;
      if (room <= 0) return;
      const piece = new Uint8Array(Math.min(PIECE, room));
      for (let i = 0; i < piece.length; i += 65536) crypto.getRandomValues(piece.subarray(i, i + 65536));
      if (!(await put(db, piece, key))) return;
    }
  } finally {
    db.close();
  }
}

/**
 * Opens what the test writes to with `open` (given the IndexedDB factory to use: a fresh Storage
 * Bucket's in Chromium, the origin's in Firefox), with a real limit of about `headroom` bytes
 * of room left; resolves what `open` resolved. `open` must have opened its databases: Firefox
 * cannot create a database in a full origin, so there the padding comes after it.
 */
export async function limitStorage<T>(headroom: number, open: (factory: IDBFactory) => Promise<T>): Promise<T> {
  if (!buckets) {
    const opened = await open(indexedDB);
    await pad(headroom + FIREFOX_GROWTH);
    return opened;
  }
  const { usage = 0 } = await navigator.storage.estimate();
  await cdp.quota(usage + headroom);
  const name = unique('q');
  opened.push(name);
  return open((await buckets.open(name)).indexedDB);
}

/** Gives the room back (the override lifted, or the padding deleted). */
export async function unlimitStorage(): Promise<void> {
  if (!buckets) {
    for (const name of paddings.splice(0)) {
      await new Promise((resolve, reject) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = resolve;
        request.onerror = () => reject(request.error);
      });
    }
    return;
  }
  await cdp.quota(null);
}

/** Deletes the Storage Buckets the tests opened (after `unlimitStorage`). */
export async function deleteBuckets(): Promise<void> {
  for (const name of opened.splice(0)) await buckets?.delete(name);
}

/** Incompressible text of about `bytes` bytes. */
function randomText(bytes: number): string {
  const raw = new Uint8Array(bytes / 2);
  for (let i = 0; i < raw.length; i += 65536) crypto.getRandomValues(raw.subarray(i, Math.min(raw.length, i + 65536)));
  return Array.from(raw, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Opens another database of `factory`, to fill the storage with. */
export async function openFiller(factory: IDBFactory): Promise<IDBDatabase> {
  const request = factory.open(unique('filler'), 1);
  request.onupgradeneeded = () => request.result.createObjectStore('x');
  return new Promise<IDBDatabase>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Fills the storage through `filler` until the quota refuses, with ever smaller records. */
export async function fillUp(filler: IDBDatabase): Promise<void> {
  let refused = 0;
  let key = 0;
  for (const size of [140_000, 8_000, 1_000, 200]) {
    for (let i = 0; i < 200; i++) {
      const value = randomText(size);
      const at = key++;
      // Firefox refuses the write after a quota abort once more, whatever room there is.
      const ok = await writeAgainAfterQuota(async () => {
        const tx = filler.transaction('x', 'readwrite');
        tx.objectStore('x').put(value, at);
        return new Promise<boolean>((resolve, reject) => {
          tx.oncomplete = () => resolve(true);
          tx.onabort = () => (isQuotaExceededError(tx.error) ? resolve(false) : reject(tx.error));
        });
      });
      if (!ok) {
        refused += 1;
        break;
      }
    }
  }
  filler.close();
  expect(refused, 'the quota refused the filler').to.equal(4);
}
