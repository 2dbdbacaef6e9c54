/**
 * Applying pulled changes: answers as a set union by id, sessions through the shared merge
 * rules, the server's progress merged, the items and sessions that got answers marked stale
 * (derived later, once, by derive-stale.ts), and the pull cursor — all in one transaction, so
 * a crash never stores a cursor past changes it did not keep, nor answers without their mark.
 * A page of answers the device already has (its own, coming back) costs a key read and the
 * progress merge, nothing more.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import { mergeProgress, mergeSessions } from '../merge/conflict-resolver.js';
import type { AnswerRecord, ChangeSet, ProgressData } from '../types.js';
import { check } from './input-checks.js';
import { cursorKey } from './meta-keys.js';
import type { ReviewDB, ReviewDatabase } from './schema.js';
import { markStale } from './stale-marks.js';
import { receiveStoredHlc } from './stored-clock.js';
import { inTransaction, queued } from './transaction.js';

/** The answers store inside some read-write transaction. */
type AnswersStore = IDBPObjectStore<ReviewDB, ArrayLike<StoreNames<ReviewDB>>, 'answers', 'readwrite'>;

/**
 * A page's writes (new answers, merged progress, stale marks) are issued this many at a time,
 * each chunk once the last write of the one before succeeded (see `inChunks`).
 */
export const WRITE_CHUNK = 50;

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

/**
 * Issues `write` for each of `records`, WRITE_CHUNK at a time, each chunk after the last write
 * of the one before succeeded (the last one awaited too, so what the caller writes next is not
 * copied in the same task), all in the caller's one transaction. Why: a write copies its
 * record (structured clone) when it is issued, so a page's hundreds of writes issued at once
 * were one long task (a trace of a 100,000-answer catch-up showed its longest tasks were these
 * copies); chunked, they are spread over short tasks. A failed write aborts the transaction:
 * its own error (a full disk, say) is the one reported.
 */
async function inChunks<T>(tx: { readonly error: DOMException | null }, records: readonly T[], write: (record: T) => Promise<unknown>): Promise<void> {
  for (let at = 0; at < records.length; at += WRITE_CHUNK) {
    const writes = records.slice(at, at + WRITE_CHUNK).map(write);
    writes.forEach(queued);
    await writes[writes.length - 1]!.catch((error: unknown) => Promise.reject(tx.error ?? error));
  }
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
  const tx = db.transaction(['answers', 'sessions', 'progress', 'meta', 'retractions'], 'readwrite');
  return inTransaction(tx, async () => {
    const answers = tx.objectStore('answers');
    const sessions = tx.objectStore('sessions');
    const progress = tx.objectStore('progress');

    const known = await storedAnswerIds(answers, answersIn.map((a) => a.id));
    const added = new Map<string, AnswerRecord>();
    for (const answer of answersIn) {
      if (known.has(answer.id) || added.has(answer.id)) continue;
      added.set(answer.id, answer);
    }
    await inChunks(tx, [...added.values()], (answer) => answers.add(answer));

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

    // Derived data is not derived here: the touched items and sessions are marked stale in
    // this transaction and derived once from every stored answer after the last page (or
    // before anything reads them; derive-stale.ts), so a catch-up of many pages reads each
    // item's answers once instead of once per page that touched it.
    const remoteProgress = new Map(progressIn.map((p) => [p.itemId, p]));
    const remoteItems = [...remoteProgress.keys()];
    const storedProgress = await Promise.all(remoteItems.map((item) => progress.get([userId, item])));
    const changed: ProgressData[] = [];
    remoteItems.forEach((item, i) => {
      // Progress is a snapshot with per-device counters: merging the server's now and the
      // answers' later gives what merging both at once gives (a join of counters).
      const stored = storedProgress[i];
      const remote = remoteProgress.get(item)!;
      const next = stored ? mergeProgress(stored, remote) : remote;
      if (!stored || JSON.stringify(stored) !== JSON.stringify(next)) changed.push(next);
      // Without stored progress, answers stored before (if any) were never counted in one.
      if (!stored) touchedItems.add(item);
    });
    await inChunks(tx, changed, (next) => progress.put(next));
    const meta = tx.objectStore('meta');
    await inChunks(tx, [...touchedItems], (item) => markStale(meta, userId, [item], [])[0]!);
    markStale(meta, userId, [], touchedSessions);

    await receiveStoredHlc(tx.objectStore('meta'), deviceId, sessionsIn.map((s) => s.statusHlc), now);
    queued(tx.objectStore('meta').put(cursor, cursorKey(userId)));
    return { answersAdded: added.size, sessionsChanged, sessionIds: [...touchedSessions] };
  });
}
