/**
 * Today's review queue of one deck, built as Anki builds it: learning and relearning cards
 * that are due, then the due review cards with the new cards spread evenly among them (new
 * cards up to the daily limit), and, once nothing else is left, learning cards due within the
 * learn-ahead limit. Pure: it reads card states derived from the answers, so a reload, another
 * tab or another device that merged the same answers gets the same queue.
 */
import type { CardPhase, CardState } from './card-state.js';

/** The part of a derived card state the queue reads (a test may give just these fields). */
export type QueueCard = Pick<CardState, 'itemId' | 'phase' | 'due' | 'lastReviewAt' | 'firstReviewAt'>;

/** `review` schedules (the default); `drill` shows every card once, in deck order. */
export const ScheduleMode = { Review: 'review', Drill: 'drill' } as const;
export type ScheduleMode = (typeof ScheduleMode)[keyof typeof ScheduleMode];

/** The deck's daily limits. */
export interface QueueLimits {
  /** New cards introduced per learner day (20 by default, as in Anki). */
  newPerDay: number;
  /** Review cards per learner day (200 by default); new cards count against it too. */
  maxReviews: number;
  /** Learning cards due this soon are shown early when nothing else is left (20 minutes). */
  learnAheadMs: number;
}

/** Anki's defaults. */
export const defaultQueueLimits: QueueLimits = Object.freeze({
  newPerDay: 20,
  maxReviews: 200,
  learnAheadMs: 20 * 60_000,
});

/** What the learner already did today (see `doneToday`). */
export interface DoneToday {
  /** Cards answered for the first time today. */
  introduced: number;
  /** Cards answered today that had been answered before today. */
  reviewed: number;
}

/** What the queue is built from. */
export interface SessionQueueInput {
  /** The deck's item ids in deck order; an item without a state is a new card. */
  itemIds: readonly string[];
  /** Derived card states by item id; states of items no longer in the deck are ignored. */
  states: ReadonlyMap<string, QueueCard>;
  /** The time the queue is for, in epoch milliseconds. */
  now: number;
  /** When the learner's current day ends (the start of the next one), in epoch milliseconds. */
  dayEndsAt: number;
  /** Daily limits; missing fields take the defaults. */
  limits?: Partial<QueueLimits>;
  /** What was done earlier today (see `doneToday`); nothing by default. */
  done?: DoneToday;
  /** `review` (default) or `drill`. */
  mode?: ScheduleMode;
}

/** The counts Anki shows above a card. */
export interface QueueCounts {
  /** New cards left for today. */
  new: number;
  /** Learning and relearning cards due now or within the learn-ahead limit. */
  learning: number;
  /** Review cards due today, within the review limit. */
  due: number;
}

/** Today's queue. */
export interface SessionQueue {
  /** Item ids to show, in order; the first is the next card. Empty: nothing due now. */
  itemIds: string[];
  /** New, learning and due counts. */
  counts: QueueCounts;
  /**
   * When nothing is due: the earliest time a card becomes due (a learning step, a review
   * day, or the next learner day for new cards), or null when no card will ever be due.
   */
  nextDueAt: number | null;
}

const isLearning = (phase: CardPhase): boolean => phase === 'learning' || phase === 'relearning';
const DAY_MS = 86_400_000;

/**
 * Builds today's queue. Drill mode returns every item once, in deck order, with no counts of
 * its own. Never throws; limits below zero count as zero.
 */
export function buildSessionQueue(input: SessionQueueInput): SessionQueue {
  const { itemIds, states, now, dayEndsAt } = input;
  const limits = { ...defaultQueueLimits, ...input.limits };
  if (input.mode === ScheduleMode.Drill) {
    return { itemIds: [...itemIds], counts: { new: 0, learning: 0, due: 0 }, nextDueAt: null };
  }
  const done = input.done ?? { introduced: 0, reviewed: 0 };
  const learnAheadUntil = now + Math.max(0, limits.learnAheadMs);
  const learningNow: QueueCard[] = [];
  const learningAhead: QueueCard[] = [];
  const reviews: Array<{ card: QueueCard; order: number }> = [];
  const fresh: string[] = [];
  let nextDueAt = Infinity;
  for (let order = 0; order < itemIds.length; order++) {
    const id = itemIds[order]!;
    const card = states.get(id);
    if (!card || card.phase === 'new') {
      fresh.push(id);
    } else if (isLearning(card.phase)) {
      // A step of a day or more is due for the whole learner day, like a review (Anki's
      // "interday learning"); shorter steps are due at their minute.
      const interday = card.lastReviewAt !== null && card.due - card.lastReviewAt >= DAY_MS;
      if (card.due <= now || (interday && card.due < dayEndsAt)) learningNow.push(card);
      else if (card.due <= learnAheadUntil) learningAhead.push(card);
      else nextDueAt = Math.min(nextDueAt, interday ? Math.max(card.due, dayEndsAt) : card.due);
    } else if (card.due < dayEndsAt) {
      reviews.push({ card, order });
    } else {
      nextDueAt = Math.min(nextDueAt, card.due);
    }
  }
  const reviewRoom = Math.max(0, limits.maxReviews - done.reviewed - done.introduced);
  reviews.sort((a, b) => a.card.due - b.card.due || a.order - b.order);
  const dueReviews = reviews.slice(0, reviewRoom).map((entry) => entry.card.itemId);
  const newRoom = Math.max(0, Math.min(limits.newPerDay - done.introduced, reviewRoom - dueReviews.length));
  const newCards = fresh.slice(0, newRoom);
  // Cards held back by a limit are due again when the next learner day starts.
  if (dueReviews.length < reviews.length || newCards.length < fresh.length) nextDueAt = Math.min(nextDueAt, dayEndsAt);
  byDue(learningNow);
  byDue(learningAhead);
  const queue = [
    ...learningNow.map((card) => card.itemId),
    ...intersperse(dueReviews, newCards),
    ...learningAhead.map((card) => card.itemId),
  ];
  return {
    itemIds: queue,
    counts: { new: newCards.length, learning: learningNow.length + learningAhead.length, due: dueReviews.length },
    nextDueAt: queue.length > 0 || nextDueAt === Infinity ? null : nextDueAt,
  };
}

function byDue(cards: QueueCard[]): void {
  cards.sort((a, b) => a.due - b.due);
}

/**
 * Spreads `two` evenly through `one`, as Anki's intersperser mixes new cards with reviews:
 * with 4 reviews and 1 new card, the new card comes third.
 */
export function intersperse<T>(one: readonly T[], two: readonly T[]): T[] {
  const out: T[] = [];
  const ratio = (one.length + 1) / (two.length + 1);
  let i = 0;
  let j = 0;
  while (i < one.length || j < two.length) {
    if (j >= two.length || (i < one.length && (j + 1) * ratio >= i + 1)) out.push(one[i++]!);
    else out.push(two[j++]!);
  }
  return out;
}

/**
 * What was done today, from the card states: a card first answered today was introduced
 * today; a card answered today that had been answered before was reviewed. Each card counts
 * once, and undone answers are already out of the states. A state that does not know its
 * first answer counts as reviewed when it was answered today.
 */
export function doneToday(states: Iterable<QueueCard>, dayStartsAt: number, dayEndsAt: number): DoneToday {
  let introduced = 0;
  let reviewed = 0;
  const today = (at: number | null | undefined): boolean => at != null && at >= dayStartsAt && at < dayEndsAt;
  for (const state of states) {
    if (today(state.firstReviewAt)) introduced++;
    else if (today(state.lastReviewAt)) reviewed++;
  }
  return { introduced, reviewed };
}
