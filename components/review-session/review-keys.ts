/**
 * The keyboard shortcuts of `<review-session>`: Space or Enter reveals, 1-4 grade, `z` (and,
 * with focus inside the element, Ctrl+Z or ⌘Z) undoes the last answer. Keys typed into a field,
 * an editable region or a select are never taken, nor are Space and Enter on a focused control
 * (they press it), nor, from the page, any chord with Ctrl, ⌘ or Alt: those are the page's.
 */
import type { Grade, ReviewController } from './review-controller.js';

/** True for an element that takes typed text: an input, a textarea, a select, an editable region. */
function takesText(target: EventTarget | undefined): boolean {
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLElement && target.isContentEditable;
}

/** True for a control that Space and Enter press (a button, a link, a summary). */
function pressable(target: EventTarget | undefined): boolean {
  return target instanceof Element && target.closest('button, a[href], summary, [role="button"]') !== null;
}

/**
 * Handles one keydown for `review` in answer style `mode`. `fromPage`: the key was typed with
 * focus outside the element (the page-level shortcuts of a page's only review).
 */
export function onReviewKey(event: KeyboardEvent, review: ReviewController, mode: string, fromPage = false): void {
  const origin = event.composedPath()[0];
  if (event.defaultPrevented || event.isComposing || event.altKey || takesText(origin)) return;
  const chord = event.ctrlKey || event.metaKey;
  if (fromPage && chord) return;
  if (event.key.toLowerCase() === 'z' && !event.shiftKey && review.undoable) {
    event.preventDefault();
    void review.undo();
    return;
  }
  if (review.phase !== 'card' || mode !== 'grade' || chord) return;
  if (!review.revealed && (event.key === ' ' || event.key === 'Enter') && !pressable(origin)) {
    event.preventDefault();
    review.reveal();
  } else if (review.revealed && /^[1-4]$/.test(event.key)) {
    event.preventDefault();
    void review.grade(Number(event.key) as Grade);
  }
}
