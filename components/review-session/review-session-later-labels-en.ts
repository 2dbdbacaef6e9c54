/**
 * The English words of `<review-session>` that only its summaries and typed answers show:
 * a chunk of its own, loaded with those parts after the first card (or before a typed
 * review's first card), never on the way to a grade review's first card
 * (review-session-words.ts). The card's words are in review-session-labels-en.ts.
 */
import type { LaterWords } from './review-session-labels.js';

/** The English words of the summaries and typed answers. */
export const englishLaterWords: LaterWords = {
  announceComplete: 'Session complete. {answered} answered, {accuracy} correct.',
  allDone: 'All done for now',
  nextDue: 'The next card is due {when}.',
  nothingScheduled: 'No card is due.',
  practise: 'Practise anyway',
  typedLabel: 'Your answer',
  check: 'Check',
  next: 'Next',
  correct: 'Correct',
  incorrect: 'Not quite',
  typedYours: 'You typed',
  typedExpected: 'Expected',
  complete: 'Session complete',
  answered: 'Answered',
  accuracy: 'Accuracy',
  time: 'Time',
  restart: 'Review again',
  missedHeading: 'Missed cards',
  reviewMissed: 'Review the missed cards',
  invalidAnswer: 'This answer cannot be saved: use at most {max} characters and no control characters.',
};
