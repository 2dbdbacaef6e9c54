// fast-check generators shared by the merge property tests.
import fc from 'fast-check';
import { encodeHlc } from '../../../src/hlc.js';
import { deriveProgress, deriveSessionStatistics } from '../../../src/merge/derive.js';
import type { AnswerRecord, ProgressData, ReviewSession, SessionStatistics, SessionStatus } from '../../../src/types.js';

export const USER = 'u1';
export const SESSION = 's1';
export const DEVICES = ['dev-a', 'dev-b', 'dev-c'] as const;
export const ITEMS = ['item-1', 'item-2'] as const;

/** Builds an answer with sensible defaults. */
export function answer(overrides: Partial<AnswerRecord> & { id: string }): AnswerRecord {
  return {
    sessionId: SESSION,
    userId: USER,
    itemId: ITEMS[0],
    deviceId: DEVICES[0],
    answeredAt: 1_000,
    correct: true,
    responseTimeMs: 1_000,
    ...overrides,
  };
}

/** Answers with unique ids; answeredAt in a small range so that ties happen often. */
export const answersArb = (maxLength = 12): fc.Arbitrary<AnswerRecord[]> =>
  fc.uniqueArray(
    fc.record({
      id: fc.uuid(),
      sessionId: fc.constant(SESSION),
      userId: fc.constant(USER),
      itemId: fc.constantFrom(...ITEMS),
      deviceId: fc.constantFrom(...DEVICES),
      answeredAt: fc.integer({ min: 0, max: 20 }),
      correct: fc.boolean(),
      responseTimeMs: fc.integer({ min: 0, max: 60_000 }),
    }),
    { selector: (a) => a.id, maxLength, size: 'max' },
  );

/** A universe of answers and three subsets of it (what three replicas have seen). */
export const replicasArb = fc
  .tuple(answersArb(14), fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 14, maxLength: 14 }))
  .map(([universe, masks]) => {
    const pick = (bit: number) => universe.filter((_, i) => (masks[i]! & bit) !== 0);
    return { universe, a: pick(1), b: pick(2), c: pick(4) };
  });

/** Three progress snapshots of one user and item, each derived from what one replica saw. */
export const progressTripleArb: fc.Arbitrary<[ProgressData, ProgressData, ProgressData]> = replicasArb.map(
  ({ a, b, c }) => [deriveProgress(USER, ITEMS[0], a), deriveProgress(USER, ITEMS[0], b), deriveProgress(USER, ITEMS[0], c)],
);

/** Three statistics snapshots of one session. */
export const statisticsTripleArb: fc.Arbitrary<[SessionStatistics, SessionStatistics, SessionStatistics]> =
  replicasArb.map(({ a, b, c }) => [
    deriveSessionStatistics(SESSION, USER, a),
    deriveSessionStatistics(SESSION, USER, b),
    deriveSessionStatistics(SESSION, USER, c),
  ]);

const statusArb = fc.constantFrom<SessionStatus>('active', 'paused', 'completed', 'abandoned');

/**
 * Copies of one session as different replicas may hold them: any status written at any HLC
 * (equal HLCs included), and now and then a different value of an immutable field.
 */
export const sessionArb: fc.Arbitrary<ReviewSession> = fc
  .record({
    status: statusArb,
    wall: fc.integer({ min: 0, max: 3 }),
    counter: fc.integer({ min: 0, max: 2 }),
    node: fc.constantFrom(...DEVICES),
    lastActivityAt: fc.integer({ min: 0, max: 100 }),
    endedAt: fc.integer({ min: 0, max: 100 }),
    deviceId: fc.constantFrom(DEVICES[0], DEVICES[0], DEVICES[0], DEVICES[1]),
    itemIds: fc.constantFrom<string[]>([...ITEMS], [...ITEMS], [ITEMS[1]]),
  })
  .map((r) => ({
    id: 'session-1',
    userId: USER,
    deckId: 'deck-1',
    itemIds: [...r.itemIds],
    mode: 'grade' as const,
    status: r.status,
    statusHlc: encodeHlc({ wall: r.wall, counter: r.counter, node: r.node }),
    startedAt: 0,
    lastActivityAt: r.lastActivityAt,
    endedAt: r.status === 'completed' || r.status === 'abandoned' ? r.endedAt : null,
    deviceId: r.deviceId,
  }));
