/**
 * Reading back a stored card state's parameters key (parameters.ts makes it): apart from the
 * parameters, which a first card checks and keys, since only the derivation reads keys back.
 */
import type { LearnerDay } from './learner-day.js';
import { normalizeSchedulerParameters, type SchedulerParameters } from './parameters.js';

/**
 * The parameters and learner day a `parametersKey(params, day)` stands for, or null for a key
 * it did not make: storage re-derives a card with the parameters it was last derived with.
 */
export function parseParametersKey(key: string): { params: SchedulerParameters; day: LearnerDay } | null {
  try {
    const parts = JSON.parse(key) as unknown[];
    if (!Array.isArray(parts) || parts[0] !== 'fsrs6' || parts.length !== 8) return null;
    const [, desiredRetention, maximumInterval, learningSteps, relearningSteps, fuzz, timeZone, dayStartHour] = parts;
    const params = normalizeSchedulerParameters({ desiredRetention, maximumInterval, learningSteps, relearningSteps, fuzz } as Partial<SchedulerParameters>);
    if (typeof timeZone !== 'string' || typeof dayStartHour !== 'number') return null;
    return { params, day: { timeZone, dayStartHour } };
  } catch {
    // Not one of ours (or from a version with other parameters): derive with the defaults.
    return null;
  }
}
