/**
 * A spaced-repetition review of one deck, as the element sees it: the card states derived from
 * the learner's answers (on this device, merged from others), today's queue built from them,
 * the card on screen, and what was answered during this visit. Every answer, undo, merge or
 * tick of the clock rebuilds the queue from the states, so a reload, another tab or another
 * device that holds the same answers shows the same queue.
 *
 * The first card needs only the stored states and the queue rules; the scheduler (ts-fsrs, in
 * the derivation chunk) is loaded once that card shows, at an idle moment: the interval labels
 * on the grade buttons wait for it, and a grade given before it arrived holds its card out of
 * the queue until the answer is stored (storage loads the chunk before it writes).
 *
 * What only a grade uses (holding a graded card while its answer is written, taking in the
 * stored answer) is in scheduled-grades.ts, in the grades' chunk, which loads with the engine;
 * the grades' intervals are previewed by the extras' chunk (scheduled-intervals.ts), what undo
 * does to the run by undo's (review-undo.ts), and the visit's summary by the summaries' (run-end.ts).
 */
import type { AnswerRecord, ReviewSession, ReviewableContent } from '../../src/index.js';
import type { CardState, GradeName } from '../../src/scheduler/card-types.js';
import { dayIndex, startOfDay } from '../../src/scheduler/learner-day.js';
import { buildSessionQueue, doneToday, type SessionQueue } from '../../src/scheduler/session-queue.js';
import { loadDerivation, loadedDerivation } from '../../src/storage/derivation-loader.js';
import { loadChunk } from '../shared/stale-build.js';
import { NO_ONE, type ReviewIdentity } from './review-identity.js';
import type { ScheduleConfig } from './schedule-config.js';

/** Where the card states come from (the engine, see engine-schedule.ts). */
export interface ScheduleSource {
  /** The derived states of `itemIds` (items never answered may be missing). */
  cardStates(itemIds: readonly string[], config: ScheduleConfig): Promise<ReadonlyMap<string, CardState>>;
}

/** One review of a deck in progress. */
export class ScheduledRun {
  /** The session the answers of this visit are recorded in, once the first card was shown. */
  session: ReviewSession | null = null;
  /** Today's queue, as last rebuilt. */
  queue: SessionQueue = { itemIds: [], counts: { new: 0, learning: 0, due: 0 }, nextDueAt: null };
  /** Answers given during this visit, oldest first (the undo stack). */
  readonly answered: AnswerRecord[] = [];
  /** Whom the run was loaded for (set by the review before it shows a card): its answers are theirs. */
  identity: ReviewIdentity = NO_ONE;

  /** The deck's items by id. @internal */
  readonly items: ReadonlyMap<string, ReviewableContent>;
  /** The deck's item ids, in deck order. */
  readonly itemIds: string[];
  /** The scheduling rules. @internal (read by the grades' chunk, scheduled-grades.ts) */
  readonly config: ScheduleConfig;
  /** Where the card states are read. @internal */
  readonly source: ScheduleSource;
  /** The card states the queue is built from. @internal */
  states: ReadonlyMap<string, CardState> = new Map();
  private dayStartsAt = 0;
  private dayEndsAt = 0;
  /** The time the queue was last built for. */
  private builtAt = 0;
  /** A card brought back by an undo or a refused write: shown next, whatever the queue says. @internal */
  pinned: string | null = null;
  /**
   * The grades being stored, oldest first: each one's card, that card's state before it, and
   * whether its next state is unknown (see scheduled-grades.ts). @internal
   */
  readonly held: { itemId: string; state: CardState | undefined; unknown: boolean }[] = [];
  /** How many times the queue was built: a new build may give the same card other intervals. @internal */
  builds = 0;
  /** The current card's grade intervals, for the queue's latest build (scheduled-intervals.ts). @internal */
  preview: { key: string; value: Record<GradeName, number> } | null = null;
  /** Called once the scheduler has loaded (the view then shows the interval labels). */
  private readonly loaded: () => void;
  /** The scheduler's load, once started. */
  private loading: Promise<void> | null = null;
  /** How many answers were taken in (scheduled-grades.ts), and per card the count when it last took one in (see `reload`). @internal */
  adds = 0;
  /** @internal */
  readonly added = new Map<string, number>();

