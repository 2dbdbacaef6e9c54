/**
 * The templates of `<review-session>`'s states, kept apart from the element's behaviour.
 * Prompts and answers are bound as text (`${item.prompt}`), never as HTML: a prompt such as
 * `<img src=x onerror=…>` is shown as those characters and runs nothing.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ReviewableContent } from '../../src/index.js';
import { format, formatDuration, formatPercent } from '../shared/format.js';
import type { ReviewSessionLabels } from './review-session-labels.js';
import type { ReviewCompleteDetail } from './review-session-events.js';

/** The four grades, in key order (1-4). */
export const GRADES = [
  { rating: 1, label: 'again' },
  { rating: 2, label: 'hard' },
  { rating: 3, label: 'good' },
  { rating: 4, label: 'easy' },
] as const;

/** What the card template needs from the element. */
export interface CardView {
  labels: ReviewSessionLabels;
  item: ReviewableContent;
  mode: 'grade' | 'typed';
  position: number;
  total: number;
  revealed: boolean;
  busy: boolean;
  typed: { value: string; correct: boolean } | null;
  notice: string | null;
  onReveal: () => void;
  onGrade: (rating: 1 | 2 | 3 | 4) => void;
  onCheck: (event: SubmitEvent) => void;
  onNext: () => void;
}

/** Progress: "3 of 10" and a bar that mirrors it (hidden from assistive technology). */
export function progressTemplate(labels: ReviewSessionLabels, position: number, total: number): TemplateResult {
  const percent = total === 0 ? 0 : Math.round(((position - 1) / total) * 100);
  return html`<div part="progress">
    <span part="progress-text">${format(labels.progress, { n: position, total })}</span>
    <span part="progress-bar" aria-hidden="true"><span style="width: ${percent}%"></span></span>
  </div>`;
}

/** One card: the prompt, then either the reveal button, the grades, or the typed-answer form. */
export function cardTemplate(view: CardView): TemplateResult {
  const { labels, item } = view;
  return html`${progressTemplate(labels, view.position, view.total)}
    <section part="card" tabindex="-1" aria-labelledby="prompt">
      <p part="prompt" id="prompt">${item.prompt}</p>
      ${view.revealed
        ? html`<div part="answer-area">
            <h2 class="visually-hidden">${labels.answer}</h2>
            <p part="answer">${item.answer}</p>
          </div>`
        : nothing}
      ${view.mode === 'typed' ? typedTemplate(view) : gradeTemplate(view)}
      ${view.notice ? html`<p part="notice" role="alert">${view.notice}</p>` : nothing}
    </section>`;
}

function gradeTemplate(view: CardView): TemplateResult {
  const { labels } = view;
  if (!view.revealed) {
    return html`<div part="actions">
      <button part="reveal-button" type="button" aria-keyshortcuts="Space" @click=${view.onReveal}>
        ${labels.reveal}
      </button>
    </div>`;
  }
  return html`<div part="grades" role="group" aria-label=${labels.gradeGroup}>
    ${GRADES.map(
      ({ rating, label }) => html`<button
        part="grade-button grade-${label}"
        type="button"
        data-rating=${rating}
        aria-keyshortcuts=${String(rating)}
        ?disabled=${view.busy}
        @click=${() => view.onGrade(rating)}
      >
        ${labels[label]} <kbd aria-hidden="true">${rating}</kbd>
      </button>`,
    )}
  </div>`;
}

function typedTemplate(view: CardView): TemplateResult {
  const { labels } = view;
  if (view.typed) {
    const { correct } = view.typed;
    return html`<p part="feedback" class=${correct ? 'correct' : 'incorrect'}>
        ${correct ? labels.correct : labels.incorrect}
      </p>
      <div part="actions">
        <button part="next-button" class="primary" type="button" @click=${view.onNext}>${labels.next}</button>
      </div>`;
  }
  return html`<form @submit=${view.onCheck}>
    <label for="typed">${labels.typedLabel}</label>
    <input part="typed-input" id="typed" name="typed" autocomplete="off" autocapitalize="off" spellcheck="false" />
    <button part="check-button" class="primary" type="submit" ?disabled=${view.busy}>${labels.check}</button>
  </form>`;
}

/** The end-of-session summary: answered, accuracy, time. */
export function summaryTemplate(
  labels: ReviewSessionLabels,
  summary: ReviewCompleteDetail,
  lang: string | undefined,
  onRestart: () => void,
): TemplateResult {
  return html`<section part="summary" tabindex="-1" aria-labelledby="summary-heading">
    <h2 id="summary-heading">${labels.complete}</h2>
    <dl>
      <dt>${labels.answered}</dt>
      <dd part="summary-answered">${summary.answered}</dd>
      <dt>${labels.accuracy}</dt>
      <dd part="summary-accuracy">${formatPercent(summary.accuracy, lang)}</dd>
      <dt>${labels.time}</dt>
      <dd part="summary-time">${formatDuration(summary.durationMs)}</dd>
    </dl>
    <slot name="complete"></slot>
    <button part="restart-button" type="button" @click=${onRestart}>${labels.restart}</button>
  </section>`;
}

/** A load or setup error, with a way to try again. */
export function errorTemplate(labels: ReviewSessionLabels, message: string, onRetry: () => void): TemplateResult {
  return html`<div part="error" role="alert">
    <p part="error-message">${message}</p>
    <button part="retry-button" type="button" @click=${onRetry}>${labels.retry}</button>
  </div>`;
}
