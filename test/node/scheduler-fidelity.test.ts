// Our card states equal ts-fsrs's own chain of next() calls over the same history, computed here
// (not copied numbers), in several time zones and day start hours; retracted answers and copies of
// one answer change nothing; previews equal the outcome of answering.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createEmptyCard, fsrs, State, StrategyMode, type AbstractScheduler, type Card, type Grade } from 'ts-fsrs';
import {
  dayIndex,
  defaultSchedulerParameters,
  deriveCardState,
  deriveCardStates,
  gradeCardState,
  normalizeSchedulerParameters,
  previewIntervals,
  type CardState,
  type LearnerDay,
  type SchedulerParameters,
} from '../../src/scheduler/index.js';
import type { AnswerRecord } from '../../src/types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONES = ['UTC', 'Pacific/Auckland', 'America/New_York', 'Asia/Kolkata', 'Europe/London'];

/** Wall-clock time in `timeZone`, read as UTC: through a locale string, not the code under test. */
function wallClock(ms: number, timeZone: string): number {
  const text = new Date(ms).toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' });
  return Date.parse(`${text.replace(' ', 'T')}Z`) + (ms - Math.floor(ms / 1000) * 1000);
}

function answer(itemId: string, id: number, answeredAt: number, grade: Grade, typed: boolean): AnswerRecord {
  const base = { id: `a${String(id).padStart(5, '0')}`, sessionId: 's', userId: 'u', itemId, deviceId: 'd', answeredAt, responseTimeMs: 1 };
  return typed ? { ...base, correct: grade > 1 } : { ...base, rating: grade, correct: grade > 1 };
}

/** ts-fsrs's own chain over the history, on the learner's clock. */
function chain(history: readonly AnswerRecord[], params: SchedulerParameters, day: LearnerDay): { card: Card; at: number; clock: number } {
  const f = fsrs({
    request_retention: params.desiredRetention,
    maximum_interval: params.maximumInterval,
    enable_fuzz: params.fuzz,
    learning_steps: params.learningSteps,
    relearning_steps: params.relearningSteps,
  }).useStrategy(StrategyMode.SEED, function (this: AbstractScheduler) {
    return `${history[0]!.itemId}#${(this as unknown as { current: Card }).current.reps}`;
  });
  let card: Card | null = null;
  let at = 0;
  let clock = 0;
  for (const a of history) {
    at = a.answeredAt;
    clock = wallClock(at, day.timeZone) - day.dayStartHour * HOUR;
    const grade = (a.rating ?? (a.correct ? 3 : 1)) as Grade;
    card = f.next(card ?? createEmptyCard(clock), clock, grade).card;
  }
  return { card: card!, at, clock };
}

function assertSameAsChain(state: CardState, expected: { card: Card; at: number; clock: number }, day: LearnerDay): void {
  const { card, at, clock } = expected;
  assert.equal(state.phase, ['new', 'learning', 'review', 'relearning'][card.state]);
  assert.equal(state.stability, card.stability);
  assert.equal(state.difficulty, card.difficulty);
  assert.equal(state.reps, card.reps);
  assert.equal(state.lapses, card.lapses);
  assert.equal(state.step, card.learning_steps);
  assert.equal(state.scheduledDays, card.scheduled_days);
  assert.equal(state.lastReviewAt, at);
  if (card.state === State.Review && card.scheduled_days >= 1) {
    // A day interval is due from the start of the learner day ts-fsrs's due date falls on.
    const dueDay = Math.floor(card.due.getTime() / DAY);
    assert.equal(dayIndex(state.due, day), dueDay);
    assert.equal(dayIndex(state.due - 1, day), dueDay - 1);
    assert.equal(dayIndex(at, day) + card.scheduled_days, dueDay);
  } else {
    assert.equal(state.due, at + (card.due.getTime() - clock));
  }
}

const history = fc.record({
  start: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }),
  steps: fc.array(
    fc.record({
      gap: fc.oneof(fc.integer({ min: 0, max: 30 * 60_000 }), fc.integer({ min: 0, max: 3 * DAY }), fc.integer({ min: 0, max: 200 * DAY })),
      grade: fc.constantFrom<Grade>(1, 2, 3, 4),
      typed: fc.boolean(),
    }),
    { minLength: 1, maxLength: 25 },
  ),
});

function toAnswers(itemId: string, h: { start: number; steps: { gap: number; grade: Grade; typed: boolean }[] }): AnswerRecord[] {
  let t = h.start;
  return h.steps.map((step, i) => answer(itemId, i, (t += step.gap), step.grade, step.typed));
}

