/**
 * Turns what a learner did into an AnswerRecord, and records it: the id is made here, on the
 * device, so the answer has its identity (its idempotency key) before it ever reaches a server.
 */
import { OfflineReviewError } from '../errors.js';
import { uuidv7 } from '../ids.js';
import type { CardState } from '../scheduler/card-state.js';
import { localLearnerDay, normalizeLearnerDay, type LearnerDay } from '../scheduler/learner-day.js';
import { normalizeSchedulerParameters, type SchedulerParameters } from '../scheduler/parameters.js';
import type { IndexedDBStorage } from '../storage/indexeddb-storage.js';
import type { SyncQueue } from '../sync/sync-queue.js';
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

/** What recording an answer uses of the engine (src/engine.ts). */
export interface AnswerContext {
  /** The engine's `ready`: the device id is known once it resolves. */
  ready: Promise<void>;
  storage: Pick<IndexedDBStorage, 'recordAnswer' | 'quota'>;
  syncer: Pick<SyncQueue, 'notifyWrite'>;
  userId: string;
  deviceId(): string;
}

/**
 * The engine's `recordAnswerWithState` (its doc comment is the public one): checks `params` and
 * `day`, builds the answer, stores it with the card's state in one transaction, asks once for
 * persistent storage and tells the sync queue. Rejects as `buildAnswer` and storage do.
 */
export async function recordAnswerWithState(
  engine: AnswerContext,
  input: AnswerInput,
  params?: SchedulerParameters,
  day?: LearnerDay,
): Promise<{ answer: AnswerRecord; cardState: CardState | null }> {
  // Checked before anything is written: they are used inside the answer's transaction.
  const derive = params || day ? { params: normalizeSchedulerParameters(params), day: day ? normalizeLearnerDay(day) : localLearnerDay() } : undefined;
  await engine.ready;
  const answer = buildAnswer(input, engine.userId, engine.deviceId(), Date.now());
  const written = await engine.storage.recordAnswer(answer, derive);
  void engine.storage.quota.persistOnce();
  void engine.syncer.notifyWrite(written.queued ?? undefined);
  return { answer: written.answer, cardState: written.cardState };
}
