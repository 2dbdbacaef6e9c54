/**
 * Statistics and progress are DERIVED from answers (docs/design.md, "The data model"): recomputed from
 * the set of answers in (answeredAt, id) order, so they never conflict and counts are exact.
 * The `applyAnswerTo*` functions add one answer incrementally and always equal the `derive*`
 * function over the union. Pure: runs in pages, the service worker and the server.
 */
import { OfflineReviewError } from '../errors.js';
import type { AnswerRecord, DeviceCounters, ProgressData, SessionStatistics } from '../types.js';
import { uniqueAnswers } from './answer-order.js';
import { latestRecent, maxNullable, mergeRetracted, minNullable, progressRecord, sortCounters, statisticsRecord } from './counters.js';

export { compareAnswerCopies, compareAnswers, uniqueAnswers } from './answer-order.js';

const NONE: ReadonlySet<string> = new Set();

/**
 * Adds one answer to a device's counters (a new object). A retracted answer is counted, and
 * counted again among the retracted ones, so that the totals leave it out and snapshots merge.
 */
function countAnswer(counters: DeviceCounters | undefined, answer: AnswerRecord, withTime: boolean, retracted = false): DeviceCounters {
  const next: DeviceCounters = {
    reviewCount: (counters?.reviewCount ?? 0) + 1,
    correctCount: (counters?.correctCount ?? 0) + (answer.correct ? 1 : 0),
  };
  if (withTime) next.totalResponseTimeMs = (counters?.totalResponseTimeMs ?? 0) + answer.responseTimeMs;
  const retractedCount = (counters?.retractedCount ?? 0) + (retracted ? 1 : 0);
  const retractedCorrect = (counters?.retractedCorrect ?? 0) + (retracted && answer.correct ? 1 : 0);
  const retractedTime = (counters?.retractedResponseTimeMs ?? 0) + (retracted && withTime ? answer.responseTimeMs : 0);
  if (retractedCount > 0) next.retractedCount = retractedCount;
  if (retractedCorrect > 0) next.retractedCorrect = retractedCorrect;
  if (retractedTime > 0) next.retractedResponseTimeMs = retractedTime;
  return next;
}

function mismatch(what: string, expected: Record<string, string>, answer: AnswerRecord): OfflineReviewError {
  return new OfflineReviewError('invalid-input', `The answer belongs to another ${what}.`, {
    details: { expected, answerId: answer.id, sessionId: answer.sessionId, userId: answer.userId, itemId: answer.itemId },
  });
}

/**
 * Derives a user's progress on one item from answers, leaving out those whose id is in
 * `retracted` (undone). Answers of other users or items are ignored; duplicates (same id)
 * count once. Never throws.
 */
export function deriveProgress(
  userId: string,
  itemId: string,
  answers: readonly AnswerRecord[],
  retracted: ReadonlySet<string> = NONE,
): ProgressData {
  const mine = uniqueAnswers(answers, (answer) => answer.userId === userId && answer.itemId === itemId);
  const byDevice: Record<string, DeviceCounters> = {};
  for (const answer of mine) byDevice[answer.deviceId] = countAnswer(byDevice[answer.deviceId], answer, false, retracted.has(answer.id));
  const kept = mine.filter((answer) => !retracted.has(answer.id));
  const recent = latestRecent(kept.slice(-2).map(({ answeredAt, id, correct }) => ({ answeredAt, id, correct })));
  const undone = mine.filter((answer) => retracted.has(answer.id)).map((answer) => answer.id);
  const last = kept.length ? kept[kept.length - 1]!.answeredAt : 0;
  return progressRecord(userId, itemId, sortCounters(byDevice), recent, last, mergeRetracted(undone, undefined));
}

/**
 * Adds one answer that this progress has not counted yet (an answer made on this device, say)
 * and returns the new progress; the result equals `deriveProgress` over the union. An answer
 * already among `recent` is recognised and leaves the progress unchanged.
 * Remote answers that arrive together with a progress snapshot must be merged with
 * `mergeProgress` instead, or they would be counted twice.
 * @throws OfflineReviewError('invalid-input') when the answer is for another user or item.
 */
export function applyAnswerToProgress(progress: ProgressData | null, answer: AnswerRecord): ProgressData {
  if (!progress) return deriveProgress(answer.userId, answer.itemId, [answer]);
  if (progress.userId !== answer.userId || progress.itemId !== answer.itemId) {
    throw mismatch('user or item', { userId: progress.userId, itemId: progress.itemId }, answer);
  }
  if (progress.recent.some((entry) => entry.id === answer.id)) return copyProgress(progress);
  const byDevice = sortCounters({
    ...progress.byDevice,
    [answer.deviceId]: countAnswer(progress.byDevice[answer.deviceId], answer, false),
  });
  const recent = latestRecent(progress.recent, [
    { answeredAt: answer.answeredAt, id: answer.id, correct: answer.correct },
  ]);
  return progressRecord(progress.userId, progress.itemId, byDevice, recent, Math.max(progress.lastReviewed, answer.answeredAt), progress.retracted);
}

function copyProgress(progress: ProgressData): ProgressData {
  const copy = { ...progress, byDevice: sortCounters(progress.byDevice), recent: progress.recent.map((r) => ({ ...r })) };
  if (progress.retracted) copy.retracted = [...progress.retracted];
  return copy;
}

/**
 * Derives a session's statistics from answers, leaving out those whose id is in `retracted`.
 * Answers of other sessions or users are ignored; duplicates (same id) count once. Never throws.
 */
export function deriveSessionStatistics(
  sessionId: string,
  userId: string,
  answers: readonly AnswerRecord[],
  retracted: ReadonlySet<string> = NONE,
): SessionStatistics {
  const mine = uniqueAnswers(answers, (answer) => answer.sessionId === sessionId && answer.userId === userId);
  const byDevice: Record<string, DeviceCounters> = {};
  for (const answer of mine) byDevice[answer.deviceId] = countAnswer(byDevice[answer.deviceId], answer, true, retracted.has(answer.id));
  const kept = mine.filter((answer) => !retracted.has(answer.id));
  const first = kept.length ? kept[0]!.answeredAt : null;
  const last = kept.length ? kept[kept.length - 1]!.answeredAt : null;
  return statisticsRecord(sessionId, userId, sortCounters(byDevice), first, last);
}

/**
 * Adds one answer that these statistics have not counted yet and returns the new statistics;
 * the result equals `deriveSessionStatistics` over the union.
 * @throws OfflineReviewError('invalid-input') when the answer is for another session or user.
 */
export function applyAnswerToStatistics(stats: SessionStatistics | null, answer: AnswerRecord): SessionStatistics {
  if (!stats) return deriveSessionStatistics(answer.sessionId, answer.userId, [answer]);
  if (stats.sessionId !== answer.sessionId || stats.userId !== answer.userId) {
    throw mismatch('session or user', { sessionId: stats.sessionId, userId: stats.userId }, answer);
  }
  const byDevice = sortCounters({
    ...stats.byDevice,
    [answer.deviceId]: countAnswer(stats.byDevice[answer.deviceId], answer, true),
  });
  const first = minNullable(stats.firstAnsweredAt, answer.answeredAt);
  const last = maxNullable(stats.lastAnsweredAt, answer.answeredAt);
  return statisticsRecord(stats.sessionId, stats.userId, byDevice, first, last);
}
