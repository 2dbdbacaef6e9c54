/**
 * What `<review-session>` does at the end of a review and from its summaries, in the
 * summaries' chunk (review-screens.ts): the end itself (the phase, its announcement,
 * `review-complete`, focus), "Practise anyway", "Review the missed cards" and "Review again",
 * and the summary and missed cards they show.
 */
import { focusPart } from '../shared/focus.js';
import { format } from '../shared/format.js';
import { formatPercent } from '../shared/summary-format.js';
import { FIRST_CONTROL } from './card-controller.js';
import type { ReviewController } from './review-controller.js';
import type { ReviewableContent } from '../../src/index.js';
import { ReviewCompleteEvent, type ReviewCompleteDetail } from './review-complete-event.js';
import type { ReviewRun } from './review-run.js';
import { ScheduledRun } from './scheduled-run.js';

/** Shows the end `phase` of `review` (the drill's summary, or "All done for now"); fires `review-complete` when something was answered. */
export function endReview(review: ReviewController, phase: 'complete' | 'done', moveFocus: boolean): void {
  const summary = summaryOf(review.run!);
  const t = review.host.resolvedLabels;
  review.update({
    phase,
    item: null,
    announcement:
      phase === 'done' && summary.answered === 0
        ? t.allDone
        : format(t.announceComplete, { answered: summary.answered, accuracy: formatPercent(summary.accuracy, t.locale) }, t.locale),
  });
  if (summary.answered > 0) review.host.dispatchEvent(new ReviewCompleteEvent(summary));
  if (moveFocus) void focusPart(review.host, '[part~="summary"]');
}

/** "Practise anyway": a drill over the whole deck, in deck order, focusing its first card. */
export async function practise(review: ReviewController): Promise<void> {
  review.practising = true;
  await review.load();
  await focusPart(review.host, FIRST_CONTROL);
}

/**
 * "Review the missed cards": a drill over just the cards missed in the drill or the visit
 * now ending, from the device's storage (so offline too), focusing its first card.
 */
export async function reviewMissed(review: ReviewController): Promise<void> {
  const missed = missedOf(review.run);
  if (missed.length === 0 || review.busy) return;
  review.only = missed.map((item) => item.id);
  review.practising = true;
  await review.load();
  await focusPart(review.host, FIRST_CONTROL);
}

/** Starts again after the drill's summary (a new drill; in review, the queue again), focusing the first card. */
export async function restart(review: ReviewController): Promise<void> {
  review.only = null;
  await review.load();
  await focusPart(review.host, FIRST_CONTROL);
}

/** The cards answered wrong at least once (graded Again, or typed wrong): a drill's in session order, a scheduled visit's first miss first. */
export function missedOf(run: ReviewRun | ScheduledRun | null): ReviewableContent[] {
  if (!(run instanceof ScheduledRun)) return run?.missed() ?? [];
  const ids = new Set(run.answered.filter((answer) => !answer.correct).map((answer) => answer.itemId));
  return [...ids].flatMap((id) => run.items.get(id) ?? []);
}

/** What was answered: in a drill's session, or during a scheduled visit; for `review-complete` and the summary. */
export function summaryOf(run: ReviewRun | ScheduledRun): ReviewCompleteDetail {
  if (!(run instanceof ScheduledRun)) return run.summary();
  const correct = run.answered.filter((answer) => answer.correct).length;
  const count = run.answered.length;
  return {
    sessionId: run.session?.id ?? '',
    answered: count,
    correct,
    accuracy: count === 0 ? 0 : correct / count,
    durationMs: run.answered.reduce((sum, answer) => sum + answer.responseTimeMs, 0),
  };
}