  /** A run over `items` (deck order), scheduled with `config`, reading from `source`; `loaded` as above. */
  constructor(items: readonly ReviewableContent[], config: ScheduleConfig, source: ScheduleSource, loaded: () => void = () => undefined) {
    this.items = new Map(items.map((item) => [item.id, item]));
    this.itemIds = items.map((item) => item.id);
    this.config = config;
    this.source = source;
    this.loaded = loaded;
  }

  /**
   * Reads every card state again, then rebuilds the queue for `now`; the scheduler then loads
   * once the page is idle. A card graded (held) or stored (`addStored`, scheduled-grades.ts) while the states were read
   * keeps its state in memory, which is newer than the read: a held card read back as due was
   * shown, and answered, again.
   */
  async reload(now: number): Promise<void> {
    const since = this.adds;
    const states = new Map(await this.source.cardStates(this.itemIds, this.config));
    const kept = new Set(this.held.map((held) => held.itemId));
    for (const [itemId, at] of this.added) if (at > since) kept.add(itemId);
    for (const itemId of kept) {
      const state = this.states.get(itemId);
      if (state) states.set(itemId, state);
      else states.delete(itemId);
    }
    this.states = states;
    this.rebuild(now);
    void this.loadScheduler(true);
  }

  /**
   * Loads the scheduler if it is not loaded yet: at once, or with `idle` after the next frame
   * (the card just built is painted first) at the browser's next idle moment. Resolves once it is
   * loaded; a failed load is tried again on the next call.
   */
  loadScheduler(idle = false): Promise<void> {
    if (loadedDerivation()) return Promise.resolve();
    if (idle) return afterPaintIdle().then(() => this.loadScheduler());
    this.loading ??= loadChunk(loadDerivation).then(
      () => this.loaded(),
      () => void (this.loading = null),
    );
    return this.loading;
  }

  /** Rebuilds the queue for `now` from the states in hand. */
  rebuild(now: number): void {
    this.builtAt = now;
    this.builds += 1;
    this.setDay(now);
    this.queue = buildSessionQueue({
      itemIds: this.queueItems(),
      states: this.states,
      now,
      dayEndsAt: this.dayEndsAt,
      limits: this.config.limits,
      done: doneToday(this.states.values(), this.dayStartsAt, this.dayEndsAt),
    });
    if (this.pinned && !this.items.has(this.pinned)) this.pinned = null;
  }

  /** The deck's items, without held cards whose next state is not known yet (see `holdGrade`). */
  private queueItems(): readonly string[] {
    const unknown = new Set(this.held.filter((held) => held.unknown).map((held) => held.itemId));
    return unknown.size > 0 ? this.itemIds.filter((itemId) => !unknown.has(itemId)) : this.itemIds;
  }

  private setDay(now: number): void {
    if (now >= this.dayStartsAt && now < this.dayEndsAt) return;
    const today = dayIndex(now, this.config.day);
    this.dayStartsAt = startOfDay(today, this.config.day);
    this.dayEndsAt = startOfDay(today + 1, this.config.day);
  }

  /** The card to show next, or undefined when nothing is due now. */
  get current(): ReviewableContent | undefined {
    const id = this.pinned ?? this.queue.itemIds[0];
    return id === undefined ? undefined : this.items.get(id);
  }

  /** Nothing is due now. */
  get done(): boolean {
    return this.current === undefined;
  }

  /**
   * When the queue as last built next changes by itself: a learning card falling due (it then
   * goes first), or the learner's next day. Null when nothing is scheduled. Counted from the
   * time the queue was built for, not from now: a step that fell due while the states were
   * being read is then a time already past, and the timer wakes at once (counted from now,
   * that step was skipped until the next day).
   */
  nextChangeAt(): number | null {
    const now = this.builtAt;
    let next = this.dayEndsAt > now ? this.dayEndsAt : Infinity;
    for (const state of this.states.values()) {
      if ((state.phase === 'learning' || state.phase === 'relearning') && state.due > now) next = Math.min(next, state.due);
    }
    if (this.queue.nextDueAt !== null && this.queue.nextDueAt > now) next = Math.min(next, this.queue.nextDueAt);
    return next === Infinity ? null : next;
  }
}

/** Resolves after the next frame (or a task, where there are no frames) at the browser's next idle moment. */
function afterPaintIdle(): Promise<void> {
  const frame = new Promise<void>((resolve) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => resolve()) : setTimeout(resolve)));
  return frame.then(() => new Promise<void>((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 2000 }) : setTimeout(resolve))));
}
