/**
 * Whom and what a review was loaded for (review-run.ts, scheduled-run.ts): kept apart from the
 * drill's run, which loads with the engine, since a scheduled review's first card needs it.
 */

/**
 * Whom and what a review was loaded for: its answers are stored for this learner, database
 * and deck alone, whatever the element's attributes say by the time an answer is written.
 */
export interface ReviewIdentity {
  readonly userId: string;
  readonly dbName: string;
  readonly deckId: string;
  readonly mode: string;
}

/** No one: a run not given its identity stores nothing. */
export const NO_ONE: ReviewIdentity = { userId: '', dbName: '', deckId: '', mode: '' };
