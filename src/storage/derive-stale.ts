/**
 * Deriving what stale marks name (stale-marks.ts): an item's progress and card state, a
 * session's statistics, each from every stored answer, exactly as if it had been derived after
 * each answer arrived. A catch-up derives once at its end, in batches of items whose answers
 * are read with one index range read per batch, each batch its own short transaction (so no
 * task holds the page for long and a close between batches keeps what was done); a read of
 * derived data derives the stale records it reads first, in its own transaction.
 */
import { mergeProgress } from '../merge/conflict-resolver.js';
import { deriveProgress, deriveSessionStatistics } from '../merge/derive.js';
import { deriveCardState } from '../scheduler/card-state.js';
import { localLearnerDay } from '../scheduler/learner-day.js';
import { defaultSchedulerParameters } from '../scheduler/parameters.js';
import { parseParametersKey } from '../scheduler/parse-parameters-key.js';
import { maxNullable, minNullable, sortCounters, statisticsRecord } from '../merge/counters.js';
import type { AnswerRecord, DeviceCounters, ProgressData, SessionStatistics } from '../types.js';
import { retractedAnswerIds } from './card-state-reads.js';
import { DERIVE_STORES, type DeriveTx } from './derivation-loader.js';
import type { ReviewDatabase, StoredCardState } from './schema.js';
import { clearStale, staleAmong, staleItems, staleSessionKey, staleSessions, type StaleSession } from './stale-marks.js';
import { inTransaction, queued } from './transaction.js';

export { DERIVE_STORES, type DeriveTx } from './derivation-loader.js';

/** Items in a catch-up's first batch; later batches grow or shrink to take about BATCH_MS. */
export const ITEM_BATCH = 100;
const MIN_BATCH = 10;
/** At most this many: the batch's answers are copied out of IndexedDB in the same task, unmeasured. */
const MAX_BATCH = 200;
/** How long one batch's derivation may take, its tasks together: well under a long task's 50 ms. */
const BATCH_MS = 20;
/** Items derived and written in one task of a batch (see `deriveItems`). */
export const ITEMS_PER_TASK = 25;
/** Sessions per batch: a session counted from its items' answers costs one count... */
export const SESSION_BATCH = 20;
/** ...and of the others, whose answers are read (a session may hold thousands), this many. */
const SESSION_READS = 2;

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
 * catch-up's batch: the items are neighbours); otherwise one read per item. Resolves the
 * answers read (those of `itemIds`) and the milliseconds spent deriving once they were read
 * (in tasks of ITEMS_PER_TASK items, each after the writes of the one before succeeded).
 */
export async function deriveItems(tx: DeriveTx, userId: string, itemIds: readonly string[], undone: ReadonlySet<string>, ranged: boolean): Promise<{ answers: AnswerRecord[]; ms: number }> {
  const items = [...new Set(itemIds)].sort();
  if (items.length === 0) return { answers: [], ms: 0 };
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
  let ms = 0;
  let started = performance.now();
  const day = localLearnerDay();
  const read: AnswerRecord[] = [];
  let last: Promise<unknown> | undefined;
  for (let at = 0; at < items.length; at += ITEMS_PER_TASK) {
    // The writes of the items before are awaited first: a write copies its record when it is
    // issued, and a whole batch's derivation and writes in one task made a long task.
    if (last) {
      ms += performance.now() - started;
      await last.catch((error: unknown) => Promise.reject(tx.error ?? error));
      started = performance.now();
    }
    const group = items.slice(at, at + ITEMS_PER_TASK);
    for (const item of group) {
      const list = lists.get(item) ?? [];
      const oldProgress = progress.get(item)?.[0];
      const oldCard = stored.get(item)?.[0];
      // No answer stored (a cleanup removed them): nothing to add to what is stored.
      if (list.length === 0) continue;
      read.push(...list);
      const fresh = deriveProgress(userId, item, list, undone);
      queued(progressStore.put(oldProgress ? mergeProgress(oldProgress, fresh) : fresh));
      const with_ = (oldCard && parseParametersKey(oldCard.parametersKey)) || { params: defaultSchedulerParameters, day };
      last = cards.put({ ...deriveCardState(item, list, undone, with_.params, with_.day), userId });
      queued(last);
    }
    clearStale(tx.objectStore('meta'), group.map((itemId) => ({ userId, itemId })), []);
  }
  return { answers: read, ms: ms + performance.now() - started };
}

/** Two sessions' statistics over disjoint sets of answers, added: the statistics of the union. */
function addStatistics(a: SessionStatistics, b: SessionStatistics): SessionStatistics {
  const byDevice: Record<string, DeviceCounters> = { ...a.byDevice };
  for (const [device, y] of Object.entries(b.byDevice)) {
    const x = byDevice[device];
    if (!x) {
      byDevice[device] = y;
      continue;
    }
    const sum: DeviceCounters = { reviewCount: x.reviewCount + y.reviewCount, correctCount: x.correctCount + y.correctCount };
    sum.totalResponseTimeMs = (x.totalResponseTimeMs ?? 0) + (y.totalResponseTimeMs ?? 0);
    for (const key of ['retractedCount', 'retractedCorrect', 'retractedResponseTimeMs'] as const) {
      const total = (x[key] ?? 0) + (y[key] ?? 0);
      if (total > 0) sum[key] = total;
    }
    byDevice[device] = sum;
  }
  const first = minNullable(a.firstAnsweredAt, b.firstAnsweredAt);
  return statisticsRecord(a.sessionId, a.userId, sortCounters(byDevice), first, maxNullable(a.lastAnsweredAt, b.lastAnsweredAt));
}

