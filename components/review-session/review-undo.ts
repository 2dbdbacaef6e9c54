/**
 * Undo in `<review-session>` (the button, `z`, Ctrl+Z): the last answer of this visit is
 * retracted everywhere and its card comes back. Its code is in the chunk loaded after the
 * first card (card-extras.ts); the undo button's markup stays in the tag's first chunk, so
 * nothing moves when it appears.
 */
import type { ReviewController } from './review-controller.js';
import type { ReviewRun } from './review-run.js';

/** Undoes `review`'s last answer of this visit: retracted everywhere; its card comes back, focused. */
export async function undoLast(review: ReviewController): Promise<void> {
  // An answer still being written (the last card's too) is the one to undo once it is stored;
  // a refused one was never stored and its card is back already: nothing else is undone.
  const answering = review.answering;
  if (review.writing && !(await review.writing)) return;
  await review.answersStored();
  if (answering && !review.lastStored) return;
  const answer = review.undoStack[review.undoStack.length - 1];
  const engine = review.engines.engine;
  const run = review.run;
  if (!answer || !engine || !run || review.busy || (review.phase !== 'card' && review.phase !== 'done' && review.phase !== 'complete')) return;
  review.update({ busy: true });
  try {
    await engine.retractAnswer(answer.id);
    // The retracted answer itself: the stack may have changed while it was retracted.
    const index = review.undoStack.lastIndexOf(answer);
    if (index >= 0) review.undoStack.splice(index, 1);
    const scheduled = review.scheduled;
    if (scheduled) {
      // Forgotten by the visit; its card is shown next.
      const index = scheduled.answered.findIndex((a) => a.id === answer.id);
      if (index >= 0) scheduled.answered.splice(index, 1);
      scheduled.pinned = answer.itemId;
      await scheduled.reload(review.host.clock.now());
    }
    else (run as ReviewRun).remove(answer);
  } catch (error) {
    review.fail(error);
    return;
  } finally {
    review.update({ busy: false });
  }
  review.showCard(true);
}
