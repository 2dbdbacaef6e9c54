/**
 * A drill's progress row, in the grades' chunk (grading.ts) with the drill's run: a drill's
 * first card waits for the engine, which that chunk comes with, and a scheduled review shows its
 * counts instead.
 */
import { html, type TemplateResult } from 'lit';
import { format } from '../shared/format.js';
import type { ReviewSessionLabels } from './review-session-labels.js';

/**
 * Progress: "3 of 10" and a bar that shows the share of cards answered (hidden from assistive
 * technology, which reads the text): empty on the first card, full once the last is answered.
 */
export function progressTemplate(labels: ReviewSessionLabels, position: number, total: number, answered: number): TemplateResult {
  const percent = total === 0 ? 0 : Math.round((Math.min(answered, total) / total) * 100);
  return html`<div part="progress">
    <span part="progress-text">${format(labels.progress, { n: position, total }, labels.locale)}</span>
    <span part="progress-bar" aria-hidden="true"><span style="width: ${percent}%"></span></span>
  </div>`;
}
