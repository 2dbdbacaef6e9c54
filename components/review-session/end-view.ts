/**
 * The ends of a review as `<review-session>` renders them: the drill's summary and "All done
 * for now", in the summaries' chunk (review-screens.ts), which the controller awaits before it
 * enters their phase (review-view.ts renders the rest).
 */
import { html, type nothing, type TemplateResult } from 'lit';
import { format } from '../shared/format.js';
import type { ReviewController } from './review-controller.js';
import type { ReviewRun } from './review-run.js';
import type { ReviewSessionLabels } from './review-session-labels.js';
import { cardExtras, grades } from './review-parts.js';
import { countsTemplate } from './schedule-templates.js';
import { ScheduledRun } from './scheduled-run.js';
import { missedOf, practise, restart, reviewMissed, summaryOf } from './summary-actions.js';
import { doneTemplate, summaryTemplate } from './summary-templates.js';
import type { ViewHost } from './review-view.js';

/** The template of `review`'s end phase (`complete` or `done`), or null when it cannot show yet (the extras' chunk for "All done for now"). */
export function endTemplate(host: ViewHost, review: ReviewController, t: ReviewSessionLabels, undo: TemplateResult | typeof nothing): TemplateResult | null {
  const run = review.run;
  const lang = t.locale;
  const missed = (ended: ReviewRun | ScheduledRun) => ({ items: missedOf(ended), onReview: () => void reviewMissed(review) });
  // A drill's run is not a ScheduledRun (its class comes with the engine, grading.ts).
  if (review.phase === 'complete' && run && !(run instanceof ScheduledRun)) {
    return html`${grades.loaded!.progressTemplate(t, run.total, run.total, run.answered)}
      ${summaryTemplate(t, run.summary(), lang, missed(run), () => void restart(review))} ${undo}`;
  }
  const scheduled = review.scheduled;
  const extras = cardExtras.loaded;
  // The controller awaits the extras' chunk too before "All done for now".
  if (review.phase !== 'done' || !scheduled || !extras) return null;
  const next = scheduled.queue.nextDueAt;
  const when = next === null ? null : format(t.nextDue, { when: extras.formatDueIn(next, host.clock.now(), lang) }, t.locale);
  return html`${countsTemplate(t, scheduled.queue.counts, undo)}
    ${doneTemplate(t, summaryOf(scheduled), when, lang, missed(scheduled), () => void practise(review))}`;
}
