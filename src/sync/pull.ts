/**
 * Pull: the other devices' changes since this user's cursor, page by page. Each page is merged
 * through `applyRemoteChanges` (the same resolver the server uses) together with its cursor,
 * in one transaction, so a pull cut short resumes where it stopped. The next page is asked for
 * while the current one is applied: a device catching up waits on the server and on storage at
 * the same time instead of in turn, holding at most one page more in memory. A page marks the
 * items and sessions it touched stale; their progress, card states and statistics are derived
 * once, after the last page (`deriveStale`), so each item's answers are read once per pull.
 */
import type { SyncClient, SyncStorage } from './sync-ports.js';

/** Safety net against a server whose `hasMore` never ends. */
const MAX_PAGES = 100_000;

/**
 * Pulls until the server says there is no more. Resolves the number of pages merged; rejects
 * with the client's OfflineReviewError, or 'aborted' through `signal`. A page is only merged
 * after every page before it was: a failure leaves the cursor after the last merged page, and
 * the pages merged so far marked stale (derived by the next pull, the next start, or a read).
 */
export async function pullAll(
  storage: SyncStorage,
  client: SyncClient,
  userId: string,
  limit: number,
  signal?: AbortSignal,
): Promise<number> {
  let cursor = await storage.getPullCursor(userId);
  let pages = 0;
  let next = client.pull(cursor, limit, signal);
  while (pages < MAX_PAGES) {
    const page = await next;
    // A server that says "more" without moving its cursor would loop forever.
    const more = page.hasMore && page.cursor !== cursor && pages + 1 < MAX_PAGES;
    if (more) {
      next = client.pull(page.cursor, limit, signal);
      // Read after this page is merged; if merging fails first, its failure is the one reported.
      next.catch(() => undefined);
    }
    await storage.applyRemoteChanges(userId, page.changes, page.cursor);
    pages += 1;
    if (!more) break;
    cursor = page.cursor;
  }
  // Pages only mark what they touched; it is derived once here, from every answer now stored.
  await storage.deriveStale(userId);
  return pages;
}
