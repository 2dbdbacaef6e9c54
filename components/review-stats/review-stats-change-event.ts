/**
 * The event `<review-stats>` fires when its figures were computed (first read, new answers,
 * an undo, a pull, a new learner day): `detail` holds them, or null when they could not be
 * read. Registered in `HTMLElementEventMap`, so a listener's `event.detail` is typed.
 */
import type { ReviewFigures } from './stats-source.js';

/** Fired after the figures were (re)computed; bubbles. */
export class ReviewStatsChangeEvent extends CustomEvent<ReviewFigures | null> {
  /** The event name. */
  static readonly eventName = 'review-stats-change' as const;
  /** A bubbling `review-stats-change` event with the figures shown (null after an error). */
  constructor(figures: ReviewFigures | null) {
    super('review-stats-change', { detail: figures, bubbles: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'review-stats-change': ReviewStatsChangeEvent;
  }
}