describe('scheduler fidelity to ts-fsrs', () => {
  it('equals the chain of next() calls, whatever the order answers arrive in, in every zone and start hour', () => {
    fc.assert(
      fc.property(history, fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 23 }), fc.boolean(), (h, timeZone, dayStartHour, fuzz) => {
        const day = { timeZone, dayStartHour };
        const params = normalizeSchedulerParameters({ fuzz });
        const answers = toAnswers('neko', h);
        const shuffled = [...answers].reverse().concat(answers.slice(0, 2));
        assertSameAsChain(deriveCardState('neko', shuffled, new Set(), params, day), chain(answers, params, day), day);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out retracted answers, as if they had never been given', () => {
    fc.assert(
      fc.property(history, fc.array(fc.nat(), { maxLength: 5 }), (h, picks) => {
        const day = { timeZone: 'Pacific/Auckland', dayStartHour: 4 };
        const answers = toAnswers('neko', h);
        const retracted = new Set(picks.map((i) => answers[i % answers.length]!.id));
        const kept = answers.filter((a) => !retracted.has(a.id));
        const state = deriveCardState('neko', answers, retracted, defaultSchedulerParameters, day);
        assert.equal(state.answerCount, kept.length);
        if (kept.length === 0) assert.equal(state.phase, 'new');
        else assertSameAsChain(state, chain(kept, defaultSchedulerParameters, day), day);
      }),
      { numRuns: 200 },
    );
  });

  it('previews equal the outcome of answering, fuzz included', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 90 * DAY }), fc.boolean(), fc.constantFrom(...ZONES), (h, wait, fuzz, timeZone) => {
        const day = { timeZone, dayStartHour: 4 };
        const params = normalizeSchedulerParameters({ fuzz });
        const answers = toAnswers('neko', h);
        const state = deriveCardState('neko', answers, new Set(), params, day);
        const now = state.lastReviewAt! + wait;
        const preview = previewIntervals(state, now, params, day);
        (['again', 'hard', 'good', 'easy'] as const).forEach((name, i) => {
          const next = deriveCardState('neko', [...answers, answer('neko', 99_999, now, (i + 1) as Grade, false)], new Set(), params, day);
          assert.equal(preview[name], next.due - now, name);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('grading a state in memory gives what deriving with that answer stored gives, new cards and fuzz included', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 90 * DAY }), fc.boolean(), fc.constantFrom(...ZONES), fc.constantFrom<Grade>(1, 2, 3, 4), fc.boolean(), (h, wait, fuzz, timeZone, grade, fresh) => {
        const day = { timeZone, dayStartHour: 4 };
        const params = normalizeSchedulerParameters({ fuzz });
        const answers = fresh ? [] : toAnswers('neko', h);
        const state = deriveCardState('neko', answers, new Set(), params, day);
        const now = (state.lastReviewAt ?? h.start) + wait;
        const stored = deriveCardState('neko', [...answers, answer('neko', 99_999, now, grade, false)], new Set(), params, day);
        assert.deepEqual(gradeCardState(state, grade, now, params, day), stored);
      }),
      { numRuns: 200 },
    );
  });

  it('a new card previews the learning steps: 1m, 6m, 10m and a day or more for Easy', () => {
    const day = { timeZone: 'UTC', dayStartHour: 0 };
    const state = deriveCardState('neko', [], new Set(), defaultSchedulerParameters, day);
    assert.equal(state.phase, 'new');
    const now = Date.UTC(2026, 5, 1, 12);
    const preview = previewIntervals(state, now, defaultSchedulerParameters, day);
    assert.equal(preview.again, 60_000);
    assert.equal(preview.hard, 6 * 60_000);
    assert.equal(preview.good, 10 * 60_000);
    assert.ok(preview.easy >= 12 * HOUR, 'Easy graduates to the start of a later day');
  });

  it('derives many items at once as it derives each', () => {
    const day = { timeZone: 'America/New_York', dayStartHour: 4 };
    const answers = ['a', 'b', 'c'].flatMap((item, k) =>
      toAnswers(item, { start: Date.UTC(2026, 2, 1 + k), steps: [1, 3, 3, 2, 3].map((grade, i) => ({ gap: (i + k) * 20 * HOUR, grade: grade as Grade, typed: false })) }),
    );
    const retracted = new Set([answers[4]!.id]);
    const states = deriveCardStates(answers, retracted, defaultSchedulerParameters, day);
    assert.deepEqual([...states.keys()].sort(), ['a', 'b', 'c']);
    for (const item of ['a', 'b', 'c']) assert.deepEqual(states.get(item), deriveCardState(item, answers, retracted, defaultSchedulerParameters, day));
  });
});
