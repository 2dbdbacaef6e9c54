/**
 * Applying pulled changes: answers as a set union by id, sessions through the shared merge
 * rules, statistics and progress re-derived from the stored answers, and the pull cursor —
 * all in one transaction, so a crash never stores a cursor past changes it did not keep.
 */
import { mergeProgress, mergeSessions } from '../merge/conflict-resolver.js';
import { deriveProgress, deriveSessionStatistics } from '../merge/derive.js';
import type { AnswerRecord, ChangeSet, ProgressData } from '../types.js';
import { cursorKey, type ReviewDatabase } from './schema.js';
import { check, inTransaction, queued, receiveStoredHlc } from './transaction.js';

/** What `applyRemoteChanges` changed locally. */
export interface RemoteApplyResult {
  answersAdded: number;
  sessionsChanged: number;
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
  const tx = db.transaction(['answers', 'sessions', 'statistics', 'progress', 'meta'], 'readwrite');
  return inTransaction(tx, async () => {
    const answers = tx.objectStore('answers');
    const sessions = tx.objectStore('sessions');
    const progress = tx.objectStore('progress');

    const present = await Promise.all(answersIn.map((a) => answers.getKey(a.id)));
    const added = new Map<string, AnswerRecord>();
    answersIn.forEach((answer, i) => {
      if (present[i] !== undefined || added.has(answer.id)) return;
      added.set(answer.id, answer);
      queued(answers.add(answer));
    });

    const touchedSessions = new Set<string>();
    const touchedItems = new Set<string>();
    for (const answer of added.values()) {
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
      queued(tx.objectStore('statistics').put(deriveSessionStatistics(id, owner, list)));
    });

    const remoteProgress = new Map(progressIn.map((p) => [p.itemId, p]));
    const itemIds = [...new Set([...touchedItems, ...remoteProgress.keys()])];
    const [itemAnswers, storedProgress] = await Promise.all([
      Promise.all(itemIds.map((item) => answers.index('userItem').getAll([userId, item]))),
      Promise.all(itemIds.map((item) => progress.get([userId, item]))),
    ]);
    itemIds.forEach((itemId, i) => {
      // Progress is a snapshot with per-device counters: it also keeps answers a cleanup
      // removed, and the server's snapshot covers answers we never pulled.
      let next: ProgressData = deriveProgress(userId, itemId, itemAnswers[i] ?? []);
      const stored = storedProgress[i];
      if (stored) next = mergeProgress(stored, next);
      const remote = remoteProgress.get(itemId);
      if (remote) next = mergeProgress(next, remote);
      queued(progress.put(next));
    });

    await receiveStoredHlc(tx.objectStore('meta'), deviceId, sessionsIn.map((s) => s.statusHlc), now);
    queued(tx.objectStore('meta').put(cursor, cursorKey(userId)));
    return { answersAdded: added.size, sessionsChanged };
  });
}
