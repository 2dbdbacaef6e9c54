/**
 * What a derived card state is, and the state of a card nobody answered: all a first card
 * needs to be shown from the stored states, without ts-fsrs (card-state.ts replays answers
 * through it). Pure: runs in pages and in Node.
 */
import type { LearnerDay } from './learner-day.js';
import { parametersKey, type SchedulerParameters } from './parameters.js';

/** Where a card is in its life: never answered, in its learning steps, in review, or lapsed. */
export type CardPhase = 'new' | 'learning' | 'review' | 'relearning';

/** The four grades, by name. */
export type GradeName = 'again' | 'hard' | 'good' | 'easy';

/** The derived schedule of one item for one learner. */
export interface CardState {
  itemId: string;
  phase: CardPhase;
  stability: number;
  difficulty: number;
  /** When the card is next due (epoch ms); 0 for a new card. Day intervals fall on a learner day's start. */
  due: number;
  reps: number;
  lapses: number;
  /** answeredAt of the last answer replayed, or null for a new card. */
  lastReviewAt: number | null;
  /**
   * answeredAt of the first answer replayed (when the card stopped being new), or null for a
   * new card: the daily new-card limit counts the cards introduced today by it.
   */
  firstReviewAt?: number | null;
  /** The (re)learning step the card is at. */
  step: number;
  /** The interval, in days, of the last answer (0 while in steps). */
  scheduledDays: number;
  /** `parametersKey(params, day)` of the derivation: a different key means re-derive. */
  parametersKey: string;
  /** How many answers (not retracted, one per id) the state replays. */
  answerCount: number;
}

/** The state of an item nobody has answered yet. */
export function newCardState(itemId: string, params: SchedulerParameters, day: LearnerDay): CardState {
  return {
    itemId,
    phase: 'new',
    stability: 0,
    difficulty: 0,
    due: 0,
    reps: 0,
    lapses: 0,
    lastReviewAt: null,
    firstReviewAt: null,
    step: 0,
    scheduledDays: 0,
    parametersKey: parametersKey(params, day),
    answerCount: 0,
  };
}
