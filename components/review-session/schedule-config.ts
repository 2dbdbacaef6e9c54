/**
 * The deck's scheduling configuration, read from `<review-session>`'s attributes: FSRS
 * parameters, the learner's day and the daily limits. Every attribute is optional; a bad value
 * is `invalid-input` naming the attribute, shown as an error rather than guessed around.
 */
import { OfflineReviewError } from '../../src/errors.js';
import { normalizeLearnerDay, type LearnerDay } from '../../src/scheduler/learner-day.js';
import { normalizeSchedulerParameters, type SchedulerParameters, type StepText } from '../../src/scheduler/parameters.js';
import { defaultQueueLimits, type QueueLimits } from '../../src/scheduler/session-queue.js';

/** The attributes, as the element's properties hold them (undefined: the default). */
export interface ScheduleAttributes {
  desiredRetention?: number | undefined;
  maximumInterval?: number | undefined;
  learningSteps?: string | undefined;
  relearningSteps?: string | undefined;
  fuzz: boolean;
  newPerDay?: number | undefined;
  maxReviews?: number | undefined;
  learnAhead?: number | undefined;
  dayStartHour?: number | undefined;
  timeZone?: string | undefined;
}

/** What the session schedules with. */
export interface ScheduleConfig {
  params: SchedulerParameters;
  day: LearnerDay;
  limits: QueueLimits;
}

/** The kebab-case attribute of each scheduling field, for error details. */
const ATTRIBUTE: Record<string, string> = {
  desiredRetention: 'desired-retention',
  maximumInterval: 'maximum-interval',
  learningSteps: 'learning-steps',
  relearningSteps: 'relearning-steps',
  fuzz: 'fuzz',
  timeZone: 'time-zone',
  dayStartHour: 'day-start-hour',
};

/** "1m 10m" (or "1m, 10m") as a list of steps; empty text is no steps. */
function steps(text: string | undefined): StepText[] | undefined {
  if (text === undefined) return undefined;
  return text.split(/[\s,]+/).filter(Boolean) as StepText[];
}

function limit(attribute: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new OfflineReviewError('invalid-input', `The ${attribute} attribute must be a number of 0 or more.`, {
      details: { attribute, value },
    });
  }
  return value;
}

/** The learner's time zone as the browser knows it. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * The configuration for `a`'s attributes; the time zone defaults to the browser's.
 * @throws OfflineReviewError `invalid-input` with `details.attribute` naming the bad attribute.
 */
export function scheduleConfig(a: ScheduleAttributes): ScheduleConfig {
  try {
    const params = normalizeSchedulerParameters({
      desiredRetention: a.desiredRetention,
      maximumInterval: a.maximumInterval,
      learningSteps: steps(a.learningSteps),
      relearningSteps: steps(a.relearningSteps),
      fuzz: a.fuzz,
    } as Partial<SchedulerParameters>);
    const day = normalizeLearnerDay({ timeZone: a.timeZone || browserTimeZone(), dayStartHour: a.dayStartHour });
    const limits: QueueLimits = {
      newPerDay: limit('new-per-day', a.newPerDay, defaultQueueLimits.newPerDay),
      maxReviews: limit('max-reviews', a.maxReviews, defaultQueueLimits.maxReviews),
      learnAheadMs: limit('learn-ahead', a.learnAhead, defaultQueueLimits.learnAheadMs / 60_000) * 60_000,
    };
    return { params, day, limits };
  } catch (error) {
    if (error instanceof OfflineReviewError && error.code === 'invalid-input' && !error.details['attribute']) {
      const field = String(error.details['field'] ?? '');
      const value = error.details['value'];
      throw new OfflineReviewError('invalid-input', error.message, {
        details: { ...error.details, attribute: ATTRIBUTE[field] ?? field, value },
        cause: error,
      });
    }
    throw error;
  }
}
