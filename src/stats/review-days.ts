/**
 * Reviews per learner day and the streak, from a learner's merged answers (every device's,
 * undone ones left out). Days are the learner's days (their zone and start hour), as the
 * scheduler counts them, so a review at 1 am belongs to the day before. Pure.
 */
import { dayIndex, type LearnerDay } from '../scheduler/learner-day.js';
import type { AnswerRecord } from '../types.js';

/** The number of answers on each learner day (day number → count); days without any are absent. */
export function reviewsPerDay(answers: readonly AnswerRecord[], day: LearnerDay): Map<number, number> {
  const counts = new Map<number, number>();
  for (const answer of answers) {
    const index = dayIndex(answer.answeredAt, day);
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  return counts;
}

/** A learner's streak of consecutive days with at least one review. */
export interface ReviewStreak {
  /**
   * Consecutive days with reviews up to today, or up to yesterday while today has none yet:
   * a streak is lost only once a whole day passed without a review.
   */
  current: number;
  /** The longest run of consecutive days with reviews ever. */
  longest: number;
  /** True when today (the learner's day at `nowMs`) has a review. */
  reviewedToday: boolean;
}

/** The streak at `nowMs` from the learner's answers (answers after `nowMs` count on their own days). */
export function reviewStreak(answers: readonly AnswerRecord[], nowMs: number, day: LearnerDay): ReviewStreak {
  return streakOfDays(reviewsPerDay(answers, day).keys(), dayIndex(nowMs, day));
}

/** The streak over a set of day numbers with reviews, today being day `today`. */
export function streakOfDays(days: Iterable<number>, today: number): ReviewStreak {
  const set = new Set(days);
  const sorted = [...set].sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  let previous = Number.NaN;
  for (const index of sorted) {
    run = index === previous + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = index;
  }
  const reviewedToday = set.has(today);
  let current = 0;
  for (let index = reviewedToday ? today : today - 1; set.has(index); index -= 1) current += 1;
  return { current, longest, reviewedToday };
}
