/**
 * Where `<review-stats>` gets its figures: the engine's answer history (every device's answers
 * once merged, undone ones left out) and the scheduler's card states of the items answered,
 * fed to the pure functions of src/stats/. Nothing is asked of the network.
 */
import type { OfflineReview } from '../../src/index.js';
import { dayIndex, type LearnerDay, type SchedulerParameters } from '../../src/scheduler/index.js';
import { dueForecast, retention, reviewsPerDay, streakOfDays, type Retention, type ReviewStreak } from '../../src/stats/index.js';

/** Everything the element shows. */
export interface ReviewFigures {
  /** Today's learner day number (days since 1970-01-01 in the learner's calendar). */
  today: number;
  /** Answers per learner day; days without any are absent. */
  perDay: ReadonlyMap<number, number>;
  /** Cards due on each of the next days; index 0 is today, with the overdue cards. */
  forecast: readonly number[];
  retention: Retention;
  streak: ReviewStreak;
}

/** What the figures are computed with. */
export interface FigureOptions {
  params: SchedulerParameters;
  day: LearnerDay;
  nowMs: number;
  retentionDays: number;
  forecastDays: number;
}

/** Reads the learner's answers and card states from `engine` and computes the figures. */
export async function readFigures(engine: OfflineReview, options: FigureOptions): Promise<ReviewFigures> {
  const { params, day, nowMs } = options;
  const answers = await engine.answerHistory();
  const states = await engine.cardStates([...new Set(answers.map((answer) => answer.itemId))], params, day);
  const perDay = reviewsPerDay(answers, day);
  const today = dayIndex(nowMs, day);
  return {
    today,
    perDay,
    forecast: dueForecast(states.values(), nowMs, day, options.forecastDays),
    retention: retention(answers, nowMs, params, day, options.retentionDays),
    streak: streakOfDays(perDay.keys(), today),
  };
}
