import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { compareHlc, encodeHlc, receiveHlc, tickHlc } from '../../../src/hlc.js';
import type { HlcState } from '../../../src/hlc.js';
import {
  ConflictResolver,
  mergeAnswers,
  mergeProgress,
  mergeSessions,
  mergeStatistics,
} from '../../../src/merge/conflict-resolver.js';
import { compareAnswers, deriveProgress, deriveSessionStatistics } from '../../../src/merge/derive.js';
import type { ReviewSession } from '../../../src/types.js';
import {
  answer,
  answersArb,
  DEVICES,
  ITEMS,
  progressTripleArb,
  replicasArb,
  SESSION,
  sessionArb,
  statisticsTripleArb,
  USER,
} from './arbitraries.js';
import { reviewRejection, thrownCode } from '../../support/rejection.js';

const RUNS = 150;

/** Checks that `merge` is a semilattice join on the given triples. */
function checkLattice<T>(arb: fc.Arbitrary<[T, T, T]>, merge: (a: T, b: T) => T, canonical = (x: T) => x): void {
  fc.assert(
    fc.property(arb, ([a, b, c]) => {
      expect(merge(a, b), 'commutative').to.deep.equal(merge(b, a));
      expect(merge(merge(a, b), c), 'associative').to.deep.equal(merge(a, merge(b, c)));
      expect(merge(a, a), 'idempotent').to.deep.equal(canonical(a));
      expect(merge(merge(a, b), b), 'absorbs a repeat').to.deep.equal(merge(a, b));
    }),
    { numRuns: RUNS },
  );
}

function session(overrides: Partial<ReviewSession>): ReviewSession {
  return {
    id: 'session-1',
    userId: USER,
    deckId: 'deck-1',
    itemIds: [...ITEMS],
    mode: 'grade',
    status: 'active',
    statusHlc: encodeHlc({ wall: 1_000, counter: 0, node: DEVICES[0] }),
    startedAt: 1_000,
    lastActivityAt: 1_000,
    endedAt: null,
    deviceId: DEVICES[0],
    ...overrides,
  };
}

const hlc = (wall: number, counter: number, node: string) => encodeHlc({ wall, counter, node });

