// The server runs the core's pure modules (merge, HLC, ids, errors) in Node: check they give in
// Node what the server relies on — the same derived figures whichever way answers arrive.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictResolver, mergeAnswers, mergeProgress, mergeSessions, mergeStatistics } from '../../src/merge/conflict-resolver.js';
import {
  applyAnswerToProgress,
  applyAnswerToStatistics,
  compareAnswers,
  deriveProgress,
  deriveSessionStatistics,
} from '../../src/merge/derive.js';
import { decodeHlc, encodeHlc, hlcZero, isHlc, receiveHlc, tickHlc } from '../../src/hlc.js';
import { isUuid, uuidv7 } from '../../src/ids.js';
import { OfflineReviewError, isOfflineReviewError } from '../../src/errors.js';
import { isQuotaExceededError } from '../../src/quota-error.js';
import { makeAnswer, makeSession, withStatus } from '../../server/conformance/fixtures.js';
import type { AnswerRecord, ProgressData, SessionStatistics } from '../../src/types.js';

const session = makeSession('alice', ['neko']);
const t = 1_700_000_000_000;
const onA = Array.from({ length: 5 }, (_, i) => makeAnswer(session, 'neko', { deviceId: 'A', answeredAt: t + i, correct: i % 2 === 0 }));
const onB = Array.from({ length: 3 }, (_, i) => makeAnswer(session, 'neko', { deviceId: 'B', answeredAt: t + 2 + i }));

function fold<T>(answers: AnswerRecord[], apply: (s: T | null, a: AnswerRecord) => T): T {
  return answers.reduce<T | null>((state, answer) => apply(state, answer), null)!;
}

describe('the pure core in Node (as the server uses it)', () => {
  it('progress: applying answers one by one equals deriving, and device snapshots merge to 8', () => {
    const all = [...onA, ...onB];
    const derived = deriveProgress('alice', 'neko', all);
    assert.deepEqual(fold<ProgressData>([...onB, ...onA], applyAnswerToProgress), derived);
    const merged = mergeProgress(deriveProgress('alice', 'neko', onA), deriveProgress('alice', 'neko', onB));
    assert.equal(merged.reviewCount, 8);
    assert.equal(merged.correctCount, derived.correctCount);
    assert.equal(merged.learned, derived.learned);
    assert.deepEqual(new ConflictResolver().resolveProgressConflict(merged, merged), merged);
    const latest = [...all].sort(compareAnswers).at(-1)!;
    assert.deepEqual(applyAnswerToProgress(derived, latest), derived, 'the latest answer, already counted, is recognised');
    assert.throws(() => applyAnswerToProgress(derived, { ...onA[0]!, itemId: 'inu', id: uuidv7() }), OfflineReviewError);
  });

  it('statistics: derived from answers, merged without loss', () => {
    const stats = deriveSessionStatistics(session.id, 'alice', [...onA, ...onB]);
    assert.equal(stats.answered, 8);
    assert.deepEqual(fold<SessionStatistics>([...onA, ...onB], applyAnswerToStatistics).answered, 8);
    const merged = mergeStatistics(
      deriveSessionStatistics(session.id, 'alice', onA),
      deriveSessionStatistics(session.id, 'alice', onB),
    );
    assert.equal(merged.answered, 8);
    assert.equal(new ConflictResolver().resolveStatisticsConflict(merged, stats).answered, 8);
  });

  it('answers merge as a set union in (answeredAt, id) order; sessions by the status register', () => {
    const union = mergeAnswers([...onA, onB[0]!], [...onB, onA[1]!]);
    assert.equal(union.length, 8);
    assert.deepEqual(union, [...union].sort(compareAnswers));
    assert.deepEqual(new ConflictResolver().mergeAnswers(onA, []), [...onA].sort(compareAnswers));
    const done = withStatus(session, 'completed');
    assert.equal(mergeSessions(session, done).status, 'completed');
    assert.equal(new ConflictResolver().resolveSessionConflict(done, session).status, 'completed');
    assert.throws(() => mergeSessions(session, makeSession('alice')), (e) => isOfflineReviewError(e, 'invalid-input'));
  });

  it('HLC, ids and errors', () => {
    let clock = tickHlc(hlcZero('n'), 10);
    clock = tickHlc(clock, 5);
    assert.deepEqual(clock, { wall: 10, counter: 1, node: 'n' });
    assert.deepEqual(receiveHlc(clock, { wall: 20, counter: 2, node: 'm' }, 1), { wall: 20, counter: 3, node: 'n' });
    assert.equal(isHlc(encodeHlc(clock)), true);
    assert.deepEqual(decodeHlc(encodeHlc(clock)), clock);
    const ids = Array.from({ length: 5 }, () => uuidv7(t));
    assert.ok(ids.every(isUuid));
    assert.deepEqual([...ids].sort(), ids);
    const error = new OfflineReviewError('network', 'down', { cause: new Error('x'), details: { a: 1 } });
    assert.equal(isOfflineReviewError(error, 'network'), true);
    assert.equal(isQuotaExceededError({ name: 'AbortError', error: { name: 'QuotaExceededError' } }), true);
    assert.equal(isQuotaExceededError(null), false);
  });
});
