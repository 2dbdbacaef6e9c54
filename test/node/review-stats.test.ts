// The figures of <review-stats> (src/stats/): reviews per learner day, the streak, retention
// and the due forecast, checked on hand-written cases and, with fast-check, against oracles
// written the slow, obvious way (the scheduler's own card states for retention).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isOfflineReviewError } from '../../src/errors.js';
import { deriveCardState, type CardState } from '../../src/scheduler/card-state.js';
import { dayIndex, normalizeLearnerDay } from '../../src/scheduler/learner-day.js';
import { defaultSchedulerParameters } from '../../src/scheduler/parameters.js';
import { dueForecast, retention, reviewPhaseAnswers, reviewStreak, reviewsPerDay, streakOfDays } from '../../src/stats/index.js';
import type { AnswerRecord, Rating } from '../../src/types.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const UTC4 = normalizeLearnerDay({ timeZone: 'UTC', dayStartHour: 4 });
const PARIS = normalizeLearnerDay({ timeZone: 'Europe/Paris', dayStartHour: 4 });
const params = defaultSchedulerParameters;
const NONE: ReadonlySet<string> = new Set();

let serial = 0;
function answer(itemId: string, answeredAt: number, rating: Rating = 3): AnswerRecord {
  serial += 1;
  const id = `0190a000-0000-7000-8000-${String(serial).padStart(12, '0')}`;
  return { id, sessionId: 's', userId: 'u', itemId, deviceId: 'd', answeredAt, rating, correct: rating > 1, responseTimeMs: 1000 };
}

describe('reviews per learner day', () => {
  it('counts an answer before the start hour on the day before, in the learner zone', () => {
    // 01:30 in Paris on 10 June (23:30 UTC on the 9th) is still the learner day of 9 June.
    const counts = reviewsPerDay(
      [answer('a', Date.parse('2026-06-09T23:30:00Z')), answer('a', Date.parse('2026-06-10T02:00:00Z'))],
      PARIS,
    );
    assert.deepEqual([...counts], [[Date.UTC(2026, 5, 9) / DAY, 1], [Date.UTC(2026, 5, 10) / DAY, 1]]);
  });

  it('keeps every answer: the counts add up to the answers (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 * DAY }), { maxLength: 60 }), (times) => {
        const counts = reviewsPerDay(times.map((t) => answer('a', Date.UTC(2025, 0, 1) + t)), PARIS);
        assert.equal([...counts.values()].reduce((a, b) => a + b, 0), times.length);
      }),
    );
  });
});

describe('the streak', () => {
  const today = 20_000;

  it('is alive until a whole day passes without a review', () => {
    assert.deepEqual(streakOfDays([today, today - 1, today - 2, today - 5], today), { current: 3, longest: 3, reviewedToday: true });
    // Nothing yet today: yesterday's run still counts.
    assert.deepEqual(streakOfDays([today - 1, today - 2], today), { current: 2, longest: 2, reviewedToday: false });
    assert.deepEqual(streakOfDays([today - 2, today - 3, today - 4, today - 5], today), { current: 0, longest: 4, reviewedToday: false });
    assert.deepEqual(streakOfDays([], today), { current: 0, longest: 0, reviewedToday: false });
  });

  it('uses the learner day: a review at 3 am extends the day before', () => {
    const now = Date.parse('2026-06-10T10:00:00Z');
    const late = answer('a', Date.parse('2026-06-10T03:00:00Z')); // before 4 am: learner day 9 June
    const streak = reviewStreak([answer('a', Date.parse('2026-06-08T12:00:00Z')), late], now, UTC4);
    assert.deepEqual(streak, { current: 2, longest: 2, reviewedToday: false });
  });

  it('agrees with counting back day by day (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: today - 40, max: today }), { maxLength: 30 }), (days) => {
        const set = new Set(days);
        const got = streakOfDays(days, today);
        let expected = 0;
        for (let d = set.has(today) ? today : today - 1; set.has(d); d -= 1) expected += 1;
        let longest = 0;
        for (const start of days) {
          let run = 0;
          while (set.has(start + run)) run += 1;
          longest = Math.max(longest, run);
        }
        assert.deepEqual(got, { current: expected, longest, reviewedToday: set.has(today) });
      }),
    );
  });
});

