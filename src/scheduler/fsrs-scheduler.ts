/**
 * One ts-fsrs instance per parameter set, and the conversions between ts-fsrs cards (on the
 * learner's clock) and our card states (real instants). Pure: runs in pages and in Node.
 */
import {
  fsrs,
  State,
  StrategyMode,
  type AbstractScheduler,
  type Card,
  type FSRS,
  type Grade,
} from 'ts-fsrs';
import type { AnswerRecord } from '../types.js';
import { dayIndex, learnerClock, startOfDay, type LearnerDay } from './learner-day.js';
import { parametersKey, type SchedulerParameters } from './parameters.js';
import type { CardPhase, CardState } from './card-types.js';

/** The item whose answer is being replayed: read by the fuzz seed strategy. */
let seedItem = '';

/**
 * The fuzz seed: item id and repetition number. Why not ts-fsrs's default (time, reps,
 * difficulty × stability): floating-point noise could differ between runtimes; and unlike an
 * answer id, the repetition number is known before the answer, so previews equal the outcome.
 */
export function fuzzSeed(this: AbstractScheduler): string {
  return `${seedItem}#${(this as unknown as { current: Card }).current.reps}`;
}

/** Sets the item the fuzz seed strategy names; call before each `next()`/`repeat()`. */
export function setSeedItem(itemId: string): void {
  seedItem = itemId;
}

const instances = new Map<string, FSRS>();
/** By parameters object too: a view asks with the same object for every card, and making its key each time showed up in profiles. */
const byObject = new WeakMap<SchedulerParameters, FSRS>();

/** The ts-fsrs scheduler for `params` (FSRS-6 default weights, short-term steps on). */
export function schedulerFor(params: SchedulerParameters): FSRS {
  const known = byObject.get(params);
  if (known) return known;
  const key = parametersKey(params);
  let instance = instances.get(key);
  if (!instance) {
    instance = fsrs({
      request_retention: params.desiredRetention,
      maximum_interval: params.maximumInterval,
      enable_fuzz: params.fuzz,
      enable_short_term: true,
      learning_steps: params.learningSteps,
      relearning_steps: params.relearningSteps,
    }).useStrategy(StrategyMode.SEED, fuzzSeed);
    instances.set(key, instance);
  }
  byObject.set(params, instance);
  return instance;
}

/** The grade of an answer: its rating, or in typed mode correct → Good, wrong → Again. */
export function gradeOf(answer: AnswerRecord): Grade {
  const rating = answer.rating;
  if (rating === 1 || rating === 2 || rating === 3 || rating === 4) return rating;
  return answer.correct ? 3 : 1;
}

/**
 * ts-fsrs's states and our phases, both ways. Made on first use, not when the module runs: a
 * read of ts-fsrs's State at the top level is a side effect to a bundler, which then keeps
 * ts-fsrs in every bundle that imports this module's neighbours, used or not.
 */
let phases: { of: Record<State, CardPhase>; to: Record<CardPhase, State> } | null = null;
function phaseMaps(): NonNullable<typeof phases> {
  phases ??= {
    of: { [State.New]: 'new', [State.Learning]: 'learning', [State.Review]: 'review', [State.Relearning]: 'relearning' },
    to: { new: State.New, learning: State.Learning, review: State.Review, relearning: State.Relearning },
  };
  return phases;
}

/**
 * The real instant a ts-fsrs due date stands for, the card answered at `atMs`. Day intervals
 * are due from the start of their learner day, as in Anki; (re)learning steps keep their minutes.
 */
export function realDue(card: Card, atMs: number, clockAtMs: number, day: LearnerDay): number {
  if (card.state === State.Review && card.scheduled_days >= 1) {
    return startOfDay(dayIndex(atMs, day) + card.scheduled_days, day);
  }
  return atMs + (card.due.getTime() - clockAtMs);
}

/** Our card state from a ts-fsrs card last answered at `atMs` (`clockAtMs` on the learner's clock). */
export function toCardState(
  itemId: string,
  card: Card,
  atMs: number,
  clockAtMs: number,
  key: string,
  answerCount: number,
  day: LearnerDay,
): CardState {
  return {
    itemId,
    phase: phaseMaps().of[card.state],
    stability: card.stability,
    difficulty: card.difficulty,
    due: realDue(card, atMs, clockAtMs, day),
    reps: card.reps,
    lapses: card.lapses,
    lastReviewAt: atMs,
    step: card.learning_steps,
    scheduledDays: card.scheduled_days,
    parametersKey: key,
    answerCount,
  };
}

/** The ts-fsrs card (on the learner's clock) a card state stands for. */
export function toFsrsCard(state: CardState, day: LearnerDay): Card {
  const last = state.lastReviewAt === null ? undefined : new Date(learnerClock(state.lastReviewAt, day));
  return {
    due: last ?? new Date(0),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: 0,
    scheduled_days: state.scheduledDays,
    learning_steps: state.step,
    reps: state.reps,
    lapses: state.lapses,
    state: phaseMaps().to[state.phase],
    ...(last ? { last_review: last } : {}),
  };
}
