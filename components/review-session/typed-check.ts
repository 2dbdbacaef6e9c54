/**
 * Checking a typed answer in `<review-session mode="typed">`: refused as a server would refuse
 * it (the card stays for another try), else compared with the accepted answers, stored, and
 * shown with its feedback. In the typed answers' chunk (typed-screen.ts).
 */
import { OfflineReviewError } from '../../src/errors.js';
import { checkField } from '../../src/records/field.js';
import { RECORD_LIMITS } from '../../src/records/record-id.js';
// The answer table's rule for typed text, without the table: this chunk loads before a typed
// review's first card, the answer table with the engine.
import { TYPED_ANSWER_FIELD } from '../../src/records/typed-answer-field.js';
import { focusPart } from '../shared/focus.js';
import { format } from '../shared/format.js';
import type { CardController } from './card-controller.js';
import { grades } from './review-parts.js';
import { ReviewErrorEvent } from './review-session-events.js';
import { typedAnswerMatches } from './typed-match.js';

/**
 * The `invalid-input` error for a typed answer to `itemId` that the answer table refuses (over
 * the length limit, NUL, a lone surrogate), or null when it fits. Details name the item.
 */
export function typedAnswerError(itemId: string, value: string): OfflineReviewError | null {
  const wrong = checkField(TYPED_ANSWER_FIELD, value);
  if (!wrong) return null;
  return new OfflineReviewError('invalid-input', `The typed answer to "${itemId}" ${wrong.problem}.`, {
    details: {
      record: 'answer',
      field: 'typedAnswer',
      itemId,
      problem: wrong.problem,
      max: RECORD_LIMITS.maxTypedAnswerLength,
      ...(wrong.tooLarge ? { tooLarge: true } : {}),
      ...(wrong.unstorable ? { unstorable: true } : {}),
    },
  });
}

/** Checks and stores `value` as the answer to `review`'s card; the card stays, with feedback, until `advance()`. */
export async function checkTyped(review: CardController, value: string): Promise<void> {
  const item = review.item;
  if (review.phase !== 'card' || review.typed || review.busy || review.storing || !item) return;
  const t = review.host.resolvedLabels;
  // Refused as it is typed, as a server would refuse it: the card stays for another try.
  const refused = typedAnswerError(item.id, value);
  if (refused) {
    review.update({ notice: format(t.invalidAnswer, { max: refused.details['max'] as number }, t.locale) });
    review.host.dispatchEvent(new ReviewErrorEvent(refused));
    return;
  }
  const correct = typedAnswerMatches(value, item);
  if (!(await grades.loaded!.recordAnswer(review, { correct, typedAnswer: value }))) return;
  review.update({
    typed: { value, correct },
    revealed: true,
    announcement: `${correct ? t.correct : t.incorrect}. ${format(t.announceAnswer, { answer: item.answer }, t.locale)}`,
  });
  void focusPart(review.host, '[part~="next-button"]');
}
