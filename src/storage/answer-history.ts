/**
 * A learner's whole answer history on the device: every answer stored (this device's, other
 * tabs' and pulled ones, one copy per id) without the undone ones. What statistics are made
 * of, so that they work offline and agree across devices once the answers have merged.
 */
import { compareAnswers, uniqueAnswers } from '../merge/answer-order.js';
import type { AnswerRecord } from '../types.js';
import { retractedAnswerIds } from './card-state-reads.js';
import type { ReviewDatabase } from './schema.js';

/** `userId`'s answers without the retracted ones, in (answeredAt, id) order, read in one transaction. */
export async function readAnswerHistory(db: ReviewDatabase, userId: string): Promise<AnswerRecord[]> {
  const tx = db.transaction(['answers', 'retractions']);
  // Every [userId, itemId] key of the user: arrays sort after strings, so [userId, []] ends the range.
  const range = IDBKeyRange.bound([userId], [userId, []]);
  const [answers, retractions] = await Promise.all([
    tx.objectStore('answers').index('userItem').getAll(range),
    tx.objectStore('retractions').index('userId').getAll(userId),
  ]);
  const undone = new Set(retractions.map((retraction) => retraction.answerId));
  return uniqueAnswers(answers, (answer) => !undone.has(answer.id));
}

/**
 * A session's answers that are not undone, in (answeredAt, id) order: what the session shows
 * and resumes from (an undone answer stays stored, as every answer does, but counts for nothing).
 */
export async function keptSessionAnswers(db: ReviewDatabase, sessionId: string): Promise<AnswerRecord[]> {
  const tx = db.transaction(['answers', 'retractions']);
  const answers = await tx.objectStore('answers').index('sessionId').getAll(sessionId);
  // A session is one user's; the same read as the card states' replay finds the undone answers.
  const users = [...new Set(answers.map((answer) => answer.userId))];
  const undone = await Promise.all(users.map((userId) => retractedAnswerIds(tx, userId)));
  return answers.filter((answer) => !undone.some((ids) => ids.has(answer.id))).sort(compareAnswers);
}
