/**
 * Old data goes when an engine starts, at most once a day per database: sessions that ended
 * more than CLEANUP_AGE_DAYS ago and have fully reached the server (with their answers and
 * statistics), and cached items unused for as long. Unsynced data stays however old it is,
 * and progress (the learner's history) always stays. Why on start: it is the one moment every
 * page passes through, and a day's throttle keeps it off the path of a reload.
 */
import type { CleanupResult } from '../storage/cleanup.js';
import type { IndexedDBStorage } from '../storage/indexeddb-storage.js';
import { MetaKey } from '../storage/meta-keys.js';

/** Finished, synced sessions and unused cached items older than this many days are removed. */
export const CLEANUP_AGE_DAYS = 30;
/** At most one cleanup per database in this time. */
export const CLEANUP_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * Runs `cleanupOldData(CLEANUP_AGE_DAYS)` unless one ran in the last CLEANUP_INTERVAL_MS (by
 * the time stored in meta; a time in the future counts as none). Resolves what it removed, or
 * null when it was not due. Rejects with the storage's error.
 */
export async function cleanupIfDue(storage: IndexedDBStorage, now: number): Promise<CleanupResult | null> {
  const last = await storage.getMeta(MetaKey.CleanupAt);
  if (typeof last === 'number' && last <= now && now - last < CLEANUP_INTERVAL_MS) return null;
  const result = await storage.cleanupOldData(CLEANUP_AGE_DAYS);
  await storage.setMeta(MetaKey.CleanupAt, now);
  return result;
}

/**
 * What an engine does on start before it is ready: the daily cleanup, then the derivation of
 * whatever a pull cut short (a closed tab, a crash) left marked stale, so the learner's first
 * card comes from every answer stored. Never rejects: housekeeping must never keep the learner
 * from reviewing, and a read derives what it needs anyway.
 */
export async function startupChores(storage: IndexedDBStorage, userId: string, now: number): Promise<void> {
  await cleanupIfDue(storage, now).catch(() => null);
  await storage.deriveStale(userId).catch(() => null);
}
