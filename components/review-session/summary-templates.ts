/**
 * The end-of-session summary of `<review-session>`: answered, accuracy and time, the cards the
 * learner missed, and the ways on (review the missed cards, start again).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ReviewableContent } from '../../src/index.js';
import { formatDuration, formatPercent } from '../shared/format.js';
import type { ReviewSessionLabels } from './review-session-labels.js';
import type { ReviewCompleteDetail } from './review-session-events.js';

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
