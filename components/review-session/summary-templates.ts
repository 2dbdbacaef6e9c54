/**
 * The end-of-session summaries of `<review-session>`: the drill's (answered, accuracy and time,
 * the cards the learner missed, and the ways on: review the missed cards, start again) and a
 * scheduled review's "All done for now" (when the next card is due, "Practise anyway").
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ReviewableContent } from '../../src/index.js';
import { formatDuration, formatPercent } from '../shared/summary-format.js';
import type { ReviewSessionLabels } from './review-session-labels.js';
import type { ReviewCompleteDetail } from './review-complete-event.js';

/** The cards missed in this visit, and what reviews them again. */
export interface MissedCards {
  items: readonly ReviewableContent[];
  onReview: () => void;
}

/** Answered, accuracy and time, as a description list. */
export function summaryList(labels: ReviewSessionLabels, summary: ReviewCompleteDetail, lang: string | undefined): TemplateResult {
  return html`<dl>
    <dt>${labels.answered}</dt>
    <dd part="summary-answered">${summary.answered}</dd>
    <dt>${labels.accuracy}</dt>
    <dd part="summary-accuracy">${formatPercent(summary.accuracy, lang)}</dd>
    <dt>${labels.time}</dt>
    <dd part="summary-time">${formatDuration(summary.durationMs)}</dd>
  </dl>`;
}

/** The missed cards (prompt and answer) and a button that reviews just those; nothing when none was missed. */
export function missedTemplate(labels: ReviewSessionLabels, missed: MissedCards): TemplateResult | typeof nothing {
  if (missed.items.length === 0) return nothing;
  return html`<section part="missed" aria-labelledby="missed-heading">
    <h3 id="missed-heading">${labels.missedHeading}</h3>
    <ul part="missed-list">
      ${missed.items.map(
        (item) => html`<li part="missed-item"><span part="missed-prompt">${item.prompt}</span> <span part="missed-answer">${item.answer}</span></li>`,
      )}
    </ul>
    <button part="review-missed-button" class="primary" type="button" @click=${missed.onReview}>${labels.reviewMissed}</button>
  </section>`;
}

/** The drill's end-of-session summary: answered, accuracy, time, the missed cards. */
export function summaryTemplate(
  labels: ReviewSessionLabels,
  summary: ReviewCompleteDetail,
  lang: string | undefined,
  missed: MissedCards,
  onRestart: () => void,
): TemplateResult {
  return html`<section part="summary" tabindex="-1" aria-labelledby="summary-heading">
    <h2 id="summary-heading">${labels.complete}</h2>
    ${summaryList(labels, summary, lang)} ${missedTemplate(labels, missed)}
    <slot name="complete"></slot>
    <button part="restart-button" type="button" @click=${onRestart}>${labels.restart}</button>
  </section>`;
}

/** "All done for now": what this visit answered and missed, when the next card is due, and "Practise anyway". */
export function doneTemplate(
  labels: ReviewSessionLabels,
  summary: ReviewCompleteDetail,
  nextDue: string | null,
  lang: string | undefined,
  missed: MissedCards,
  onPractise: () => void,
): TemplateResult {
  return html`<section part="summary done" tabindex="-1" aria-labelledby="summary-heading">
    <h2 id="summary-heading">${labels.allDone}</h2>
    <p part="next-due">${nextDue ?? labels.nothingScheduled}</p>
    ${summary.answered > 0 ? summaryList(labels, summary, lang) : nothing} ${missedTemplate(labels, missed)}
    <slot name="complete"></slot>
    <button part="practise-button" type="button" @click=${onPractise}>${labels.practise}</button>
  </section>`;
}
