// Today's queue (src/scheduler/session-queue.ts): what Anki would show, in which order, with
// which counts, from card states alone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildSessionQueue,
  doneToday,
  intersperse,
  type QueueCard,
  type SessionQueueInput,
} from '../../src/scheduler/session-queue.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 0, 10, 12);
const DAY_ENDS = Date.UTC(2026, 0, 11, 4);

const card = (itemId: string, phase: QueueCard['phase'], due: number, lastReviewAt: number | null = due - DAY): QueueCard => ({
  itemId,
  phase,
  due,
  lastReviewAt,
});

function queue(itemIds: string[], cards: QueueCard[], extra: Partial<SessionQueueInput> = {}) {
  return buildSessionQueue({
    itemIds,
    states: new Map(cards.map((c) => [c.itemId, c])),
    now: NOW,
    dayEndsAt: DAY_ENDS,
    ...extra,
  });
}

describe('buildSessionQueue', () => {
  test('due learning cards first, then reviews with new cards spread among them, then learn-ahead', () => {
    const q = queue(
      ['n1', 'r1', 'l1', 'r2', 'r3', 'l2', 'r4', 'la'],
      [
        card('r1', 'review', NOW - 2 * DAY),
        card('r2', 'review', NOW - 3 * DAY),
        card('r3', 'review', NOW + 5 * HOUR),
        card('r4', 'review', NOW - DAY),
        card('l1', 'learning', NOW - MIN, NOW - 2 * MIN),
        card('l2', 'relearning', NOW - 5 * MIN, NOW - 15 * MIN),
        card('la', 'learning', NOW + 10 * MIN, NOW),
      ],
    );
    assert.deepEqual(q.itemIds, ['l2', 'l1', 'r2', 'r1', 'n1', 'r4', 'r3', 'la']);
    assert.deepEqual(q.counts, { new: 1, learning: 3, due: 4 });
    assert.equal(q.nextDueAt, null);
  });

  test('items without a state are new, in deck order; states of removed items are ignored', () => {
    const q = queue(['c', 'a', 'b'], [card('gone', 'review', NOW - DAY), card('gone2', 'learning', NOW - MIN)]);
    assert.deepEqual(q.itemIds, ['c', 'a', 'b']);
    assert.deepEqual(q.counts, { new: 3, learning: 0, due: 0 });
  });

  test('new cards stop at new-per-day, less those introduced earlier today', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `n${i}`);
    assert.equal(queue(ids, []).counts.new, 20);
    assert.deepEqual(queue(ids, [], { limits: { newPerDay: 5 }, done: { introduced: 3, reviewed: 0 } }).itemIds, ['n0', 'n1']);
    assert.equal(queue(ids, [], { limits: { newPerDay: 5 }, done: { introduced: 9, reviewed: 0 } }).counts.new, 0);
  });

  test('max-reviews limits reviews (oldest due first) and then new cards', () => {
    const reviews = ['r0', 'r1', 'r2', 'r3'].map((id, i) => card(id, 'review', NOW - i * DAY));
    const q = queue(['r0', 'r1', 'r2', 'r3', 'n0'], reviews, { limits: { maxReviews: 3 }, done: { introduced: 0, reviewed: 1 } });
    assert.deepEqual(q.itemIds, ['r3', 'r2']);
    assert.deepEqual(q.counts, { new: 0, learning: 0, due: 2 });
    const room = queue(['r0', 'n0', 'n1'], [reviews[0]!], { limits: { maxReviews: 2 } });
    assert.deepEqual(room.itemIds, ['r0', 'n0']);
  });

  test('learning cards count as learning whether due now or within learn-ahead; later ones are not counted', () => {
    const q = queue(
      ['a', 'b', 'c'],
      [card('a', 'learning', NOW + 19 * MIN, NOW), card('b', 'learning', NOW + 21 * MIN, NOW), card('c', 'review', NOW + 2 * DAY)],
    );
    assert.deepEqual(q.itemIds, ['a']);
    assert.deepEqual(q.counts, { new: 0, learning: 1, due: 0 });
    const none = queue(['a'], [card('a', 'learning', NOW + 19 * MIN, NOW)], { limits: { learnAheadMs: 0 } });
    assert.deepEqual(none.itemIds, []);
    assert.equal(none.nextDueAt, NOW + 19 * MIN);
  });

  test('a learning step of a day or more is due for the whole learner day, like a review', () => {
    const interday = card('d', 'learning', DAY_ENDS - HOUR, DAY_ENDS - HOUR - DAY);
    assert.deepEqual(queue(['d'], [interday]).itemIds, ['d']);
    const tomorrow = card('t', 'relearning', DAY_ENDS + HOUR, DAY_ENDS + HOUR - DAY);
    const q = queue(['t'], [tomorrow]);
    assert.deepEqual(q.itemIds, []);
    assert.equal(q.nextDueAt, DAY_ENDS + HOUR);
  });

  test('nothing due: nextDueAt is the earliest learning step or review', () => {
    const q = queue(['a', 'b'], [card('a', 'learning', NOW + HOUR, NOW), card('b', 'review', DAY_ENDS + 2 * DAY)]);
    assert.deepEqual(q.itemIds, []);
    assert.equal(q.nextDueAt, NOW + HOUR);
    assert.equal(queue(['b'], [card('b', 'review', DAY_ENDS + 2 * DAY)]).nextDueAt, DAY_ENDS + 2 * DAY);
  });

  test('nothing due because of a limit: due again when the next learner day starts', () => {
    const q = queue(['n0', 'r0'], [card('r0', 'review', DAY_ENDS + 2 * DAY)], { limits: { newPerDay: 1 }, done: { introduced: 1, reviewed: 0 } });
    assert.deepEqual(q.itemIds, []);
    assert.equal(q.nextDueAt, DAY_ENDS);
  });

  test('a deck whose cards are all in the far future, or an empty deck, has no next due time from limits', () => {
    assert.equal(queue([], []).nextDueAt, null);
  });

  test('review cards due later today (before the day ends) are due now', () => {
    const q = queue(['r'], [card('r', 'review', DAY_ENDS - MIN)]);
    assert.deepEqual(q.itemIds, ['r']);
    assert.deepEqual(queue(['r'], [card('r', 'review', DAY_ENDS)]).itemIds, []);
  });

  test('drill mode: every item once, in deck order, whatever its state', () => {
    const q = queue(['b', 'a', 'c'], [card('a', 'review', NOW + 9 * DAY)], { mode: 'drill', limits: { newPerDay: 0 } });
    assert.deepEqual(q.itemIds, ['b', 'a', 'c']);
    assert.equal(q.nextDueAt, null);
  });

  test('negative limits count as zero', () => {
    assert.deepEqual(queue(['n'], [], { limits: { newPerDay: -1, learnAheadMs: -5 } }).itemIds, []);
  });
});

