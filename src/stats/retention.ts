/**
 * Retention: the share of answers given to cards in review (not new, not in learning steps)
 * that were not graded Again, over the last days. Which phase a card was in is the scheduler's:
 * each item's answers are replayed through ts-fsrs with the deck's parameters and learner day,
 * exactly as card states are derived, so every device counts the same answers. Pure.
 */
import { createEmptyCard, State, type Card } from 'ts-fsrs';
import { compareAnswers } from '../merge/derive.js';
import { gradeOf, schedulerFor, setSeedItem } from '../scheduler/fsrs-scheduler.js';
import { dayIndex, learnerClock, type LearnerDay } from '../scheduler/learner-day.js';
import { OfflineReviewError } from '../errors.js';
import type { SchedulerParameters } from '../scheduler/parameters.js';
import type { AnswerRecord } from '../types.js';

/** Retention over a window of learner days. */
export interface Retention {
  /** Answers to cards in review within the window. */
  reviews: number;
  /** Those not graded Again (typed answers: the correct ones). */
  passed: number;
  /** `passed / reviews`, or null without any review in the window. */
  ratio: number | null;
  /** The window: learner days `fromDay` to `toDay` (today), both included. */
  fromDay: number;
  toDay: number;
}

/**
 * The answers among `answers` (one learner's, one copy per id, none undone) given to a card in
 * the review phase, each with whether it passed (not Again). In (answeredAt, id) order per item.
 */
export function reviewPhaseAnswers(
  answers: readonly AnswerRecord[],
  params: SchedulerParameters,
  day: LearnerDay,
): Array<{ answer: AnswerRecord; passed: boolean }> {
  const byItem = new Map<string, AnswerRecord[]>();
  for (const answer of answers) {
    const list = byItem.get(answer.itemId);
    if (list) list.push(answer);
    else byItem.set(answer.itemId, [answer]);
  }
  const scheduler = schedulerFor(params);
  const out: Array<{ answer: AnswerRecord; passed: boolean }> = [];
  for (const [itemId, list] of byItem) {
    setSeedItem(itemId);
    let card: Card | null = null;
    for (const answer of list.sort(compareAnswers)) {
      const clock = learnerClock(answer.answeredAt, day);
      const grade = gradeOf(answer);
      if (card?.state === State.Review) out.push({ answer, passed: grade !== 1 });
      card = scheduler.next(card ?? createEmptyCard(clock), clock, grade).card;
    }
  }
  return out;
}

/**
 * Retention over the `windowDays` learner days ending today (the day of `nowMs`).
 * Throws OfflineReviewError 'invalid-input' when `windowDays` is not a whole number of 1 or more.
 */
export function retention(
  answers: readonly AnswerRecord[],
  nowMs: number,
  params: SchedulerParameters,
  day: LearnerDay,
  windowDays = 30,
): Retention {
  if (!Number.isInteger(windowDays) || windowDays < 1) {
    throw new OfflineReviewError('invalid-input', 'windowDays must be a whole number of 1 or more.', { details: { field: 'windowDays', value: windowDays } });
  }
  const toDay = dayIndex(nowMs, day);
  const fromDay = toDay - windowDays + 1;
  // Only items answered within the window can count; the replay of the others is skipped.
  const inWindow = (answer: AnswerRecord): boolean => {
    const index = dayIndex(answer.answeredAt, day);
    return index >= fromDay && index <= toDay;
  };
  const active = new Set(answers.filter(inWindow).map((answer) => answer.itemId));
  let reviews = 0;
  let passed = 0;
  for (const entry of reviewPhaseAnswers(answers.filter((answer) => active.has(answer.itemId)), params, day)) {
    if (!inWindow(entry.answer)) continue;
    reviews += 1;
    if (entry.passed) passed += 1;
  }
  return { reviews, passed, ratio: reviews === 0 ? null : passed / reviews, fromDay, toDay };
}
