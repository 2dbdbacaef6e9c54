/**
 * The part of a derived card state the session queue reads. Any card state with these fields
 * (the scheduler's own, or a test's) can be queued.
 */

/** Where a card is in its life: never answered, in its (re)learning steps, or in review. */
export type CardPhase = 'new' | 'learning' | 'review' | 'relearning';

/** What the queue needs to know about one card. */
export interface QueueCard {
  itemId: string;
  phase: CardPhase;
  /** When the card is due, in epoch milliseconds. */
  due: number;
  /** When it was last answered, in epoch milliseconds (null for a new card). */
  lastReviewAt: number | null;
}
