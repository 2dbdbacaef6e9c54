/**
 * Applying pulled changes: answers as a set union by id, sessions through the shared merge
 * rules, statistics and progress re-derived from the stored answers where new ones arrived
 * (merged with the server's progress), and the pull cursor — all in one transaction, so a
 * crash never stores a cursor past changes it did not keep. A page of answers the device
 * already has (its own, coming back) costs a key read and the progress merge, nothing more.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import { mergeProgress, mergeSessions } from '../merge/conflict-resolver.js';
import { deriveProgress, deriveSessionStatistics } from '../merge/derive.js';
import type { AnswerRecord, ChangeSet, ProgressData } from '../types.js';
import { check } from './input-checks.js';
import { rederiveCardStates, retractedAnswerIds } from './card-state-store.js';
import { cursorKey } from './meta-keys.js';
import type { ReviewDB, ReviewDatabase } from './schema.js';
import { receiveStoredHlc } from './stored-clock.js';
import { inTransaction, queued } from './transaction.js';

/** The answers store inside some read-write transaction. */
type AnswersStore = IDBPObjectStore<ReviewDB, ArrayLike<StoreNames<ReviewDB>>, 'answers', 'readwrite'>;

/** Above this many stored keys per pulled id, a page's existence check reads keys one by one. */
const KEY_SPAN_FACTOR = 4;

/**
 * Which of `ids` the answers store already holds. Pulled pages are mostly ids we have (our own
 * answers coming back) and close together (UUIDv7, time-ordered), so one `getAllKeys` over
 * their span answers for all of them; it is bounded, and ids beyond what it reached are
 * checked one by one (issued together). Ids that are not strings are checked one by one too,
 * so an invalid key fails the transaction as a single `getKey` would.
 */
async function storedAnswerIds(answers: AnswersStore, ids: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  if (ids.length === 0) return known;
  let single: string[] = [...ids];
  if (ids.every((id) => typeof id === 'string')) {
    const sorted = [...new Set(ids)].sort();
    const limit = sorted.length * KEY_SPAN_FACTOR;
    const keys = await answers.getAllKeys(IDBKeyRange.bound(sorted[0]!, sorted[sorted.length - 1]!), limit);
    for (const key of keys) known.add(key);
    // Fewer keys than asked for: the whole span was read. Else only ids past its end are unknown.
    const reached = keys[keys.length - 1]!;
    single = keys.length < limit ? [] : sorted.filter((id) => id > reached);
  }
  const present = await Promise.all(single.map((id) => answers.getKey(id)));
  single.forEach((id, i) => {
    if (present[i] !== undefined) known.add(id);
  });
  return known;
}

/** What `applyRemoteChanges` changed locally. */
export interface RemoteApplyResult {
  answersAdded: number;
  sessionsChanged: number;
  /** The sessions that got new answers. */
  sessionIds: string[];
}

/**
 * Merges one page of pulled changes for `userId` and stores `cursor`, in one transaction.
 * Records of other users are ignored (a server must not send them; we do not trust it to).
 * Throws 'invalid-input' when `changes` is not a ChangeSet.
 */
