/**
 * Which template `<review-session>` shows for the state its controller is in: an error, the
 * drill's summary, "All done for now", a card, or the loading message. The summaries come from
 * their own chunk, which the controller awaits before it enters their phase.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { loadedDerivation } from '../../src/storage/derivation-loader.js';
import type { ReviewClock } from './queue-timer.js';
import type { ReviewController } from './review-controller.js';
import type { ReviewSessionLabels } from './review-session-labels.js';
import { cardTemplate, errorTemplate } from './review-session-templates.js';
import { cardExtras, grades, screens } from './review-parts.js';
import { countsTemplate, undoTemplate } from './schedule-templates.js';
import { ScheduledRun } from './scheduled-run.js';

/** What the view reads from the element. */
export interface ViewHost extends HTMLElement {
  mode: string;
  clock: ReviewClock;
  requestUpdate(): void;
}

/** The template of `review`'s phase, in `host`'s language. */
export function renderPhase(
  host: ViewHost,
  review: ReviewController,
  t: ReviewSessionLabels,
): TemplateResult {
  const run = review.run;
  const lang = t.locale;
  const undo = undoTemplate(t, review.undoStack.length > 0, review.busy, () => void review.undo());
  if (review.phase === 'error') return errorTemplate(t, review.errorMessage, () => void review.retry());
  const summaries = screens.loaded;
  const extras = cardExtras.loaded;
  // The drill's summary and "All done for now" are the summaries' chunk's (end-view.ts).
  const end = summaries && (review.phase === 'complete' || review.phase === 'done') ? summaries.endTemplate(host, review, t, undo) : null;
  if (end) return end;
  const scheduled = review.scheduled;
  if (review.phase === 'card' && run && review.item) {
    // Undo comes after the card, so that the card's first control is the first Tab stop.
    // A checked typed answer is stored at once, but the counter moves on only after "Next".
    // A drill's progress row came with its run (grading.ts).
    const checked = review.typed !== null;
    const header =
      run instanceof ScheduledRun
        ? countsTemplate(t, checked && review.cardCounts ? review.cardCounts : run.queue.counts, nothing)
        : checked
          ? grades.loaded!.progressTemplate(t, run.answered, run.total, run.answered - 1)
          : grades.loaded!.progressTemplate(t, run.position, run.total, run.answered);
    // Only the grade buttons show intervals: a face-down card costs no scheduler preview. The
    // scheduler is asked for at once; once it is in, the preview and the formatting are the
    // extras' chunk's (fetched after the first card): the labels fill in when it is in, as they
    // do when the scheduler arrives; a failed fetch is tried again at the next render.
    const wanted = review.revealed && host.mode !== 'typed' ? scheduled : null;
    if (wanted && !loadedDerivation()) void wanted.loadScheduler();
    else if (wanted && !extras) void cardExtras.load().then(() => host.requestUpdate(), () => undefined);
    const ms = wanted && extras ? extras.intervalsOf(wanted, host.clock.now()) : null;
    const intervals = ms && extras ? extras.formatIntervals(ms, lang, t.lessThan, t.intervalUnits) : null;
    return html`${cardTemplate(t, review, header, review.item, host.mode === 'typed', intervals)}
      ${undo === nothing ? nothing : html`<div class="undo-row">${undo}</div>`}`;
  }
  return html`<p part="loading">${t.loading}</p>`;
}
