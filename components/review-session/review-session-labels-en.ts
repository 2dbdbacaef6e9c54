/**
 * The English words of `<review-session>` that a card shows: the card, its grades and counts,
 * the notices and the errors. A chunk of its own like every other language's
 * (review-session-words.ts loads the one a page needs), so a page in Japanese does not fetch
 * them; the words of the summaries and typed answers are another chunk
 * (review-session-later-labels-en.ts), which follows the first card.
 */
import type { CardWords } from './review-session-labels.js';

/** The English words of a card. */
export const englishCardWords: CardWords = {
  locale: 'en',
  loading: 'Loading review…',
  progress: '{n} of {total}',
  announceCard: 'Card {progress}: {prompt}',
  announceAnswer: 'Answer: {answer}',
  announceReviewCard: '{prompt} ({counts})',
  announceCounts: '{new} new, {learning} learning, {due} to review',
  countNew: 'New',
  countLearning: 'Learning',
  countDue: 'To review',
  countsLabel: 'Cards left today',
  lessThan: '<{interval}',
  intervalUnits: 'narrow',
  undo: 'Undo',
  answer: 'Answer',
  reveal: 'Show answer',
  gradeGroup: 'How well did you know it?',
  again: 'Again',
  hard: 'Hard',
  good: 'Good',
  easy: 'Easy',
  offline: 'You are offline. Your answers are saved on this device.',
  unreachable: 'Can’t reach the server. Your answers are saved on this device.',
  storageFull: 'Storage full: this answer was not saved. Free some space on this device, then answer again.',
  invalidInput: 'The review items could not be read.',
  invalidMode: 'Unknown review mode "{mode}": use "grade" or "typed".',
  invalidAttribute: 'The {attribute} attribute cannot be "{value}".',
  missingUser: 'No user is set for this review.',
  invalidId: 'The {attribute} id "{value}" cannot be used: an id has 1 to 200 characters and no spaces.',
  contentUnavailable: 'The review items could not be loaded. Connect to the internet and try again.',
  partUnavailable: 'This part of the review could not be loaded. Connect to the internet and try again.',
  answerUnavailable: 'This answer was not saved: part of the review could not be loaded. Connect to the internet, then answer again.',
  error: 'Something went wrong with this review.',
  retry: 'Try again',
};