describe('retention', () => {
  const start = Date.parse('2026-03-01T12:00:00Z');

  it('counts only answers to cards in review, and Again as not retained', () => {
    // New → Good (learning) → Good 10 min later (review) → days later Good, then Again, then Good.
    const answers = [
      answer('a', start),
      answer('a', start + 10 * MIN),
      answer('a', start + 5 * DAY),
      answer('a', start + 20 * DAY, 1),
      answer('a', start + 20 * DAY + 10 * MIN, 3), // relearning: not a review answer
      answer('b', start + 20 * DAY, 1), // a new card's Again: not a review answer
    ];
    const now = start + 21 * DAY;
    const result = retention(answers, now, params, UTC4, 30);
    assert.equal(result.reviews, 2);
    assert.equal(result.passed, 1);
    assert.equal(result.ratio, 0.5);
    assert.equal(result.toDay, dayIndex(now, UTC4));
    assert.equal(result.fromDay, result.toDay - 29);
    // A window of 1 day holds only the lapse.
    assert.deepEqual(retention(answers, start + 20 * DAY + HOUR, params, UTC4, 1).ratio, 0);
    assert.equal(retention([], now, params, UTC4).ratio, null);
  });

  it('classifies each answer as the scheduler’s own card state before it does (property)', () => {
    const step = fc.record({ item: fc.constantFrom('a', 'b', 'c'), gap: fc.integer({ min: 1, max: 6 * DAY }), rating: fc.constantFrom<Rating>(1, 2, 3, 4) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        let t = start;
        const answers = steps.map((s) => answer(s.item, (t += s.gap), s.rating));
        const got = new Set(reviewPhaseAnswers(answers, params, UTC4).map((entry) => entry.answer.id));
        for (const [i, a] of answers.entries()) {
          const before = deriveCardState(a.itemId, answers.slice(0, i), NONE, params, UTC4);
          assert.equal(got.has(a.id), before.phase === 'review', `answer ${i}`);
        }
        const r = retention(answers, t, params, UTC4, 400);
        assert.ok(r.passed <= r.reviews);
        assert.equal(r.reviews, got.size);
        // A short window replays only the items answered in it: the same counts as the full replay.
        const window = 3;
        const from = dayIndex(t, UTC4) - window + 1;
        const inside = reviewPhaseAnswers(answers, params, UTC4).filter((e) => dayIndex(e.answer.answeredAt, UTC4) >= from);
        const short = retention(answers, t, params, UTC4, window);
        assert.deepEqual([short.reviews, short.passed], [inside.length, inside.filter((e) => e.passed).length]);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a window that is not a whole number of days', () => {
    assert.throws(() => retention([], start, params, UTC4, 0), (e: unknown) => isOfflineReviewError(e, 'invalid-input') && e.details['field'] === 'windowDays');
  });
});

describe('the due forecast', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  const state = (itemId: string, phase: CardState['phase'], due: number): CardState => ({
    ...deriveCardState(itemId, [], NONE, params, UTC4),
    phase,
    due,
  });

  it('puts overdue cards on today, leaves out new cards and cards past the window', () => {
    const states = [
      state('overdue', 'review', now - 3 * DAY),
      state('later-today', 'learning', now + HOUR),
      state('tomorrow', 'review', now + DAY),
      state('new', 'new', 0),
      state('far', 'review', now + 40 * DAY),
    ];
    const forecast = dueForecast(states, now, UTC4, 30);
    assert.equal(forecast.length, 30);
    assert.deepEqual(forecast.slice(0, 3), [2, 1, 0]);
    assert.equal(forecast.reduce((a, b) => a + b, 0), 3);
  });

  it('counts each non-new card due before the last day once (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ due: fc.integer({ min: -10 * DAY, max: 60 * DAY }), isNew: fc.boolean() })), fc.integer({ min: 1, max: 45 }), (cards, days) => {
        const states = cards.map((c, i) => state(`i${i}`, c.isNew ? 'new' : 'review', now + c.due));
        const forecast = dueForecast(states, now, PARIS, days);
        const last = dayIndex(now, PARIS) + days - 1;
        const expected = cards.filter((c) => !c.isNew && dayIndex(now + c.due, PARIS) <= last).length;
        assert.equal(forecast.length, days);
        assert.equal(forecast.reduce((a, b) => a + b, 0), expected);
      }),
    );
  });

  it('refuses a forecast of no days', () => {
    assert.throws(() => dueForecast([], now, UTC4, 0), (e: unknown) => isOfflineReviewError(e, 'invalid-input') && e.details['field'] === 'days');
  });
});
