/**
 * The templates a scheduled review adds to its cards: the new, learning and due counts (as
 * Anki shows them) and the undo button. "All done for now" is in summary-templates.ts, a chunk
 * loaded when needed.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { QueueCounts } from '../../src/scheduler/session-queue.js';
import type { ReviewSessionLabels } from './review-session-labels.js';

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
