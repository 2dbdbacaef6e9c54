/**
 * The event `<review-session>` fires when a review ends with answers, beside the others of
 * review-session-events.ts. Fired from the summaries' chunk (summary-actions.ts), so it is a
 * module of its own.
 */

/** Detail of {@link ReviewCompleteEvent}. */
export interface ReviewCompleteDetail {
  sessionId: string;
  /** Cards answered. */
  answered: number;
  /** Answers that were right (graded above Again, or typed correctly). */
  correct: number;
  /** `correct / answered`, between 0 and 1 (0 when nothing was answered). */
  accuracy: number;
  /** Time spent answering, summed over the cards, in milliseconds. */
  durationMs: number;
}

/** Fired when the last card was answered and the session is complete. */
export class ReviewCompleteEvent extends CustomEvent<ReviewCompleteDetail> {
  /** The event name. */
  static readonly eventName = 'review-complete' as const;
  /** A bubbling `review-complete` event. */
  constructor(detail: ReviewCompleteDetail) {
    super('review-complete', { detail, bubbles: true });
  }
}
