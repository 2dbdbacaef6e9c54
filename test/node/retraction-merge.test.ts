// Derived statistics and progress leave out retracted answers, and snapshots taken before an
// undo cannot bring the answer back when merged with snapshots taken after it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mergeProgress, mergeStatistics } from '../../src/merge/conflict-resolver.js';
import { deriveProgress, deriveSessionStatistics } from '../../src/merge/derive.js';
import type { AnswerRecord } from '../../src/types.js';

const answers = fc
  .array(fc.record({ device: fc.constantFrom('A', 'B', 'C'), correct: fc.boolean(), gap: fc.nat(1000), time: fc.nat(3000) }), {
    minLength: 1,
    maxLength: 12,
  })
  .map((list) =>
    list.map(
      (a, i): AnswerRecord => ({
        id: `a${i}`,
        sessionId: 's',
        userId: 'u',
        itemId: 'neko',
        deviceId: a.device,
        answeredAt: 1_000 + i * 10 + (a.gap % 5),
        correct: a.correct,
        rating: a.correct ? 3 : 1,
        responseTimeMs: a.time,
      }),
    ),
  );

describe('derived counts without retracted answers', () => {
  it('count exactly the answers that are not retracted', () => {
    fc.assert(
      fc.property(answers, fc.array(fc.nat(), { maxLength: 4 }), (list, picks) => {
        const retracted = new Set(picks.map((i) => list[i % list.length]!.id));
        const kept = list.filter((a) => !retracted.has(a.id));
        const progress = deriveProgress('u', 'neko', list, retracted);
        const plain = deriveProgress('u', 'neko', kept);
        for (const key of ['reviewCount', 'correctCount', 'learned', 'lastReviewed'] as const) assert.equal(progress[key], plain[key], key);
        assert.deepEqual(progress.recent, plain.recent);
        const stats = deriveSessionStatistics('s', 'u', list, retracted);
        const plainStats = deriveSessionStatistics('s', 'u', kept);
        for (const key of ['answered', 'correct', 'totalResponseTimeMs', 'firstAnsweredAt', 'lastAnsweredAt'] as const) {
          assert.equal(stats[key], plainStats[key], key);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a snapshot from before the undo, merged either way with one from after, keeps the undo', () => {
    fc.assert(
      fc.property(answers, fc.nat(), (list, pick) => {
        const undone = new Set([list[pick % list.length]!.id]);
        const before = deriveProgress('u', 'neko', list);
        const afterUndo = deriveProgress('u', 'neko', list, undone);
        const expected = deriveProgress('u', 'neko', list.filter((a) => !undone.has(a.id)));
        for (const merged of [mergeProgress(before, afterUndo), mergeProgress(afterUndo, before), mergeProgress(mergeProgress(before, afterUndo), before)]) {
          assert.equal(merged.reviewCount, expected.reviewCount);
          assert.equal(merged.correctCount, expected.correctCount);
          assert.equal(merged.learned && merged.recent.length === 2, expected.learned);
          assert.ok(merged.recent.every((r) => !undone.has(r.id)));
        }
        const stats = mergeStatistics(deriveSessionStatistics('s', 'u', list), deriveSessionStatistics('s', 'u', list, undone));
        assert.equal(stats.answered, list.length - 1);
      }),
      { numRuns: 300 },
    );
  });
});
