/**
 * A card's schedule is DERIVED: a pure replay through ts-fsrs of the learner's answers to the
 * item, in (answeredAt, id) order, without the retracted ones. It is never merged as state, so
 * devices that reviewed offline converge to the schedule one device would have had.
 * Pure: runs in pages and in Node (the server derives with this very code).
 */
import { createEmptyCard, type Card } from 'ts-fsrs';
import { compareAnswers } from '../merge/answer-order.js';
import type { AnswerRecord } from '../types.js';
import { learnerClock, type LearnerDay } from './learner-day.js';
import { parametersKey, type SchedulerParameters } from './parameters.js';
import { newCardState, type CardState, type GradeName } from './card-types.js';
import { gradeOf, realDue, schedulerFor, setSeedItem, toCardState, toFsrsCard } from './fsrs-scheduler.js';

export { newCardState, type CardPhase, type CardState, type GradeName } from './card-types.js';

/** Replays answers already sorted by (answeredAt, id); copies of one id count once. */
function replaySorted(
  itemId: string,
  sorted: readonly AnswerRecord[],
  retracted: ReadonlySet<string>,
  params: SchedulerParameters,
  day: LearnerDay,
  key: string,
): CardState {
  const scheduler = schedulerFor(params);
  setSeedItem(itemId);
  let card: Card | null = null;
  let atMs = 0;
  let clockAtMs = 0;
  let count = 0;
  let firstAtMs = 0;
  let previousId = '';
  for (const answer of sorted) {
    if (answer.id === previousId || retracted.has(answer.id)) continue;
    previousId = answer.id;
    atMs = answer.answeredAt;
    if (count === 0) firstAtMs = atMs;
    clockAtMs = learnerClock(atMs, day);
    card = scheduler.next(card ?? createEmptyCard(clockAtMs), clockAtMs, gradeOf(answer)).card;
    count += 1;
  }
  if (!card) return { ...newCardState(itemId, params, day), parametersKey: key };
  return { ...toCardState(itemId, card, atMs, clockAtMs, key, count, day), firstReviewAt: firstAtMs };
}

/**
 * The card state of `itemId` from the learner's answers (answers to other items are ignored),
 * leaving out the answers whose id is in `retracted`.
 */
export function deriveCardState(
  itemId: string,
  answers: readonly AnswerRecord[],
  retracted: ReadonlySet<string>,
  params: SchedulerParameters,
  day: LearnerDay,
): CardState {
  const mine = answers.filter((answer) => answer.itemId === itemId).sort(compareAnswers);
  return replaySorted(itemId, mine, retracted, params, day, parametersKey(params, day));
}

/** The card state of every item the answers (of one learner) name, keyed by item id. */
export function deriveCardStates(
  answers: readonly AnswerRecord[],
  retracted: ReadonlySet<string>,
  params: SchedulerParameters,
  day: LearnerDay,
): Map<string, CardState> {
  const byItem = new Map<string, AnswerRecord[]>();
  for (const answer of answers) {
    const list = byItem.get(answer.itemId);
    if (list) list.push(answer);
    else byItem.set(answer.itemId, [answer]);
  }
  const key = parametersKey(params, day);
  const states = new Map<string, CardState>();
  for (const [itemId, list] of byItem) {
    states.set(itemId, replaySorted(itemId, list.sort(compareAnswers), retracted, params, day, key));
  }
  return states;
}

/**
 * For each grade, how long (ms) after `nowMs` the card would be due if answered with it now:
 * what the grade buttons show.
 */
export function previewIntervals(
  state: CardState,
  nowMs: number,
  params: SchedulerParameters,
  day: LearnerDay,
): Record<GradeName, number> {
  const scheduler = schedulerFor(params);
  setSeedItem(state.itemId);
  const clockNow = learnerClock(nowMs, day);
  const card = state.phase === 'new' ? createEmptyCard(clockNow) : toFsrsCard(state, day);
  const preview = scheduler.repeat(card, clockNow);
  const interval = (grade: 1 | 2 | 3 | 4): number => realDue(preview[grade].card, nowMs, clockNow, day) - nowMs;
  return { again: interval(1), hard: interval(2), good: interval(3), easy: interval(4) };
}

/**
 * The state `state` moves to when graded `rating` (1 Again … 4 Easy) at `nowMs`: one step of
 * the replay above, which is what the stored derivation gives once that answer, the card's
 * latest, is stored. Lets a view move on to the next card while the answer is being written.
 */
export function gradeCardState(
  state: CardState,
  rating: 1 | 2 | 3 | 4,
  nowMs: number,
  params: SchedulerParameters,
  day: LearnerDay,
): CardState {
  const scheduler = schedulerFor(params);
  setSeedItem(state.itemId);
  const clockNow = learnerClock(nowMs, day);
  const card = state.phase === 'new' ? createEmptyCard(clockNow) : toFsrsCard(state, day);
  const next = scheduler.next(card, clockNow, rating).card;
  const key = parametersKey(params, day);
  return { ...toCardState(state.itemId, next, nowMs, clockNow, key, state.answerCount + 1, day), firstReviewAt: state.firstReviewAt ?? nowMs };
}
