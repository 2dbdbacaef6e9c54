/**
 * Turns what a learner did into an AnswerRecord: the id is made here, on the device, so the
 * answer has its identity (its idempotency key) before it ever reaches a server.
 */
import { OfflineReviewError } from '../errors.js';
import { uuidv7 } from '../ids.js';
import { Rating, type AnswerRecord } from '../types.js';

/** What the caller of `recordAnswer` gives. */
export interface AnswerInput {
  sessionId: string;
  itemId: string;
  /** Grade mode: 1 Again … 4 Easy. `correct` is then `rating > Again` unless given. */
  rating?: Rating;
  /** Typed mode: whether the typed answer matched. Required when there is no rating. */
  correct?: boolean;
  typedAnswer?: string;
  responseTimeMs: number;
}

const RATINGS: readonly number[] = Object.values(Rating);

function invalid(message: string, details: Record<string, unknown>): OfflineReviewError {
  return new OfflineReviewError('invalid-input', message, { details });
}

/**
 * Builds the AnswerRecord of `input` for `userId` on `deviceId` at `now`. `responseTimeMs` may
 * be fractional (a `performance.now()` difference): it is rounded to whole milliseconds, the
 * one form a record holds. The record is checked once, by storage, against the answer table a
 * server checks too (src/records/answer-record.ts).
 * Throws OfflineReviewError('invalid-input') for a missing id, a rating that is not 1–4,
 * neither rating nor correct, or a negative or non-finite response time.
 */
export function buildAnswer(input: AnswerInput, userId: string, deviceId: string, now: number): AnswerRecord {
  if (typeof input?.sessionId !== 'string' || input.sessionId === '') throw invalid('sessionId is required.', { key: 'sessionId' });
  if (typeof input.itemId !== 'string' || input.itemId === '') throw invalid('itemId is required.', { key: 'itemId' });
  if (input.rating !== undefined && !RATINGS.includes(input.rating)) {
    throw invalid('rating must be 1 (Again) to 4 (Easy).', { rating: input.rating });
  }
  if (input.correct !== undefined && typeof input.correct !== 'boolean') throw invalid('correct must be a boolean.', {});
  if (input.rating === undefined && input.correct === undefined) {
    throw invalid('An answer needs a rating or correct.', {});
  }
  if (typeof input.responseTimeMs !== 'number' || !Number.isFinite(input.responseTimeMs) || input.responseTimeMs < 0) {
    throw invalid('responseTimeMs must be a number >= 0.', { responseTimeMs: input.responseTimeMs });
  }
  const answer: AnswerRecord = {
    id: uuidv7(now),
    sessionId: input.sessionId,
    userId,
    itemId: input.itemId,
    deviceId,
    answeredAt: now,
    // Grade mode: Again is the only wrong grade (the learner did not recall it).
    correct: input.correct ?? input.rating! > Rating.Again,
    responseTimeMs: Math.round(input.responseTimeMs),
  };
  if (input.rating !== undefined) answer.rating = input.rating;
  if (input.typedAnswer !== undefined) answer.typedAnswer = input.typedAnswer;
  return answer;
}