/**
 * Statistics counted from the answers a catch-up's item batches read, per session: a session
 * whose answers were all among them needs no second read (statistics are sums, minima and
 * maxima, so batches of disjoint answers add up). Valid only for the retractions they were
 * counted with.
 */
export class SessionTally {
  private readonly tallies = new Map<string, SessionStatistics>();
  private readonly items = new Set<string>();
  private undone: ReadonlySet<string> | null = null;
  private broken = false;

  /**
   * Counts the answers of `itemIds` (every stored answer of each), with `undone` the retracted
   * ids. An item counted twice (marked again by another tab's pull meanwhile) or other
   * retractions make every tally unusable: the sessions are then read.
   */
  add(itemIds: readonly string[], answers: readonly AnswerRecord[], undone: ReadonlySet<string>): void {
    if ((this.undone && !sameSet(this.undone, undone)) || itemIds.some((item) => this.items.has(item))) this.broken = true;
    if (this.broken) return;
    for (const item of itemIds) this.items.add(item);
    this.undone = undone;
    const bySession = new Map<string, AnswerRecord[]>();
    for (const answer of answers) {
      const list = bySession.get(answer.sessionId);
      if (list) list.push(answer);
      else bySession.set(answer.sessionId, [answer]);
    }
    for (const [sessionId, list] of bySession) {
      const part = deriveSessionStatistics(sessionId, list[0]!.userId, list, undone);
      const seen = this.tallies.get(sessionId);
      this.tallies.set(sessionId, seen && seen.userId === part.userId ? addStatistics(seen, part) : part);
    }
  }

  /** The session's statistics if `count` (all its stored answers) were counted with `undone`. */
  complete(sessionId: string, count: number, undone: ReadonlySet<string>): SessionStatistics | null {
    const tally = this.tallies.get(sessionId);
    if (this.broken || !tally || !this.undone || !sameSet(this.undone, undone)) return null;
    const counted = Object.values(tally.byDevice).reduce((sum, c) => sum + c.reviewCount, 0);
    return counted === count ? tally : null;
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}

/**
 * Derives the statistics of `sessions` from their stored answers and clears their marks; a
 * session `tally` counted whole is taken from it after one count, without reading its answers.
 * Reads the answers of at most `reads` sessions (the others stay marked). Resolves how many
 * sessions were derived.
 */
export async function deriveSessions(tx: DeriveTx, sessions: readonly StaleSession[], tally?: SessionTally, reads = Infinity): Promise<number> {
  if (sessions.length === 0) return 0;
  const index = tx.objectStore('answers').index('sessionId');
  const undone = new Map<string, Promise<Set<string>>>();
  const undoneOf = (userId: string) => undone.get(userId) ?? undone.set(userId, retractedAnswerIds(tx, userId)).get(userId)!;
  const counts = await Promise.all(sessions.map((s) => (tally ? index.count(s.sessionId) : 0)));
  const tallied = await Promise.all(sessions.map(async (s, i) => (tally ? tally.complete(s.sessionId, counts[i]!, await undoneOf(s.userId)) : null)));
  let left = reads;
  const chosen = sessions.filter((_s, i) => tallied[i] || left-- > 0);
  const lists = await Promise.all(chosen.map((s) => (tallied[sessions.indexOf(s)] ? [] : index.getAll(s.sessionId))));
  for (const [i, session] of chosen.entries()) {
    const known = tallied[sessions.indexOf(session)];
    if (known) {
      queued(tx.objectStore('statistics').put(known));
      continue;
    }
    const list = lists[i]!;
    // A session whose answers were all removed (cleanup) keeps no statistics to derive.
    if (list.length === 0) continue;
    const owner = list[0]!.userId;
    queued(tx.objectStore('statistics').put(deriveSessionStatistics(session.sessionId, owner, list, await undoneOf(owner))));
  }
  clearStale(tx.objectStore('meta'), [], chosen);
  return chosen.length;
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
  const tally = new SessionTally();
  let size = ITEM_BATCH;
  for (;;) {
    const batch = await write(async () => {
      const tx = db.transaction(DERIVE_STORES, 'readwrite');
      return inTransaction(tx, async () => {
        const marks = await staleItems(tx.objectStore('meta'), userId, size);
        const itemIds = marks.map((m) => m.itemId);
        const undone = marks.length > 0 ? await retractedAnswerIds(tx, userId) : new Set<string>();
        return { itemIds, undone, ...(await deriveItems(tx, userId, itemIds, undone, true)) };
      });
    });
    // Counted once committed: a batch that failed and ran again is counted once.
    tally.add(batch.itemIds, batch.answers, batch.undone);
    done.items += batch.itemIds.length;
    if (batch.itemIds.length < size) break;
    // Keep each batch's task short whatever the machine's speed and the items' histories.
    if (batch.ms > BATCH_MS * 1.5) size = Math.max(MIN_BATCH, Math.floor(size / 2));
    else if (batch.ms < BATCH_MS / 2) size = Math.min(MAX_BATCH, size * 2);
  }
  for (;;) {
    const { marked, derived } = await write(async () => {
      const tx = db.transaction(DERIVE_STORES, 'readwrite');
      return inTransaction(tx, async () => {
        const marks = await staleSessions(tx.objectStore('meta'), SESSION_BATCH);
        return { marked: marks.length, derived: await deriveSessions(tx, marks, tally, SESSION_READS) };
      });
    });
    done.sessions += derived;
    if (marked < SESSION_BATCH && derived === marked) break;
  }
  return done;
}
