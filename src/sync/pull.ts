/**
 * Pull: the other devices' changes since this user's cursor, page by page. Each page is merged
 * through `applyRemoteChanges` (the same resolver the server uses) together with its cursor,
 * in one transaction, so a pull cut short resumes where it stopped.
 */
import type { SyncClient, SyncStorage } from './sync-ports.js';

/** Safety net against a server whose `hasMore` never ends. */
const MAX_PAGES = 100_000;

/**
 * Pulls until the server says there is no more. Resolves the number of pages merged; rejects
 * with the client's OfflineReviewError, or 'aborted' through `signal`.
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
  while (pages < MAX_PAGES) {
    const page = await client.pull(cursor, limit, signal);
    await storage.applyRemoteChanges(userId, page.changes, page.cursor);
    pages += 1;
    // A server that says "more" without moving its cursor would loop forever.
    if (!page.hasMore || page.cursor === cursor) break;
    cursor = page.cursor;
  }
  return pages;
}
