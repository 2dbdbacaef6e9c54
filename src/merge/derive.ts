/**
 * Statistics and progress are DERIVED from answers (docs/design.md, "The data model"): recomputed from
 * the set of answers in (answeredAt, id) order, so they never conflict and counts are exact.
 * The `applyAnswerTo*` functions add one answer incrementally and always equal the `derive*`
 * function over the union. Pure: runs in pages, the service worker and the server.
 */
import { OfflineReviewError } from '../errors.js';
import type { AnswerRecord, DeviceCounters, ProgressData, SessionStatistics } from '../types.js';
import { latestRecent, maxNullable, minNullable, progressRecord, sortCounters, statisticsRecord } from './counters.js';

/** Orders answers by (answeredAt, id): the one order every replica agrees on. */
export function compareAnswers(a: AnswerRecord, b: AnswerRecord): number {
  if (a.answeredAt !== b.answeredAt) return a.answeredAt < b.answeredAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A total order over copies of answers: `compareAnswers`, then their JSON. Why: an id is one
 * immutable event, but if two copies ever differ, every replica must keep the same one
 * whatever the arrival order.
 */
export function compareAnswerCopies(a: AnswerRecord, b: AnswerRecord): number {
  const order = compareAnswers(a, b);
  if (order !== 0) return order;
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The answers that pass `keep`, one per id (the greatest copy), sorted by `compareAnswers`. */
export function uniqueAnswers(
  answers: readonly AnswerRecord[],
  keep: (answer: AnswerRecord) => boolean = () => true,
): AnswerRecord[] {
  const byId = new Map<string, AnswerRecord>();
  for (const answer of answers) {
    if (!keep(answer)) continue;
    const seen = byId.get(answer.id);
    if (!seen || compareAnswerCopies(seen, answer) < 0) byId.set(answer.id, answer);
  }
  return [...byId.values()].sort(compareAnswers);
}

/** Adds one answer to a device's counters (a new object). */
function countAnswer(counters: DeviceCounters | undefined, answer: AnswerRecord, withTime: boolean): DeviceCounters {
  const next: DeviceCounters = {
    reviewCount: (counters?.reviewCount ?? 0) + 1,
    correctCount: (counters?.correctCount ?? 0) + (answer.correct ? 1 : 0),
  };
  if (withTime) next.totalResponseTimeMs = (counters?.totalResponseTimeMs ?? 0) + answer.responseTimeMs;
  return next;
}

function mismatch(what: string, expected: Record<string, string>, answer: AnswerRecord): OfflineReviewError {
  return new OfflineReviewError('invalid-input', `The answer belongs to another ${what}.`, {
    details: { expected, answerId: answer.id, sessionId: answer.sessionId, userId: answer.userId, itemId: answer.itemId },
  });
}

/**
 * Derives a user's progress on one item from answers. Answers of other users or items are
 * ignored; duplicates (same id) count once. Resolves nothing; never throws.
 */
export function deriveProgress(userId: string, itemId: string, answers: readonly AnswerRecord[]): ProgressData {
  const mine = uniqueAnswers(answers, (answer) => answer.userId === userId && answer.itemId === itemId);
  const byDevice: Record<string, DeviceCounters> = {};
  for (const answer of mine) byDevice[answer.deviceId] = countAnswer(byDevice[answer.deviceId], answer, false);
  const recent = latestRecent(mine.slice(-2).map(({ answeredAt, id, correct }) => ({ answeredAt, id, correct })));
  return progressRecord(userId, itemId, sortCounters(byDevice), recent, mine.length ? mine[mine.length - 1]!.answeredAt : 0);
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
  return progressRecord(progress.userId, progress.itemId, byDevice, recent, Math.max(progress.lastReviewed, answer.answeredAt));
}

function copyProgress(progress: ProgressData): ProgressData {
  return { ...progress, byDevice: sortCounters(progress.byDevice), recent: progress.recent.map((r) => ({ ...r })) };
}

/**
 * Derives a session's statistics from answers. Answers of other sessions or users are
 * ignored; duplicates (same id) count once. Never throws.
 */
export function deriveSessionStatistics(
  sessionId: string,
  userId: string,
  answers: readonly AnswerRecord[],
): SessionStatistics {
  const mine = uniqueAnswers(answers, (answer) => answer.sessionId === sessionId && answer.userId === userId);
  const byDevice: Record<string, DeviceCounters> = {};
  for (const answer of mine) byDevice[answer.deviceId] = countAnswer(byDevice[answer.deviceId], answer, true);
  const first = mine.length ? mine[0]!.answeredAt : null;
  const last = mine.length ? mine[mine.length - 1]!.answeredAt : null;
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