describe('merge laws (property-based)', () => {
  it('session merge is commutative, associative and idempotent', () => {
    checkLattice(fc.tuple(sessionArb, sessionArb, sessionArb), mergeSessions);
  });

  it('progress merge is commutative, associative and idempotent', () => {
    checkLattice(progressTripleArb, mergeProgress);
  });

  it('statistics merge is commutative, associative and idempotent', () => {
    checkLattice(statisticsTripleArb, mergeStatistics);
  });

  it('answer merge is a set union by id, commutative, associative and idempotent', () => {
    checkLattice(
      replicasArb.map(({ a, b, c }) => [a, b, c] as [typeof a, typeof a, typeof a]),
      mergeAnswers,
      (x) => [...x].sort(compareAnswers),
    );
    fc.assert(
      fc.property(replicasArb, ({ a, b }) => {
        const merged = mergeAnswers(a, b);
        const ids = new Set([...a, ...b].map((x) => x.id));
        expect(merged.map((x) => x.id)).to.have.members([...ids]);
        expect(merged.length).to.equal(ids.size);
      }),
      { numRuns: RUNS },
    );
  });

  it('merging snapshots equals deriving from the union of what the replicas saw', () => {
    fc.assert(
      fc.property(replicasArb, ({ universe, a, b }) => {
        // A replica's snapshot is a lower bound of the truth: joining the snapshot of a replica
        // that has seen everything gives exactly the truth, in any order.
        const full = deriveProgress(USER, ITEMS[0], universe);
        const merged = mergeProgress(mergeProgress(deriveProgress(USER, ITEMS[0], a), full), deriveProgress(USER, ITEMS[0], b));
        expect(merged).to.deep.equal(full);
        const stats = deriveSessionStatistics(SESSION, USER, universe);
        expect(mergeStatistics(deriveSessionStatistics(SESSION, USER, a), stats)).to.deep.equal(stats);
      }),
      { numRuns: RUNS },
    );
  });

  it('the winning status is terminal when any copy is, and otherwise the latest HLC', () => {
    fc.assert(
      fc.property(fc.array(sessionArb, { minLength: 1, maxLength: 6 }), (copies) => {
        const merged = copies.reduce(mergeSessions);
        const terminal = copies.filter((c) => c.status === 'completed' || c.status === 'abandoned');
        const pool = terminal.length ? terminal : copies;
        const latest = pool.map((c) => c.statusHlc).sort(compareHlc).at(-1);
        expect(merged.statusHlc).to.equal(latest);
        expect(terminal.length > 0).to.equal(merged.status === 'completed' || merged.status === 'abandoned');
        expect(merged.lastActivityAt).to.equal(Math.max(...copies.map((c) => c.lastActivityAt)));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('ConflictResolver', () => {
  const resolver = new ConflictResolver();

  it('resolves a session conflict: the later status write wins', () => {
    const local = session({ status: 'paused', statusHlc: hlc(2_000, 0, DEVICES[0]), lastActivityAt: 5_000 });
    const remote = session({ status: 'active', statusHlc: hlc(3_000, 0, DEVICES[1]), lastActivityAt: 3_000 });
    const merged = resolver.resolveSessionConflict(local, remote);
    expect(merged.status).to.equal('active');
    expect(merged.statusHlc).to.equal(remote.statusHlc);
    expect(merged.lastActivityAt, 'max, not the winner').to.equal(5_000);
    expect(resolver.resolveSessionConflict(remote, local)).to.deep.equal(merged);
  });

  it('a terminal state wins over a later non-terminal one; between terminals, the HLC', () => {
    const completed = session({ status: 'completed', statusHlc: hlc(2_000, 0, DEVICES[0]), endedAt: 2_000 });
    const resumed = session({ status: 'active', statusHlc: hlc(9_000, 0, DEVICES[1]), lastActivityAt: 9_000 });
    const merged = resolver.resolveSessionConflict(resumed, completed);
    expect(merged.status).to.equal('completed');
    expect(merged.endedAt).to.equal(2_000);
    expect(merged.lastActivityAt).to.equal(9_000);

    const abandoned = session({ status: 'abandoned', statusHlc: hlc(3_000, 0, DEVICES[1]), endedAt: 3_000 });
    const both = resolver.resolveSessionConflict(completed, abandoned);
    expect(both.status).to.equal('abandoned');
    expect(both.endedAt, 'endedAt of the winning terminal write').to.equal(3_000);
  });

  it('equal HLCs still give one deterministic answer', () => {
    const same = hlc(1_000, 0, DEVICES[0]);
    const a = session({ status: 'active', statusHlc: same });
    const b = session({ status: 'paused', statusHlc: same });
    expect(mergeSessions(a, b)).to.deep.equal(mergeSessions(b, a));
    expect(mergeSessions(a, b).status).to.equal('paused');
    const c = session({ status: 'completed', statusHlc: same, endedAt: 10 });
    const d = session({ status: 'completed', statusHlc: same, endedAt: 20 });
    expect(mergeSessions(c, d).endedAt).to.equal(mergeSessions(d, c).endedAt);
    const e = session({ deviceId: DEVICES[1], itemIds: [ITEMS[1]] });
    expect(mergeSessions(a, e)).to.deep.equal(mergeSessions(e, a));
  });

  it('a device whose clock is far in the future does not beat a later causal write (HLC receive)', () => {
    const now = 1_700_000_000_000;
    // Device A's wall clock is a year ahead; it pauses the session.
    let clockA: HlcState = { wall: 0, counter: 0, node: DEVICES[0] };
    clockA = tickHlc(clockA, now + 365 * 24 * 3600 * 1000);
    const paused = session({ status: 'paused', statusHlc: encodeHlc(clockA), lastActivityAt: clockA.wall });
    // Device B (correct clock) receives A's write, then resumes: its write happens after A's.
    let clockB: HlcState = { wall: now - 10_000, counter: 0, node: DEVICES[1] };
    clockB = receiveHlc(clockB, clockA, now);
    clockB = tickHlc(clockB, now + 1);
    const resumed = session({ status: 'active', statusHlc: encodeHlc(clockB), lastActivityAt: now + 1 });
    expect(mergeSessions(paused, resumed).status).to.equal('active');
    expect(mergeSessions(resumed, paused).status).to.equal('active');
    // Without the HLC (ordering by B's wall clock), A's write would have won.
    const wallClockOnly = session({ status: 'active', statusHlc: hlc(now + 1, 0, DEVICES[1]) });
    expect(mergeSessions(paused, wallClockOnly).status).to.equal('paused');
  });

  it('merges statistics without losing concurrent increments (5 + 3 = 8, not max)', () => {
    const onA = Array.from({ length: 5 }, (_, i) =>
      answer({ id: `a${i}`, deviceId: DEVICES[0], answeredAt: 100 + i, correct: i % 2 === 0, responseTimeMs: 100 }),
    );
    const onB = Array.from({ length: 3 }, (_, i) =>
      answer({ id: `b${i}`, deviceId: DEVICES[1], answeredAt: 50 + i, correct: true, responseTimeMs: 10 }),
    );
    const a = deriveSessionStatistics(SESSION, USER, onA);
    const b = deriveSessionStatistics(SESSION, USER, onB);
    const merged = resolver.resolveStatisticsConflict(a, b);
    expect(merged.answered).to.equal(8);
    expect(merged.correct).to.equal(3 + 3);
    expect(merged.totalResponseTimeMs).to.equal(530);
    expect(merged.firstAnsweredAt).to.equal(50);
    expect(merged.lastAnsweredAt).to.equal(104);
    expect(merged).to.deep.equal(deriveSessionStatistics(SESSION, USER, [...onA, ...onB]));
    expect(resolver.resolveStatisticsConflict(merged, a), 'a repeat changes nothing').to.deep.equal(merged);

    const p = resolver.resolveProgressConflict(deriveProgress(USER, ITEMS[0], onA), deriveProgress(USER, ITEMS[0], onB));
    expect(p.reviewCount).to.equal(8);
    expect(p.correctCount).to.equal(6);
    expect(p.lastReviewed).to.equal(104);
    expect(p.learned, 'latest two: a4 correct, a3 wrong').to.equal(false);
    expect(p).to.deep.equal(deriveProgress(USER, ITEMS[0], [...onA, ...onB]));
  });

  it('merges with an empty snapshot as the identity', () => {
    fc.assert(
      fc.property(answersArb(), (answers) => {
        const s = deriveSessionStatistics(SESSION, USER, answers);
        expect(mergeStatistics(s, deriveSessionStatistics(SESSION, USER, []))).to.deep.equal(s);
        const p = deriveProgress(USER, ITEMS[1], answers);
        expect(mergeProgress(deriveProgress(USER, ITEMS[1], []), p)).to.deep.equal(p);
        expect(resolver.mergeAnswers([], answers)).to.deep.equal(mergeAnswers(answers, answers));
      }),
      { numRuns: 50 },
    );
  });

  it('refuses to merge records of different ids, users, items or sessions', () => {
    expect(thrownCode(() => mergeSessions(session({}), session({ id: 'other' })))).to.equal('invalid-input');
    expect(thrownCode(() => mergeProgress(deriveProgress(USER, 'x', []), deriveProgress(USER, 'y', [])))).to.equal('invalid-input');
    expect(thrownCode(() => mergeProgress(deriveProgress('u', 'x', []), deriveProgress('v', 'x', [])))).to.equal('invalid-input');
    expect(thrownCode(() => mergeStatistics(deriveSessionStatistics('s', USER, []), deriveSessionStatistics('t', USER, [])))).to.equal(
      'invalid-input',
    );
  });

  it('names both copies by their identity fields in the details of a refused merge', async () => {
    const progress = await reviewRejection(Promise.resolve().then(() => mergeProgress(deriveProgress('u', 'x', []), deriveProgress('v', 'x', []))));
    expect(progress.details).to.deep.equal({ local: { userId: 'u', itemId: 'x' }, remote: { userId: 'v', itemId: 'x' } });
    const statistics = await reviewRejection(Promise.resolve().then(() => mergeStatistics(deriveSessionStatistics('s', USER, []), deriveSessionStatistics('t', USER, []))));
    expect(statistics.details).to.deep.equal({ local: { sessionId: 's', userId: USER }, remote: { sessionId: 't', userId: USER } });
  });
});
