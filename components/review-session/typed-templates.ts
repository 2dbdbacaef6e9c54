/**
 * The typed-answer parts of a `<review-session>` card: the field and Check, then the feedback:
 * "Correct" or "Not quite", what the learner typed beside the accepted answer closest to it,
 * with the differences marked as deleted (typed, not expected) and inserted (expected, not
 * typed) text: struck through and underlined, so the marks do not rely on colour.
 */
import { html, type TemplateResult } from 'lit';
import type { ReviewableContent } from '../../src/index.js';
import { RECORD_LIMITS } from '../../src/records/record-id.js';
import type { DiffPart } from './char-diff.js';
import type { ReviewController } from './review-controller.js';
import type { ReviewSessionLabels } from './review-session-labels.js';
import { closestDiff } from './typed-match.js';

/** What was typed and what was expected, side by side, the differences marked. */
function comparisonTemplate(labels: ReviewSessionLabels, parts: readonly DiffPart[]): TemplateResult {
  const typed = parts.filter((part) => part.kind !== 'missing');
  const expected = parts.filter((part) => part.kind !== 'extra');
  return html`<dl part="typed-comparison">
    <div>
      <dt>${labels.typedYours}</dt>
      <dd part="typed-answer">${typed.map((part) => (part.kind === 'extra' ? html`<del>${part.text}</del>` : part.text))}</dd>
    </div>
    <div>
      <dt>${labels.typedExpected}</dt>
      <dd part="typed-expected">${expected.map((part) => (part.kind === 'missing' ? html`<ins>${part.text}</ins>` : part.text))}</dd>
    </div>
  </dl>`;
}

/** The field and Check, or after Check the feedback, the comparison and Next. */
export function typedTemplate(
  labels: ReviewSessionLabels,
  review: ReviewController,
  item: ReviewableContent,
): TemplateResult {
  if (review.typed) {
    const { correct, value } = review.typed;
    return html`<p part="feedback" class=${correct ? 'correct' : 'incorrect'}>${correct ? labels.correct : labels.incorrect}</p>
      ${comparisonTemplate(labels, closestDiff(value, item))}
      <div part="actions">
        <button part="next-button" class="primary" type="button" @click=${() => void review.advance()}>${labels.next}</button>
      </div>`;
  }
  const onCheck = (event: SubmitEvent): void => {
    event.preventDefault();
    void review.check(((event.target as HTMLFormElement).elements.namedItem('typed') as HTMLInputElement).value);
  };
  return html`<form @submit=${onCheck}>
    <label for="typed">${labels.typedLabel}</label>
    <input
      part="typed-input"
      id="typed"
      name="typed"
      maxlength=${RECORD_LIMITS.maxTypedAnswerLength}
      autocomplete="off"
      autocapitalize="off"
      spellcheck="false"
    />
    <button part="check-button" class="primary" type="submit" ?disabled=${review.busy || review.storing}>${labels.check}</button>
  </form>`;
}
