/**
 * Card states on the server, derived from the stored answers with the core's own scheduler
 * (the same code the pages run): attached to progress in pulls, and counted per deck by
 * `GET {base}/due` so a server-rendered page can print "12 cards due" without JavaScript.
 */
import { OfflineReviewError } from '../src/errors.js';
import { deriveCardStates, newCardState, type CardState } from '../src/scheduler/card-state.js';
import { normalizeLearnerDay, type LearnerDay } from '../src/scheduler/learner-day.js';
import { normalizeSchedulerParameters, type SchedulerParameters } from '../src/scheduler/parameters.js';
import type { ProgressData } from '../src/types.js';
import type { ReviewStore } from './sync-repository.js';

/** What the server knows of a deck: its items (the site registers them) and its parameters. */
export interface DeckManifest {
  itemIds: readonly string[];
  parameters?: Partial<SchedulerParameters>;
}

/** Looks up a deck by id; resolves null for a deck the site does not know. */
export type DeckCatalog = (deckId: string) => DeckManifest | null | Promise<DeckManifest | null>;

/** Scheduling defaults of a deployment: parameters (per deck in the catalog) and the learner day. */
export interface SchedulingOptions {
  parameters?: Partial<SchedulerParameters>;
  /** The learner day when a request names none (`tz`, `dayStart`); default UTC, 4 am. */
  learnerDay?: Partial<LearnerDay>;
}

/** The learner day a request asks for (`tz`, `dayStart`), over the deployment's default. */
export function learnerDayOf(params: URLSearchParams, options: SchedulingOptions): LearnerDay {
  const dayStart = params.get('dayStart');
  const hour = dayStart === null || dayStart === '' ? undefined : /^\d{1,2}$/.test(dayStart) ? Number(dayStart) : Number.NaN;
  return normalizeLearnerDay({
    ...options.learnerDay,
    ...(params.get('tz') ? { timeZone: params.get('tz')! } : {}),
    ...(hour === undefined ? {} : { dayStartHour: hour }),
  });
}

/** Adds the server-derived card state to each progress record of a pull page. */
export async function withCardStates(
  store: ReviewStore,
  userId: string,
  progress: ProgressData[],
  params: SchedulerParameters,
  day: LearnerDay,
): Promise<ProgressData[]> {
  if (progress.length === 0) return progress;
  const { answers, retracted } = await store.answersOf(userId, progress.map((p) => p.itemId));
  const states = deriveCardStates(answers, retracted, params, day);
  return progress.map((p) => ({ ...p, card: states.get(p.itemId) ?? newCardState(p.itemId, params, day) }));
}

/** The body of `GET {base}/due`. */
export interface DueCounts {
  deck: string;
  /** The instant the counts are for (epoch ms). */
  now: number;
  timeZone: string;
  dayStartHour: number;
  /** Items never answered (or whose every answer was undone). */
  new: number;
  /** Cards in (re)learning steps whose step is due now. */
  learning: number;
  /** Review cards due today (a day interval is due from the start of its learner day). */
  review: number;
  /** learning + review: what "12 cards due" prints. */
  due: number;
  /** Items in the deck. */
  total: number;
  /** When the next card that is not due yet becomes due, or null. */
  nextDueAt: number | null;
}

/**
 * Counts a deck's due cards for a user at `now`. Resolves null when the catalog does not know
 * the deck. Throws OfflineReviewError('invalid-input') when the deck's parameters are invalid.
 */
export async function dueCounts(
  store: ReviewStore,
  userId: string,
  deckId: string,
  catalog: DeckCatalog | undefined,
  options: SchedulingOptions,
  day: LearnerDay,
  now: number,
): Promise<DueCounts | null> {
  const manifest = catalog ? await catalog(deckId) : null;
  if (!manifest) return null;
  if (!Array.isArray(manifest.itemIds)) throw new OfflineReviewError('invalid-input', `Deck ${deckId} has no item list.`);
  const params = normalizeSchedulerParameters({ ...options.parameters, ...manifest.parameters });
  const { answers, retracted } = await store.answersOf(userId, manifest.itemIds);
  const states = deriveCardStates(answers, retracted, params, day);
  const counts: DueCounts = {
    deck: deckId,
    now,
    timeZone: day.timeZone,
    dayStartHour: day.dayStartHour,
    new: 0,
    learning: 0,
    review: 0,
    due: 0,
    total: manifest.itemIds.length,
    nextDueAt: null,
  };
  for (const itemId of new Set(manifest.itemIds)) {
    const state: CardState | undefined = states.get(itemId);
    if (!state || state.phase === 'new') counts.new += 1;
    else if (state.due > now) counts.nextDueAt = Math.min(counts.nextDueAt ?? state.due, state.due);
    else if (state.phase === 'review') counts.review += 1;
    else counts.learning += 1;
  }
  counts.due = counts.learning + counts.review;
  return counts;
}
