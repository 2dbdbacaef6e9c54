import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  applyAnswerToProgress,
  applyAnswerToStatistics,
  compareAnswers,
  deriveProgress,
  deriveSessionStatistics,
  uniqueAnswers,
} from '../../../src/merge/derive.js';
import type { AnswerRecord, ProgressData, SessionStatistics } from '../../../src/types.js';
import { answer, answersArb, DEVICES, ITEMS, SESSION, USER } from './arbitraries.js';
import { thrownCode } from '../../support/rejection.js';

const RUNS = 150;


/** Answers plus a permutation of them (the arrival order on some replica). */
const shuffledArb = answersArb(16).chain((answers) =>
  fc.shuffledSubarray(answers, { minLength: answers.length, maxLength: answers.length }).map((order) => ({ answers, order })),
);

describe('derive', () => {
  it('applying answers one by one equals deriving over the union, whatever the arrival order', () => {
    fc.assert(
      fc.property(shuffledArb, ({ answers, order }) => {
        for (const itemId of ITEMS) {
          let progress: ProgressData | null = null;
          for (const a of order.filter((x) => x.itemId === itemId)) progress = applyAnswerToProgress(progress, a);
          const derived = deriveProgress(USER, itemId, answers);
          if (progress) expect(progress).to.deep.equal(derived);
          else expect(derived.reviewCount).to.equal(0);
        }
        let stats: SessionStatistics | null = null;
        for (const a of order) stats = applyAnswerToStatistics(stats, a);
        const derived = deriveSessionStatistics(SESSION, USER, answers);
        if (stats) expect(stats).to.deep.equal(derived);
        expect(derived.answered).to.equal(answers.length);
        expect(derived.correct).to.equal(answers.filter((a) => a.correct).length);
        expect(derived.totalResponseTimeMs).to.equal(answers.reduce((sum, a) => sum + a.responseTimeMs, 0));
      }),
      { numRuns: RUNS },
    );
  });

  it('counts each answer once and follows (answeredAt, id) order for learned', () => {
    fc.assert(
      fc.property(answersArb(16), (answers) => {
        const twice = [...answers, ...answers.slice().reverse()];
        const progress = deriveProgress(USER, ITEMS[0], twice);
        const mine = answers.filter((a) => a.itemId === ITEMS[0]).sort(compareAnswers);
        expect(progress.reviewCount).to.equal(mine.length);
        expect(progress.correctCount).to.equal(mine.filter((a) => a.correct).length);
        const lastTwo = mine.slice(-2);
        expect(progress.learned).to.equal(lastTwo.length === 2 && lastTwo.every((a) => a.correct));
        expect(progress.recent.map((r) => r.id)).to.deep.equal(lastTwo.map((a) => a.id).reverse());
        expect(progress.lastReviewed).to.equal(mine.length ? Math.max(...mine.map((a) => a.answeredAt)) : 0);
        const sum = Object.values(progress.byDevice).reduce((n, c) => n + c.reviewCount, 0);
        expect(sum).to.equal(progress.reviewCount);
      }),
      { numRuns: RUNS },
    );
  });

  it('breaks equal answeredAt by id', () => {
    const early = answer({ id: 'a', answeredAt: 10, correct: false });
    const late = answer({ id: 'b', answeredAt: 10, correct: true });
    const latest = answer({ id: 'c', answeredAt: 10, correct: true });
    expect(compareAnswers(early, late)).to.equal(-1);
    expect(compareAnswers(late, early)).to.equal(1);
    expect(compareAnswers(early, early)).to.equal(0);
    expect(deriveProgress(USER, ITEMS[0], [latest, early, late]).learned).to.equal(true);
    expect(deriveProgress(USER, ITEMS[0], [answer({ id: 'd', answeredAt: 10, correct: false }), late]).learned).to.equal(false);
  });

  it('ignores answers of other users, items and sessions', () => {
    const answers: AnswerRecord[] = [
      answer({ id: '1' }),
      answer({ id: '2', userId: 'someone-else' }),
      answer({ id: '3', itemId: ITEMS[1] }),
      answer({ id: '4', sessionId: 'other-session' }),
    ];
    expect(deriveProgress(USER, ITEMS[0], answers).reviewCount).to.equal(2);
    expect(deriveSessionStatistics(SESSION, USER, answers).answered).to.equal(2);
    const empty = deriveSessionStatistics(SESSION, 'nobody', answers);
    expect(empty).to.deep.equal({
      sessionId: SESSION,
      userId: 'nobody',
      answered: 0,
      correct: 0,
      totalResponseTimeMs: 0,
      firstAnsweredAt: null,
      lastAnsweredAt: null,
      byDevice: {},
    });
    expect(deriveProgress(USER, 'missing', answers)).to.deep.include({ reviewCount: 0, learned: false, lastReviewed: 0 });
  });

  it('keeps the same copy of a duplicated id whatever the order', () => {
    const a = answer({ id: 'x', correct: true });
    const b = answer({ id: 'x', correct: false });
    expect(uniqueAnswers([a, b])).to.deep.equal(uniqueAnswers([b, a]));
    expect(uniqueAnswers([a, b])).to.have.length(1);
    const moved = answer({ id: 'x', answeredAt: 5 });
    expect(uniqueAnswers([a, moved])).to.deep.equal(uniqueAnswers([moved, a]));
    expect(uniqueAnswers([moved, a])[0]!.answeredAt).to.equal(1_000);
  });

  it('adds a first answer to empty statistics', () => {
    const empty = deriveSessionStatistics(SESSION, USER, []);
    const a = answer({ id: 'first', answeredAt: 77 });
    expect(applyAnswerToStatistics(empty, a)).to.deep.equal(deriveSessionStatistics(SESSION, USER, [a]));
  });

  it('recognises an answer progress has already counted', () => {
    const a = answer({ id: 'a1', deviceId: DEVICES[1] });
    const progress = applyAnswerToProgress(null, a);
    expect(applyAnswerToProgress(progress, a)).to.deep.equal(progress);
    expect(progress.byDevice).to.deep.equal({ [DEVICES[1]]: { reviewCount: 1, correctCount: 1 } });
  });

  it('keeps 5 answers on one device and 3 on another as 8', () => {
    let stats: SessionStatistics | null = null;
    let progress: ProgressData | null = null;
    for (let i = 0; i < 8; i++) {
      const a = answer({ id: `n${i}`, deviceId: i < 5 ? DEVICES[0] : DEVICES[1], answeredAt: 100 - i, correct: i !== 7 });
      stats = applyAnswerToStatistics(stats, a);
      progress = applyAnswerToProgress(progress, a);
    }
    expect(stats!.answered).to.equal(8);
    expect(stats!.byDevice[DEVICES[0]]!.reviewCount).to.equal(5);
    expect(stats!.byDevice[DEVICES[1]]!.reviewCount).to.equal(3);
    expect(stats!.firstAnsweredAt).to.equal(93);
    expect(stats!.lastAnsweredAt).to.equal(100);
    expect(progress!.reviewCount).to.equal(8);
    expect(progress!.correctCount).to.equal(7);
    expect(progress!.learned, 'the latest two (answeredAt 100 and 99) were correct').to.equal(true);
  });

  it('refuses an answer for another user, item or session', () => {
    const progress = deriveProgress(USER, ITEMS[0], [answer({ id: 'p' })]);
    expect(thrownCode(() => applyAnswerToProgress(progress, answer({ id: 'q', itemId: ITEMS[1] })))).to.equal('invalid-input');
    expect(thrownCode(() => applyAnswerToProgress(progress, answer({ id: 'q', userId: 'x' })))).to.equal('invalid-input');
    const stats = deriveSessionStatistics(SESSION, USER, []);
    expect(thrownCode(() => applyAnswerToStatistics(stats, answer({ id: 'q', sessionId: 'x' })))).to.equal('invalid-input');
    expect(thrownCode(() => applyAnswerToStatistics(stats, answer({ id: 'q', userId: 'x' })))).to.equal('invalid-input');
  });
});
