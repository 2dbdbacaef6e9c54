/**
 * Which template `<review-session>` shows for the state its controller is in: an error, the
 * drill's summary, "All done for now", a card, or the loading message. The summaries come from
 * their own chunk, which the controller awaits before it enters their phase.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { format } from '../shared/format.js';
import type { ReviewClock } from './queue-timer.js';
import type { ReviewController } from './review-controller.js';
import { ReviewRun } from './review-run.js';
import type { ReviewSessionLabels } from './review-session-labels.js';
import { cardTemplate, errorTemplate, progressTemplate } from './review-session-templates.js';
import { cardExtras, screens } from './review-parts.js';
import { countsTemplate, undoTemplate } from './schedule-templates.js';

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
  if (review.phase === 'error') return errorTemplate(t, review.errorMessage, () => void review.load());
  const summaries = screens.loaded;
  const extras = cardExtras.loaded;
  const missed = { items: run?.missed() ?? [], onReview: () => void summaries?.reviewMissed(review) };
  if (review.phase === 'complete' && run instanceof ReviewRun && summaries) {
    return html`${progressTemplate(t, run.total, run.total, run.answered)}
      ${summaries.summaryTemplate(t, run.summary(), lang, missed, () => void summaries.restart(review))} ${undo}`;
  }
  const scheduled = review.scheduled;
  // The controller awaits the extras' chunk too before "All done for now".
  if (review.phase === 'done' && scheduled && summaries && extras) {
    const next = scheduled.queue.nextDueAt;
    const when = next === null ? null : format(t.nextDue, { when: extras.formatDueIn(next, host.clock.now(), lang) }, t.locale);
    return html`${countsTemplate(t, scheduled.queue.counts, undo)}
      ${summaries.doneTemplate(t, scheduled.summary(), when, lang, missed, () => void summaries.practise(review))}`;
  }
  if (review.phase === 'card' && run && review.item) {
    // Undo comes after the card, so that the card's first control is the first Tab stop.
    // A checked typed answer is stored at once, but the counter moves on only after "Next".
    const checked = review.typed !== null;
    const header =
      run instanceof ReviewRun
        ? checked
          ? progressTemplate(t, run.answered, run.total, run.answered - 1)
          : progressTemplate(t, run.position, run.total, run.answered)
        : countsTemplate(t, checked && review.cardCounts ? review.cardCounts : run.queue.counts, nothing);
    // Only the grade buttons show intervals: a face-down card costs no scheduler preview.
    const ms = review.revealed && host.mode !== 'typed' ? scheduled?.intervals(host.clock.now()) : null;
    // Their formatting is the extras' chunk's (fetched after the first card): the labels fill
    // in when it is in, as they do when the scheduler arrives; a failed fetch is tried again
    // at the next render.
    if (ms && !extras) void cardExtras.load().then(() => host.requestUpdate(), () => undefined);
    const intervals = ms && extras ? extras.formatIntervals(ms, lang, t.lessThan, t.intervalUnits) : null;
    return html`${cardTemplate(t, review, header, review.item, host.mode === 'typed', intervals)}
      ${undo === nothing ? nothing : html`<div class="undo-row">${undo}</div>`}`;
  }
  return html`<p part="loading">${t.loading}</p>`;
}
