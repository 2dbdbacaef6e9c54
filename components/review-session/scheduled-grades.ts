/**
 * What a grade does to a scheduled review's run (scheduled-run.ts): the graded card is held
 * while its answer is written, so the next card shows at once; the stored answer is taken in;
 * a refused write gives the card back. In the grades' chunk (grading.ts), which loads with the
 * engine: a face-down first card needs none of it.
 */
import type { AnswerRecord } from '../../src/index.js';
import { newCardState, type CardState } from '../../src/scheduler/card-types.js';
import { loadedDerivation } from '../../src/storage/derivation-loader.js';
import type { ReviewRun } from './review-run.js';
import { ScheduledRun } from './scheduled-run.js';

/**
 * A grade given but not stored yet: the card's state becomes what the scheduler gives for it
 * (what `addStored` will read once it is stored), and the queue is rebuilt, so the next card can
 * be shown while the answer is written. It is not answered yet: `answered` and the summary wait
 * for `addStored`; `releaseGrade` takes it back if the write is refused. Before the scheduler
 * has loaded, the card leaves the queue until `addStored` reads its stored state (its write
 * waits for the scheduler, so answers are stored once each and in order).
 */
export function holdGrade(run: ScheduledRun, itemId: string, rating: 1 | 2 | 3 | 4, now: number): void {
  const before = run.states.get(itemId);
  const scheduler = loadedDerivation();
  run.held.push({ itemId, state: before, unknown: scheduler === null });
  const { params, day } = run.config;
  const states = new Map(run.states);
  if (scheduler) states.set(itemId, scheduler.gradeCardState(before ?? newCardState(itemId, params, day), rating, now, params, day));
  else void run.loadScheduler();
  run.states = states;
  if (run.pinned === itemId) run.pinned = null;
  run.rebuild(now);
}

/**
 * The held grade of `itemId` was not stored, nor will the grades held after it be (they wait
 * for it): their cards' states are as before, newest first, and the card is shown next.
 */
export function releaseGrade(run: ScheduledRun, itemId: string, now: number): void {
  const index = run.held.findIndex((held) => held.itemId === itemId);
  if (index < 0) return;
  const states = new Map(run.states);
  for (const held of run.held.splice(index).reverse()) {
    if (held.state) states.set(held.itemId, held.state);
    else states.delete(held.itemId);
  }
  run.states = states;
  run.pinned = itemId;
  run.rebuild(now);
}

/**
 * Takes in an answer stored here: the answered card's state, as stored with the answer
 * (`stored`, from the answer's transaction; read again when not given), and today's queue
 * rebuilt. Only that card changed, so only it is read: reading the whole deck's states after
 * every grade kept the next card waiting on storage. Answers from elsewhere come through
 * `run.reload()`.
 */
export async function addStored(run: ScheduledRun, answer: AnswerRecord, now: number, stored: CardState | null = null): Promise<void> {
  run.answered.push(answer);
  run.added.set(answer.itemId, ++run.adds);
  const index = run.held.findIndex((held) => held.itemId === answer.itemId);
  if (index >= 0) run.held.splice(index, 1);
  if (run.pinned === answer.itemId) run.pinned = null;
  const fresh = stored ? new Map([[answer.itemId, stored]]) : await run.source.cardStates([answer.itemId], run.config);
  const states = new Map(run.states);
  // A later grade of the same card, still held, is newer than what storage holds.
  for (const [itemId, state] of fresh) if (!run.held.some((held) => held.itemId === itemId)) states.set(itemId, state);
  run.states = states;
  run.rebuild(now);
}

/** How many held cards (graded, not stored yet) the queue leaves out: neither answered nor queued. */
export function heldAside(run: ScheduledRun): number {
  const queued = new Set(run.queue.itemIds);
  return new Set(run.held.map((held) => held.itemId).filter((itemId) => !queued.has(itemId))).size;
}

/** Holds `itemId` of either kind of run while its grade is written (`rating` schedules it; a drill only sets it aside). */
export function holdCard(run: ReviewRun | ScheduledRun, itemId: string, rating: 1 | 2 | 3 | 4, now: number): void {
  if (run instanceof ScheduledRun) holdGrade(run, itemId, rating, now);
  else run.hold(itemId);
}

/** Gives back the held `itemId` of either kind of run: its answer was not stored. */
export function releaseCard(run: ReviewRun | ScheduledRun, itemId: string, now: number): void {
  if (run instanceof ScheduledRun) releaseGrade(run, itemId, now);
  else run.release(itemId);
}
