/**
 * Every word `<review-session>` shows or announces, in English and Japanese. The set is chosen
 * by the element's `lang` (see shared/labels.ts); a site replaces any word through the `labels`
 * property. The built-in sets are in review-session-label-sets.ts. `{name}` placeholders are filled in; a label typed `Label` may also be plural
 * forms (`{ one, other, … }`, chosen by `Intl.PluralRules` for the locale).
 */
import type { Label } from '../shared/format.js';
import type { LabelSet } from '../shared/labels.js';
import type { IntervalUnits } from './interval-format.js';

/** The texts of `<review-session>`. */
export interface ReviewSessionLabels extends LabelSet {
  /** While items and the session load. */
  loading: string;
  /** Progress: `{n}` is the card's position, `{total}` the number of cards. */
  progress: string;
  /** Announced when a card appears: `{progress}` (as above) and `{prompt}`. */
  announceCard: string;
  /** Announced when the answer is revealed: `{answer}`. */
  announceAnswer: string;
  /** Announced at the end: `{answered}` (its plural decides the form) and `{accuracy}`. */
  announceComplete: Label;
  /** Announced when a scheduled card appears: `{prompt}` and `{counts}` (as `announceCounts` gives them). */
  announceReviewCard: string;
  /** The counts in words: `{new}`, `{learning}` and `{due}`. */
  announceCounts: string;
  /** Names of the three counts above a scheduled card (Anki's blue, red and green numbers). */
  countNew: string;
  countLearning: string;
  countDue: string;
  /** Name of the group of counts. */
  countsLabel: string;
  /** An interval under a minute on a grade button: `{interval}` is "1m" in the learner's language. */
  lessThan: string;
  /** How the intervals name their unit: `narrow` ("10m"), `short` ("10 min") or `long`. */
  intervalUnits: IntervalUnits;
  /** Heading when nothing is due now. */
  allDone: string;
  /** When the next card is due: `{when}` is "in 10 minutes", "tomorrow"… */
  nextDue: string;
  /** Nothing in the deck will ever be due (every card is in review far ahead, or the deck is empty). */
  nothingScheduled: string;
  /** Starts a drill over the whole deck although nothing is due. */
  practise: string;
  /** Undoes the last answer (also `z` or Ctrl+Z). */
  undo: string;
  /** Heading of the answer area. */
  answer: string;
  /** The reveal button. */
  reveal: string;
  /** Name of the group of grade buttons. */
  gradeGroup: string;
  again: string;
  hard: string;
  good: string;
  easy: string;
  /** Label of the typed-answer field. */
  typedLabel: string;
  /** Submits a typed answer. */
  check: string;
  /** Goes on after a typed answer was checked. */
  next: string;
  /** Feedback for a right typed answer. */
  correct: string;
  /** Feedback for a wrong typed answer. */
  incorrect: string;
  /** After Check, names what the learner typed (shown with the differences marked). */
  typedYours: string;
  /** After Check, names the accepted answer closest to what was typed. */
  typedExpected: string;
  /** Shown while offline. */
  offline: string;
  /** Shown while online but the sync server cannot be reached. */
  unreachable: string;
  /** Heading of the end-of-session summary. */
  complete: string;
  answered: string;
  accuracy: string;
  time: string;
  /** Starts a new session of the same deck. */
  restart: string;
  /** Heading of the list of cards missed (graded Again, or typed wrong) in the summary. */
  missedHeading: string;
  /** Starts a drill over just the missed cards. */
  reviewMissed: string;
  /** The device refused to store the answer (`storage-full`). */
  storageFull: string;
  /** Items that could not be read (`invalid-input`). */
  invalidInput: string;
  /** An unknown `mode` attribute (`invalid-input`): `{mode}`. */
  invalidMode: string;
  /** A bad scheduling attribute (`invalid-input`): `{attribute}` and `{value}`. */
  invalidAttribute: string;
  /** No `user` attribute (`invalid-input`). */
  missingUser: string;
  /** A `user` or `deck` attribute that is not an id (`invalid-input`): `{attribute}`, `{value}`. */
  invalidId: string;
  /** A typed answer a server would refuse (too long, or characters that cannot be stored): `{max}`. */
  invalidAnswer: string;
  /** Items unreachable and not cached (`content-unavailable`). */
  contentUnavailable: string;
  /** A part of the review (the summary, typed answers) could not be loaded: offline before it was cached. */
  partUnavailable: string;
  /** A notice: the scheduler could not be loaded (offline before it was cached), so the answer was not saved. */
  answerUnavailable: string;
  /** Any other error. */
  error: string;
  /** Tries again after an error. */
  retry: string;
}

/**
 * The words only the summaries and typed answers show. Each language's are a chunk apart from
 * its card's words, loaded with those parts (review-session-words.ts), so a grade review's
 * first card does not wait for them.
 */
export type LaterWordKey =
  | 'announceComplete'
  | 'allDone'
  | 'nextDue'
  | 'nothingScheduled'
  | 'practise'
  | 'typedLabel'
  | 'check'
  | 'next'
  | 'correct'
  | 'incorrect'
  | 'typedYours'
  | 'typedExpected'
  | 'complete'
  | 'answered'
  | 'accuracy'
  | 'time'
  | 'restart'
  | 'missedHeading'
  | 'reviewMissed'
  | 'invalidAnswer';

/** The words a card shows (its grades and counts, the notices, the errors): one language's first chunk. */
export type CardWords = Omit<ReviewSessionLabels, LaterWordKey>;

/** The words of the summaries and typed answers: one language's later chunk. */
export type LaterWords = Pick<ReviewSessionLabels, LaterWordKey>;

/** The sentence to show for an error, chosen by its code (and the attribute at fault). */
export function messageFor(labels: ReviewSessionLabels, error: { code: string; details: Record<string, unknown> }): string {
  const { code, details } = error;
  if (code === 'invalid-input' && details['attribute'] === 'mode') return labels.invalidMode.replace('{mode}', String(details['value']));
  const attribute = details['attribute'];
  if (code === 'invalid-input' && (attribute === 'user' || attribute === 'deck') && details['value'] !== undefined) {
    return labels.invalidId.replace('{attribute}', attribute).replace('{value}', String(details['value']));
  }
  if (code === 'invalid-input' && attribute === 'user') return labels.missingUser;
  if (code === 'invalid-input' && typeof attribute === 'string') {
    return labels.invalidAttribute.replace('{attribute}', attribute).replace('{value}', String(details['value']));
  }
  if (code === 'invalid-input') return labels.invalidInput;
  if (code === 'content-unavailable') return details['chunk'] === undefined ? labels.contentUnavailable : labels.partUnavailable;
  if (code === 'storage-full') return labels.storageFull;
  return labels.error;
}
