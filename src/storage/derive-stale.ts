/**
 * Deriving what stale marks name (stale-marks.ts): an item's progress and card state, a
 * session's statistics, each from every stored answer, exactly as if it had been derived after
 * each answer arrived. A catch-up derives once at its end, in batches of items whose answers
 * are read with one index range read per batch, each batch its own short transaction (so no
 * task holds the page for long and a close between batches keeps what was done); a read of
 * derived data derives the stale records it reads first, in its own transaction.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import { mergeProgress } from '../merge/conflict-resolver.js';
import { deriveProgress, deriveSessionStatistics } from '../merge/derive.js';
import { deriveCardState } from '../scheduler/card-state.js';
import { localLearnerDay } from '../scheduler/learner-day.js';
import { defaultSchedulerParameters, parseParametersKey } from '../scheduler/parameters.js';
import type { AnswerRecord, ProgressData } from '../types.js';
import { retractedAnswerIds } from './card-state-store.js';
import type { ReviewDB, ReviewDatabase, StoredCardState } from './schema.js';
import { clearStale, staleAmong, staleItems, staleSessionKey, staleSessions, type StaleSession } from './stale-marks.js';
import { inTransaction, queued } from './transaction.js';

/** The stores a derivation reads and writes. */
export const DERIVE_STORES = ['answers', 'retractions', 'statistics', 'progress', 'cardStates', 'meta'] as const;

/** A read-write transaction over at least DERIVE_STORES. */
export type DeriveTx = IDBPTransaction<ReviewDB, ArrayLike<StoreNames<ReviewDB>>, 'readwrite'>;

/** Items per batch of a catch-up's derivation: a few thousand answers read and replayed per task. */
export const ITEM_BATCH = 200;
/** Sessions per batch (a session may hold thousands of answers). */
export const SESSION_BATCH = 4;

/** Groups `records` by item, keeping only the items in `wanted`. */
function byItem<T extends { itemId: string }>(records: readonly T[], wanted: ReadonlySet<string>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const record of records) {
    if (!wanted.has(record.itemId)) continue;
    const list = out.get(record.itemId);
    if (list) list.push(record);
    else out.set(record.itemId, [record]);
  }
  return out;
}

/**
 * Derives the progress and card state of `itemIds` of `userId` from their stored answers and
 * clears their marks. Progress merges what is stored (the server's snapshots, answers a cleanup
 * removed) with what the answers give; a card state keeps the parameters it was derived with.
 * With `ranged`, every record is read with one range read per store over the items' span (a
 * catch-up's batch: the items are neighbours); otherwise one read per item.
 */
export async function deriveItems(tx: DeriveTx, userId: string, itemIds: readonly string[], undone: ReadonlySet<string>, ranged: boolean): Promise<void> {
  const items = [...new Set(itemIds)].sort();
  if (items.length === 0) return;
  const wanted = new Set(items);
  const answers = tx.objectStore('answers').index('userItem');
  const progressStore = tx.objectStore('progress');
  const cards = tx.objectStore('cardStates');
  let lists: Map<string, AnswerRecord[]>;
  let progress: Map<string, ProgressData[]>;
  let stored: Map<string, StoredCardState[]>;
  if (ranged && items.length > 1) {
    const span = IDBKeyRange.bound([userId, items[0]!], [userId, items[items.length - 1]!]);
    const [a, p, c] = await Promise.all([answers.getAll(span), progressStore.getAll(span), cards.getAll(span)]);
    [lists, progress, stored] = [byItem(a, wanted), byItem(p, wanted), byItem(c, wanted)];
  } else {
    const [a, p, c] = await Promise.all([
      Promise.all(items.map((item) => answers.getAll([userId, item]))),
      Promise.all(items.map((item) => progressStore.get([userId, item]))),
      Promise.all(items.map((item) => cards.get([userId, item]))),
    ]);
    [lists, progress, stored] = [byItem(a.flat(), wanted), byItem(p.flatMap((x) => (x ? [x] : [])), wanted), byItem(c.flatMap((x) => (x ? [x] : [])), wanted)];
  }
  const day = localLearnerDay();
  for (const item of items) {
    const list = lists.get(item) ?? [];
    const oldProgress = progress.get(item)?.[0];
    const oldCard = stored.get(item)?.[0];
    // No answer stored (a cleanup removed them): nothing to add to what is stored.
    if (list.length === 0) continue;
    const fresh = deriveProgress(userId, item, list, undone);
    queued(progressStore.put(oldProgress ? mergeProgress(oldProgress, fresh) : fresh));
    const with_ = (oldCard && parseParametersKey(oldCard.parametersKey)) || { params: defaultSchedulerParameters, day };
    queued(cards.put({ ...deriveCardState(item, list, undone, with_.params, with_.day), userId }));
  }
  clearStale(tx.objectStore('meta'), items.map((itemId) => ({ userId, itemId })), []);
}