describe('intersperse', () => {
  test('spreads the second list evenly through the first', () => {
    assert.deepEqual(intersperse<number | string>([1, 2, 3, 4], ['a']), [1, 2, 'a', 3, 4]);
    assert.deepEqual(intersperse<number | string>([1, 2], ['a', 'b']), [1, 'a', 2, 'b']);
    assert.deepEqual(intersperse<string>([], ['a', 'b']), ['a', 'b']);
    assert.deepEqual(intersperse<number>([1, 2], []), [1, 2]);
    assert.deepEqual(intersperse<number | string>([1], ['a', 'b', 'c']), ['a', 1, 'b', 'c']);
  });

  test('keeps every element once and each list in its order', () => {
    for (let n = 0; n < 12; n++) {
      for (let m = 0; m < 12; m++) {
        const one = Array.from({ length: n }, (_, i) => i);
        const two = Array.from({ length: m }, (_, i) => 100 + i);
        const out = intersperse(one, two);
        assert.equal(out.length, n + m);
        assert.deepEqual(out.filter((x) => x < 100), one);
        assert.deepEqual(out.filter((x) => x >= 100), two);
      }
    }
  });
});

describe('doneToday', () => {
  test('a card first answered today was introduced; one answered before and today was reviewed', () => {
    const start = DAY_ENDS - DAY;
    const states: QueueCard[] = [
      { ...card('new', 'learning', NOW + MIN, start + 2 * HOUR), firstReviewAt: start + HOUR },
      { ...card('old', 'review', NOW + DAY, start + HOUR), firstReviewAt: start - 9 * DAY },
      { ...card('yesterday', 'review', NOW + DAY, start - HOUR), firstReviewAt: start - HOUR },
      { ...card('unknown', 'review', NOW + DAY, start + HOUR) },
      { itemId: 'never', phase: 'new', due: 0, lastReviewAt: null, firstReviewAt: null },
    ];
    assert.deepEqual(doneToday(states, start, DAY_ENDS), { introduced: 1, reviewed: 2 });
  });
});
