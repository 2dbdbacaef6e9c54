/**
 * Storing one answer of `<review-session>`: through the engine, into the run's session (a
 * scheduled review starts its session with its first answer, so a visit with nothing due
 * writes nothing), then into the run. In the grades' chunk (grading.ts).
 */
import type { AnswerRecord, OfflineReview } from '../../src/index.js';
import type { AnswerInput } from '../../src/engine/answer.js';
import type { ReviewClock } from './queue-timer.js';
import type { ReviewIdentity } from './review-identity.js';
import { ReviewRun } from './review-run.js';
import { addStored, heldAside } from './scheduled-grades.js';
import type { ScheduledRun } from './scheduled-run.js';

/** What the element gives: the clock. */
export interface AnswerHost {
  clock: ReviewClock;
}

/** Whether `engine` is the one of the learner and database `run` was loaded for. */
export function servesRun(engine: OfflineReview, run: { identity: ReviewIdentity }): boolean {
  return engine.userId === run.identity.userId && engine.dbName === run.identity.dbName;
}

/**
 * Stores `answer` and adds it to `run`, for the run's identity (`engine` is its learner's, see
 * `servesRun`). Resolves the stored answer, its 1-based position in
 * this visit and the number of cards the visit has (answered plus queued).
 * Rejects as `engine.recordAnswer` does ('storage-full': nothing was stored).
 */
export async function storeAnswer(
  engine: OfflineReview,
  host: AnswerHost,
  run: ReviewRun | ScheduledRun,
  answer: Omit<AnswerInput, 'sessionId'>,
): Promise<{ stored: AnswerRecord; position: number; total: number }> {
  if (run instanceof ReviewRun) {
    // The answer's own place: cards answered before it, plus one (it may be held meanwhile).
    const position = Math.min(run.answered + 1, run.total);
    const stored = await engine.recordAnswer({ sessionId: run.session.id, ...answer });
    run.add(stored);
    return { stored, position, total: run.total };
  }
  if (!run.session) {
    const { deckId, mode } = run.identity;
    run.session = (await engine.startSession({ deckId, itemIds: run.itemIds, mode: mode === 'typed' ? 'typed' : 'grade' })).session;
  }
  // The card's state comes back from the answer's own transaction, derived with the run's
  // parameters and day: no second transaction to read it.
  const { answer: stored, cardState } = await engine.recordAnswerWithState({ sessionId: run.session.id, ...answer }, run.config.params, run.config.day);
  await addStored(run, stored, host.clock.now(), cardState);
  const position = run.answered.length;
  // Cards graded after this one and not stored yet count as well, as they would once stored.
  return { stored, position, total: position + heldAside(run) + run.queue.itemIds.length };
}
