/**
 * The templates a scheduled review adds: the new, learning and due counts (as Anki shows
 * them), "All done for now" with when the next card is due and "Practise anyway", and the
 * undo button.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { QueueCounts } from '../../src/scheduler/session-queue.js';
import type { ReviewSessionLabels } from './review-session-labels.js';
import type { ReviewCompleteDetail } from './review-session-events.js';
import { missedTemplate, summaryList, type MissedCards } from './summary-templates.js';

/** The three counts, each named, in a row above the card. */
export function countsTemplate(labels: ReviewSessionLabels, counts: QueueCounts, undo: TemplateResult | typeof nothing): TemplateResult {
  return html`<div part="progress counts-row">
    <ul part="counts" aria-label=${labels.countsLabel}>
      <li part="count count-new"><span class="visually-hidden">${labels.countNew}</span><span part="count-value" title=${labels.countNew}>${counts.new}</span></li>
      <li part="count count-learning"><span class="visually-hidden">${labels.countLearning}</span><span part="count-value" title=${labels.countLearning}>${counts.learning}</span></li>
      <li part="count count-due"><span class="visually-hidden">${labels.countDue}</span><span part="count-value" title=${labels.countDue}>${counts.due}</span></li>
    </ul>
    ${undo}
  </div>`;
}

/** The undo button, when there is an answer of this visit to undo. */
export function undoTemplate(labels: ReviewSessionLabels, canUndo: boolean, busy: boolean, onUndo: () => void): TemplateResult | typeof nothing {
  if (!canUndo) return nothing;
  return html`<button part="undo-button" type="button" aria-keyshortcuts="z Control+z" ?disabled=${busy} @click=${onUndo}>${labels.undo}</button>`;
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
