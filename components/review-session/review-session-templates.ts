/**
 * The templates of `<review-session>`'s states, kept apart from the element's behaviour.
 * Prompts and answers are bound as text (`${item.prompt}`), never as HTML: a prompt such as
 * `<img src=x onerror=…>` is shown as those characters and runs nothing.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ReviewableContent } from '../../src/index.js';
import type { Grade, ReviewController } from './review-controller.js';
import type { ReviewSessionLabels } from './review-session-labels.js';
import type { GradeName } from '../../src/scheduler/index.js';
import { typedAnswers } from './review-parts.js';

/** The four grades, in key order: key (and rating) 1 is `again`, 4 is `easy`. */
export const GRADES = ['again', 'hard', 'good', 'easy'] as const;

/**
 * One card: the prompt, then either the reveal button, the grades, or the typed-answer form.
 * It reads the controller's view state and calls its actions.
 */
export function cardTemplate(
  labels: ReviewSessionLabels,
  review: ReviewController,
  header: TemplateResult,
  item: ReviewableContent,
  typedMode: boolean,
  intervals: Record<GradeName, string> | null,
): TemplateResult {
  return html`${header}
    <section part="card" tabindex="-1" aria-labelledby="prompt">
      <p part="prompt" id="prompt">${item.prompt}</p>
      ${review.revealed
        ? html`<div part="answer-area">
            <h2 class="visually-hidden">${labels.answer}</h2>
            <p part="answer">${item.answer}</p>
          </div>`
        : nothing}
      ${typedMode
        ? // Its chunk is in: a typed review awaits it before its first card.
          typedAnswers.loaded?.typedTemplate(labels, review, item)
        : gradeTemplate(labels, review, intervals)}
      ${review.notice ? html`<p part="notice" role="alert">${review.notice}</p>` : nothing}
    </section>`;
}

function gradeTemplate(labels: ReviewSessionLabels, review: ReviewController, intervals: Record<GradeName, string> | null): TemplateResult {
  if (!review.revealed) {
    return html`<div part="actions">
      <button part="reveal-button" type="button" aria-keyshortcuts="Space Enter" @click=${() => review.reveal()}>
        ${labels.reveal}
      </button>
    </div>`;
  }
  return html`<div part="grades" role="group" aria-label=${labels.gradeGroup}>
    ${GRADES.map((label, index) => {
      const rating = (index + 1) as Grade;
      return html`<button
        part="grade-button grade-${label}"
        type="button"
        data-rating=${rating}
        aria-keyshortcuts=${rating}
        ?disabled=${review.storing}
        @click=${() => void review.grade(rating)}
      >
        <span class="grade-label">${labels[label]}</span>
        ${intervals ? html`<span part="interval">${intervals[label]}</span>` : nothing}
        <kbd part="key-hint" aria-hidden="true">${rating}</kbd>
      </button>`;
    })}
  </div>`;
}

/** A load or setup error, with a way to try again. */
export function errorTemplate(labels: ReviewSessionLabels, message: string, onRetry: () => void): TemplateResult {
  return html`<div part="error" role="alert">
    <p part="error-message">${message}</p>
    <button part="retry-button" type="button" @click=${onRetry}>${labels.retry}</button>
  </div>`;
}
