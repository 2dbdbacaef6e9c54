/**
 * The forecast: how many cards fall due on each of the next learner days, from the card
 * states the scheduler derived (on the device, from the merged answers). Pure.
 */
import { OfflineReviewError } from '../errors.js';
import type { CardState } from '../scheduler/card-state.js';
import { dayIndex, type LearnerDay } from '../scheduler/learner-day.js';

/**
 * Cards due on each of `days` learner days from today (index 0 is today, and also holds the
 * cards already overdue). New cards (never answered) are not due and are left out; so are
 * cards due after the last day. Throws OfflineReviewError 'invalid-input' when `days` is not a whole number of 1 or more.
 */
export function dueForecast(states: Iterable<CardState>, nowMs: number, day: LearnerDay, days = 30): number[] {
  if (!Number.isInteger(days) || days < 1) {
    throw new OfflineReviewError('invalid-input', 'days must be a whole number of 1 or more.', { details: { field: 'days', value: days } });
  }
  const today = dayIndex(nowMs, day);
  const counts = new Array<number>(days).fill(0);
  for (const state of states) {
    if (state.phase === 'new') continue;
    const offset = Math.max(0, dayIndex(state.due, day) - today);
    if (offset < days) counts[offset]! += 1;
  }
  return counts;
}