/** Derives the statistics of `sessions` from their stored answers and clears their marks. */
export async function deriveSessions(tx: DeriveTx, sessions: readonly StaleSession[]): Promise<void> {
  if (sessions.length === 0) return;
  const index = tx.objectStore('answers').index('sessionId');
  const lists = await Promise.all(sessions.map((s) => index.getAll(s.sessionId)));
  const undone = new Map<string, Promise<Set<string>>>();
  const undoneOf = (userId: string) => undone.get(userId) ?? undone.set(userId, retractedAnswerIds(tx, userId)).get(userId)!;
  for (const [i, session] of sessions.entries()) {
    const list = lists[i]!;
    // A session whose answers were all removed (cleanup) keeps no statistics to derive.
    if (list.length === 0) continue;
    const owner = list[0]!.userId;
    queued(tx.objectStore('statistics').put(deriveSessionStatistics(session.sessionId, owner, list, await undoneOf(owner))));
  }
  clearStale(tx.objectStore('meta'), [], sessions);
}

/**
 * Inside `tx`: derives whichever of `itemIds` of `userId`, and of `sessionIds`, are marked
 * stale, so that what the caller reads next counts every stored answer. Resolves whether
 * anything was stale.
 */
export async function deriveStaleAmong(tx: DeriveTx, userId: string, itemIds: readonly string[], sessionIds: readonly string[] = []): Promise<boolean> {
  const meta = tx.objectStore('meta');
  const [items, sessionMarks] = await Promise.all([
    staleAmong(meta, userId, itemIds),
    Promise.all(sessionIds.map((id) => meta.get(staleSessionKey(id)) as Promise<StaleSession | undefined>)),
  ]);
  const sessions = sessionMarks.filter((mark): mark is StaleSession => mark !== undefined);
  if (items.length > 0) await deriveItems(tx, userId, items, await retractedAnswerIds(tx, userId), false);
  await deriveSessions(tx, sessions);
  return items.length > 0 || sessions.length > 0;
}

/**
 * Derives everything `userId` has marked stale, and every stale session, in batches of
 * ITEM_BATCH items and SESSION_BATCH sessions, one transaction each (`write` runs each, e.g.
 * through the quota manager). Resolves how many items and sessions were derived.
 */
export async function deriveAllStale(
  db: ReviewDatabase,
  userId: string,
  write: <T>(run: () => Promise<T>) => Promise<T> = (run) => run(),
): Promise<{ items: number; sessions: number }> {
  const done = { items: 0, sessions: 0 };
  for (;;) {
    const count = await write(async () => {
      const tx = db.transaction(DERIVE_STORES, 'readwrite');
      return inTransaction(tx, async () => {
        const marks = await staleItems(tx.objectStore('meta'), userId, ITEM_BATCH);
        if (marks.length > 0) await deriveItems(tx, userId, marks.map((m) => m.itemId), await retractedAnswerIds(tx, userId), true);
        return marks.length;
      });
    });
    done.items += count;
    if (count < ITEM_BATCH) break;
  }
  for (;;) {
    const count = await write(async () => {
      const tx = db.transaction(DERIVE_STORES, 'readwrite');
      return inTransaction(tx, async () => {
        const marks = await staleSessions(tx.objectStore('meta'), SESSION_BATCH);
        await deriveSessions(tx, marks);
        return marks.length;
      });
    });
    done.sessions += count;
    if (count < SESSION_BATCH) break;
  }
  return done;
}
