/**
 * The keyboard shortcuts of `<review-session>`, while focus is inside it: Space reveals,
 * 1-4 grade, `z` or Ctrl+Z (⌘Z) undoes the last answer. Keys typed into a field are never taken.
 */
import type { Grade, ReviewController } from './review-controller.js';

/** Handles one keydown for `review` in answer style `mode`. */
export function onReviewKey(event: KeyboardEvent, review: ReviewController, mode: string): void {
  const origin = event.composedPath()[0];
  if (origin instanceof HTMLInputElement || origin instanceof HTMLTextAreaElement || event.altKey) return;
  if (event.key.toLowerCase() === 'z' && !event.shiftKey && review.undoStack.length > 0) {
    event.preventDefault();
    void review.undo();
    return;
  }
  if (review.phase !== 'card' || mode !== 'grade' || event.ctrlKey || event.metaKey) return;
  if (!review.revealed && event.key === ' ') {
    event.preventDefault();
    review.reveal();
  } else if (review.revealed && /^[1-4]$/.test(event.key)) {
    event.preventDefault();
    void review.grade(Number(event.key) as Grade);
  }
}