export async function applyRemoteChanges(
  db: ReviewDatabase,
  deviceId: string,
  userId: string,
  changes: ChangeSet,
  cursor: string,
  now: number,
): Promise<RemoteApplyResult> {
  check(
    Array.isArray(changes?.answers) && Array.isArray(changes.sessions) && Array.isArray(changes.progress),
    'changes must have answers, sessions and progress arrays.',
  );
  check(typeof cursor === 'string', 'cursor must be a string.');
  const answersIn = changes.answers.filter((a) => a.userId === userId);
  const sessionsIn = changes.sessions.filter((s) => s.userId === userId);
  const progressIn = changes.progress.filter((p) => p.userId === userId);
  const retractionsIn = (changes.retractions ?? []).filter((r) => r.userId === userId);
  const tx = db.transaction(['answers', 'sessions', 'statistics', 'progress', 'meta', 'retractions', 'cardStates'], 'readwrite');
  return inTransaction(tx, async () => {
    const answers = tx.objectStore('answers');
    const sessions = tx.objectStore('sessions');
    const progress = tx.objectStore('progress');

    const known = await storedAnswerIds(answers, answersIn.map((a) => a.id));
    const added = new Map<string, AnswerRecord>();
    for (const answer of answersIn) {
      if (known.has(answer.id) || added.has(answer.id)) continue;
      added.set(answer.id, answer);
      queued(answers.add(answer));
    }

    const touchedSessions = new Set<string>();
    const touchedItems = new Set<string>();
    for (const answer of added.values()) {
      touchedSessions.add(answer.sessionId);
      touchedItems.add(answer.itemId);
    }
    // Undos: stored once by id; the answers they name (when we have them) are counted again.
    const retractionStore = tx.objectStore('retractions');
    const knownRetractions = await Promise.all(retractionsIn.map((r) => retractionStore.getKey(r.id)));
    const newRetractions = retractionsIn.filter((_r, i) => knownRetractions[i] === undefined);
    for (const retraction of new Map(newRetractions.map((r) => [r.id, r])).values()) queued(retractionStore.add(retraction));
    const undone = await retractedAnswerIds(tx, userId);
    const named = await Promise.all(newRetractions.map((r) => added.get(r.answerId) ?? answers.get(r.answerId)));
    for (const answer of named) {
      if (!answer || answer.userId !== userId) continue;
      touchedSessions.add(answer.sessionId);
      touchedItems.add(answer.itemId);
    }

    let sessionsChanged = 0;
    const localSessions = await Promise.all(sessionsIn.map((s) => sessions.get(s.id)));
    const mergedById = new Map(localSessions.filter((s) => s !== undefined).map((s) => [s.id, s]));
    for (const remote of sessionsIn) {
      const local = mergedById.get(remote.id);
      const merged = local ? mergeSessions(local, remote) : remote;
      mergedById.set(remote.id, merged);
      if (!local || JSON.stringify(local) !== JSON.stringify(merged)) {
        queued(sessions.put(merged));
        sessionsChanged += 1;
      }
    }

    // Derived data is recomputed from every stored answer (the new ones are visible in this
    // transaction), so counts stay exact however the changes overlap what we had.
    const sessionIds = [...touchedSessions];
    const sessionAnswers = await Promise.all(sessionIds.map((id) => answers.index('sessionId').getAll(id)));
    sessionIds.forEach((id, i) => {
      const list = sessionAnswers[i] ?? [];
      const owner = list[0]?.userId ?? userId;
      queued(tx.objectStore('statistics').put(deriveSessionStatistics(id, owner, list, undone)));
    });

    const remoteProgress = new Map(progressIn.map((p) => [p.itemId, p]));
    const itemIds = [...new Set([...touchedItems, ...remoteProgress.keys()])];
    const storedProgress = new Map<string, ProgressData>();
    const derived = new Map<string, ProgressData>();
    const deriveFor = (items: readonly string[]) =>
      Promise.all(
        items.map(async (item) => derived.set(item, deriveProgress(userId, item, await answers.index('userItem').getAll([userId, item]), undone))),
      );
    // Stored progress already counts every stored answer (each answer write updates it), so
    // only items with new answers, or without progress, are derived again from their answers:
    // a pull of answers we already have must not re-read every answer of every item.
    await Promise.all([
      ...itemIds.map(async (item) => {
        const stored = await progress.get([userId, item]);
        if (stored) storedProgress.set(item, stored);
      }),
      deriveFor([...touchedItems]),
    ]);
    await deriveFor(itemIds.filter((item) => !touchedItems.has(item) && !storedProgress.has(item)));
    for (const itemId of itemIds) {
      // Progress is a snapshot with per-device counters: it also keeps answers a cleanup
      // removed, and the server's snapshot covers answers we never pulled.
      const stored = storedProgress.get(itemId);
      const fresh = derived.get(itemId);
      let next: ProgressData = stored && fresh ? mergeProgress(stored, fresh) : (stored ?? fresh)!;
      const remote = remoteProgress.get(itemId);
      if (remote) next = mergeProgress(next, remote);
      if (!stored || fresh || JSON.stringify(stored) !== JSON.stringify(next)) queued(progress.put(next));
    }

    await rederiveCardStates(tx, userId, touchedItems, undone);
    await receiveStoredHlc(tx.objectStore('meta'), deviceId, sessionsIn.map((s) => s.statusHlc), now);
    queued(tx.objectStore('meta').put(cursor, cursorKey(userId)));
    return { answersAdded: added.size, sessionsChanged, sessionIds };
  });
}
