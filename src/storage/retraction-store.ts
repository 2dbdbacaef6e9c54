/**
 * Undo on the device: a retraction is written with everything it changes — the statistics and
 * progress derived again without the answer, the card state, the HLC tick and the queue entry
 * — in ONE transaction, as an answer is. Answers themselves are never deleted. Part of the
 * derivation chunk (derivation.ts): storage loads it before it opens the transaction.
 */
import { OfflineReviewError } from '../errors.js';
import { uuidv7 } from '../ids.js';
import { mergeProgress, mergeStatistics } from '../merge/conflict-resolver.js';
import { compareAnswers, deriveProgress, deriveSessionStatistics } from '../merge/derive.js';
import type { CardState } from '../scheduler/card-state.js';
import type { AnswerRecord, AnswerRetraction, Mutation } from '../types.js';
import { rederiveCardStates, retractedAnswerIds, type CardTx } from './card-state-store.js';
import { newMutation, newQueueEntry } from './factories.js';
import type { ReviewDatabase } from './schema.js';
import { tickStoredHlc } from './stored-clock.js';
import { inTransaction, queued } from './transaction.js';

/** What `retractAnswer` resolves. `mutation` is null when the answer was already retracted. */
export interface RetractionWrite {
  retraction: AnswerRetraction;
  answer: AnswerRecord;
  card: CardState;
  mutation: Mutation | null;
}

const STORES = ['answers', 'retractions', 'statistics', 'progress', 'cardStates', 'meta', 'syncQueue'] as const;

/**
 * Retracts (undoes) the user's answer `answerId`, or with `answerId` null the latest answer
 * of session `sessionId` that is not retracted yet. Resolves null when there is none.
 * Retracting an answer twice is a no-op (mutation null). Throws OfflineReviewError 'not-found'
 * for an unknown answer id, 'invalid-input' for another user's answer.
 */
export async function retractAnswer(
  db: ReviewDatabase,
  deviceId: string,
  userId: string,
  target: { answerId: string } | { sessionId: string },
  now: number,
): Promise<RetractionWrite | null> {
  const tx = db.transaction([...STORES], 'readwrite');
  return inTransaction(tx, async () => {
    const answers = tx.objectStore('answers');
    const undone = await retractedAnswerIds(tx, userId);
    let answer: AnswerRecord | undefined;
    if ('answerId' in target) {
      answer = await answers.get(target.answerId);
      if (!answer) throw new OfflineReviewError('not-found', 'No such answer.', { details: { answerId: target.answerId } });
      if (answer.userId !== userId) {
        throw new OfflineReviewError('invalid-input', 'The answer belongs to another user.', { details: { answerId: answer.id } });
      }
    } else {
      const mine = (await answers.index('sessionId').getAll(target.sessionId)).filter((a) => a.userId === userId && !undone.has(a.id));
      answer = mine.sort(compareAnswers).at(-1);
      if (!answer) return null;
    }
    if (undone.has(answer.id)) {
      const existing = await tx.objectStore('retractions').index('userAnswer').get([userId, answer.id]);
      const card = (await rederiveCardStates(tx, userId, [answer.itemId], undone)).get(answer.itemId)!;
      return { retraction: existing!, answer, card, mutation: null };
    }
    const retraction: AnswerRetraction = { id: uuidv7(now), answerId: answer.id, userId, deviceId, retractedAt: now };
    undone.add(answer.id);
    const hlc = await tickStoredHlc(tx.objectStore('meta'), deviceId, now);
    const mutation = newMutation('retraction', 'create', retraction, hlc, now);
    queued(tx.objectStore('retractions').add(retraction));
    queued(tx.objectStore('syncQueue').add(newQueueEntry(userId, mutation, now, answer.sessionId)));
    await rederiveCounts(tx, userId, answer, undone);
    const card = (await rederiveCardStates(tx, userId, [answer.itemId], undone)).get(answer.itemId)!;
    return { retraction, answer, card, mutation };
  });
}

/**
 * The session's statistics and the item's progress derived again without the retracted
 * answers, merged into the stored ones (which may count answers a cleanup removed).
 */
async function rederiveCounts(tx: CardTx, userId: string, answer: AnswerRecord, undone: ReadonlySet<string>): Promise<void> {
  const answers = tx.objectStore('answers');
  const [sessionAnswers, itemAnswers, stats, progress] = await Promise.all([
    answers.index('sessionId').getAll(answer.sessionId),
    answers.index('userItem').getAll([userId, answer.itemId]),
    tx.objectStore('statistics').get(answer.sessionId),
    tx.objectStore('progress').get([userId, answer.itemId]),
  ]);
  const freshStats = deriveSessionStatistics(answer.sessionId, userId, sessionAnswers, undone);
  const freshProgress = deriveProgress(userId, answer.itemId, itemAnswers, undone);
  queued(tx.objectStore('statistics').put(stats ? mergeStatistics(stats, freshStats) : freshStats));
  queued(tx.objectStore('progress').put(progress ? mergeProgress(progress, freshProgress) : freshProgress));
}
