/**
 * The deck's scheduling parameters (FSRS through ts-fsrs). They belong to the deck's
 * configuration and are recorded with every derived card state, so that a change re-derives.
 * Pure: runs in pages and in Node.
 */
import { OfflineReviewError } from '../errors.js';
import type { LearnerDay } from './learner-day.js';

/** A learning or relearning step: a number and a unit, minutes, hours or days ('1m', '10m', '1d'). */
export type StepText = `${number}${'m' | 'h' | 'd'}`;

/** What a deck chooses about its schedule. */
export interface SchedulerParameters {
  /** The probability of recall the schedule aims for, in (0, 1): 0.9 by default. */
  desiredRetention: number;
  /** The longest interval, in days: 36500 by default. */
  maximumInterval: number;
  /** Steps of a new card before it graduates: ['1m', '10m'] by default, as in Anki. */
  learningSteps: readonly StepText[];
  /** Steps of a lapsed card before it returns to review: ['10m'] by default. */
  relearningSteps: readonly StepText[];
  /** Spread intervals a little; deterministic on every replica (seeded by item and answer). */
  fuzz: boolean;
}

/** The defaults: ts-fsrs's FSRS-6 defaults and Anki's steps. */
export const defaultSchedulerParameters: SchedulerParameters = Object.freeze({
  desiredRetention: 0.9,
  maximumInterval: 36500,
  learningSteps: Object.freeze(['1m', '10m'] as const),
  relearningSteps: Object.freeze(['10m'] as const),
  fuzz: false,
});

const STEP = /^(\d+(?:\.\d+)?)([mhd])$/;

function invalid(field: string, value: unknown, why: string): OfflineReviewError {
  return new OfflineReviewError('invalid-input', `Scheduler parameter ${field} ${why}.`, {
    details: { field, value },
  });
}

function steps(field: string, value: unknown): readonly StepText[] {
  if (!Array.isArray(value)) throw invalid(field, value, 'must be a list of steps such as 1m, 10m, 1d');
  for (const step of value) {
    const match = typeof step === 'string' ? STEP.exec(step) : null;
    if (!match || Number(match[1]) <= 0) throw invalid(field, value, `has a step that is not a positive duration: ${String(step)}`);
  }
  return Object.freeze([...(value as StepText[])]);
}

/**
 * Completes `partial` with the defaults and checks every field.
 * Throws OfflineReviewError 'invalid-input' naming the field (`details.field`).
 */
export function normalizeSchedulerParameters(partial: Partial<SchedulerParameters> = {}): SchedulerParameters {
  const merged = { ...defaultSchedulerParameters, ...stripUndefined(partial) };
  const { desiredRetention, maximumInterval, fuzz } = merged;
  if (typeof desiredRetention !== 'number' || !(desiredRetention > 0 && desiredRetention < 1)) {
    throw invalid('desiredRetention', desiredRetention, 'must be a number between 0 and 1');
  }
  if (!Number.isInteger(maximumInterval) || maximumInterval < 1 || maximumInterval > 36500) {
    throw invalid('maximumInterval', maximumInterval, 'must be a whole number of days from 1 to 36500');
  }
  if (typeof fuzz !== 'boolean') throw invalid('fuzz', fuzz, 'must be true or false');
  return Object.freeze({
    desiredRetention,
    maximumInterval,
    learningSteps: steps('learningSteps', merged.learningSteps),
    relearningSteps: steps('relearningSteps', merged.relearningSteps),
    fuzz,
  });
}

function stripUndefined(partial: Partial<SchedulerParameters>): Partial<SchedulerParameters> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(partial)) if (value !== undefined) out[key] = value;
  return out as Partial<SchedulerParameters>;
}

/**
 * A stable text for the parameters (fields in a fixed order) and, when given, the learner's day.
 * `deriveCardState` records `parametersKey(params, day)` with each state: a stored state whose
 * key differs from the one the deck asks for now is stale and is derived again.
 */
export function parametersKey(p: SchedulerParameters, day?: LearnerDay): string {
  const key: unknown[] = ['fsrs6', p.desiredRetention, p.maximumInterval, p.learningSteps, p.relearningSteps, p.fuzz];
  if (day) key.push(day.timeZone, day.dayStartHour);
  return JSON.stringify(key);
}
