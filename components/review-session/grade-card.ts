/**
 * A grade of `<review-session>` (keys 1-4 or the buttons), in the grades' chunk (grading.ts),
 * imported with the engine's (review-engine.ts, review-parts.ts). The tag's first chunk shows
 * and reveals the first card and takes the key; what a grade does then (the card held while its answer is
 * written after the next card's paint, the chain of writes, a refused write bringing its card
 * back) is here, with the writing (answer-write.ts) and the run's side (scheduled-grades.ts).
 * Every write waits for the engine, so a grade waits for nothing more than before.
 */
import type { CardController, Grade } from './card-controller.js';
import { recordAnswer } from './answer-write.js';
import { holdCard, releaseCard } from './scheduled-grades.js';

/**
 * Stores a grade of `review`'s card and shows the next card, from the queue in memory, while
 * the answer is written; it can be graded at once (its answer is written after). An answer
 * counts (undo, `review-answer`) once stored; a refused write brings its card back with the
 * notice, dropping grades given meanwhile. The review's end shows once all are stored.
 */
export async function gradeCard(review: CardController, rating: Grade): Promise<void> {
  const item = review.item;
  if (review.phase !== 'card' || !review.revealed || review.storing || !item) return;
  const run = review.run!;
  const now = review.host.clock.now();
  holdCard(run, item.id, rating, now);
  if (run.done) {
    // The last card: the end completes the session, which must hold every answer first.
    releaseCard(run, item.id, now);
    if (review.writing && !(await review.writing)) return;
    if (review.phase !== 'card' || !review.revealed || review.storing || review.item !== item) return;
    if (await recordAnswer(review, { rating })) await review.advance(true);
    return;
  }
  const write = recordAnswer(review, { rating }, review.writing ?? true);
  review.writing = write;
  review.showCard(true);
  const stored = await write;
  if (review.writing === write) review.writing = null;
  // The stored state of the answered card is the truth: a card the queue in memory got wrong
  // is replaced while it is still face down.
  if (stored && review.run === run && review.phase === 'card' && !review.revealed && run.current !== review.item) {
    await review.advance(review.host.matches(':focus-within'));
  }
}
