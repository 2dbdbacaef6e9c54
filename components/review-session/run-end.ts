/**
 * The end of a review's run and a drill's catch-up with answers from elsewhere, in the
 * summaries' chunk (review-screens.ts): nothing of it is needed before the first card.
 */
import type { ReviewController } from './review-controller.js';
import { CatchUp } from './review-catch-up.js';
import type { ReviewRun } from './review-run.js';
import { endReview } from './summary-actions.js';

/**
 * Ends `review`'s run, whose last card was answered (the summaries' chunk, and for a scheduled
 * review the extras', are in). A drill's session is completed, with its summary. A scheduled
 * review shows "All done for now": a session that took answers during this visit is completed
 * (a later card starts a new one) and `review-complete` fires; the timer wakes the review when
 * a learning step falls due. A session that cannot be completed shows the error.
 */
export async function endRun(review: ReviewController, moveFocus: boolean): Promise<void> {
  const scheduled = review.scheduled;
  const run = review.run as ReviewRun;
  const session = scheduled ? scheduled.session : run.session;
  const answered = scheduled ? scheduled.answered.length > 0 : true;
  if (session && answered) {
    try {
      await review.engines.engine!.completeSession(session.id);
      if (scheduled) scheduled.session = null;
    } catch (error) {
      review.fail(error);
      return;
    }
  }
  if (!scheduled) return endReview(review, 'complete', moveFocus);
  endReview(review, 'done', moveFocus && answered);
  review.arm();
}

/** The catch-up of `review`'s drill (review-catch-up.ts): its session on screen, a card answered elsewhere replaced by the next one. */
export function drillCatchUp(review: ReviewController): CatchUp {
  return new CatchUp({
    get run() {
      const run = review.run;
      return run && !review.scheduled ? (run as ReviewRun) : null;
    },
    get showingCard() {
      return review.phase === 'card';
    },
    get busy() {
      return review.busy;
    },
    read: (sessionId) => review.engines.engine!.getSessionAnswers(sessionId),
    // A card whose feedback is on screen was answered here: it stays until "Next".
    moved: async (run) => {
      if (review.typed || run.current === review.item) review.host.requestUpdate();
      else await review.advance(review.host.matches(':focus-within'));
    },
  });
}
