import { expect } from '@open-wc/testing';
import { OfflineReviewError } from '../../../src/errors.js';
import { encodeHlc } from '../../../src/hlc.js';
import { applyAnswerToStatistics, deriveProgress } from '../../../src/merge/derive.js';
import { parsePullResponse, parsePushResponse } from '../../../src/protocol/responses.js';
import type { AnswerRecord, ReviewSession } from '../../../src/types.js';

/** Runs `fn`, expects an invalid-response error, and returns its details. */
function failure(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(OfflineReviewError);
    expect((error as OfflineReviewError).code).to.equal('invalid-response');
    return (error as OfflineReviewError).details;
  }
  throw new Error('expected an invalid-response error');
}

const answer: AnswerRecord = {
  id: 'a1',
  sessionId: 's1',
  userId: 'u1',
  itemId: 'i1',
  deviceId: 'd1',
  answeredAt: 1_700_000_000_000,
  rating: 3,
  correct: true,
  responseTimeMs: 1200,
  typedAnswer: 'neko',
};

const session: ReviewSession = {
  id: 's1',
  userId: 'u1',
  deckId: 'deck',
  itemIds: ['i1', 'i2'],
  mode: 'grade',
  status: 'completed',
  statusHlc: encodeHlc({ wall: 1_700_000_000_000, counter: 0, node: 'd1' }),
  startedAt: 1_700_000_000_000,
  lastActivityAt: 1_700_000_000_500,
  endedAt: 1_700_000_000_500,
  deviceId: 'd1',
};

const pull = () => ({
  changes: { sessions: [{ ...session }], answers: [{ ...answer }], progress: [deriveProgress('u1', 'i1', [answer])] },
  cursor: '42',
  hasMore: false,
});

describe('parsePushResponse', () => {
  it('accepts one result per sent id, in the order sent, known fields only', () => {
    const parsed = parsePushResponse(
      {
        results: [
          { id: 'm2', status: 'rejected', code: 'wrong-user', message: 'no', extra: 1 },
          { id: 'm1', status: 'applied' },
          { id: 'm3', status: 'duplicate', message: 'seen' },
        ],
        cursor: '17',
        ignored: true,
      },
      ['m1', 'm2', 'm3'],
    );
    expect(parsed).to.deep.equal({
      results: [
        { id: 'm1', status: 'applied' },
        { id: 'm2', status: 'rejected', code: 'wrong-user', message: 'no' },
        { id: 'm3', status: 'duplicate', message: 'seen' },
      ],
      cursor: '17',
    });
    expect(parsePushResponse({ results: [], cursor: '' }, [])).to.deep.equal({ results: [], cursor: '' });
  });

  it('refuses anything that is not an object with results and a cursor', () => {
    expect(failure(() => parsePushResponse('<html>', ['m1']))).to.include({ path: 'body', received: 'string' });
    expect(failure(() => parsePushResponse(null, ['m1']))).to.include({ path: 'body', received: 'null' });
    expect(failure(() => parsePushResponse([], ['m1']))).to.include({ path: 'body', received: 'array' });
    expect(failure(() => parsePushResponse({ cursor: '1' }, ['m1']))).to.include({ path: 'results' });
    expect(failure(() => parsePushResponse({ results: [] }, []))).to.include({ path: 'cursor', received: 'undefined' });
    expect(failure(() => parsePushResponse({ results: [], cursor: 5 }, []))).to.include({ path: 'cursor', received: 'number' });
  });

  it('refuses malformed results', () => {
    const one = (result: unknown) => () => parsePushResponse({ results: [result], cursor: '1' }, ['m1']);
    expect(failure(one('applied'))).to.include({ path: 'results[0]' });
    expect(failure(one({ status: 'applied' }))).to.include({ path: 'results[0].id' });
    expect(failure(one({ id: '', status: 'applied' }))).to.include({ path: 'results[0].id' });
    expect(failure(one({ id: 'm1', status: 'ok' }))).to.include({ path: 'results[0].status', received: 'ok' });
    expect(failure(one({ id: 'm1', status: 7 }))).to.include({ path: 'results[0].status', received: 'number' });
    expect(failure(one({ id: 'm1', status: 'rejected' }))).to.include({ path: 'results[0].code' });
    expect(failure(one({ id: 'm1', status: 'applied', code: 3 }))).to.include({ path: 'results[0].code' });
    expect(failure(one({ id: 'm1', status: 'applied', message: {} }))).to.include({ path: 'results[0].message' });
  });

  it('refuses missing, unexpected and duplicated results', () => {
    const missing = failure(() => parsePushResponse({ results: [{ id: 'm1', status: 'applied' }], cursor: '1' }, ['m1', 'm2']));
    expect(missing).to.deep.include({ path: 'results', missing: ['m2'], unexpected: [], duplicated: [] });
    const unexpected = failure(() =>
      parsePushResponse({ results: [{ id: 'm1', status: 'applied' }, { id: 'zz', status: 'applied' }], cursor: '1' }, ['m1']),
    );
    expect(unexpected).to.deep.include({ missing: [], unexpected: ['zz'] });
    const duplicated = failure(() =>
      parsePushResponse({ results: [{ id: 'm1', status: 'applied' }, { id: 'm1', status: 'duplicate' }], cursor: '1' }, ['m1']),
    );
    expect(duplicated).to.deep.include({ duplicated: ['m1'], sent: 1, received: 2 });
  });
});

describe('parsePullResponse', () => {
  it('accepts a well-formed page and keeps known fields only', () => {
    const body = pull();
    (body.changes.answers[0] as unknown as Record<string, unknown>).injected = '<script>';
    const parsed = parsePullResponse(body);
    expect(parsed).to.deep.equal(pull());
    expect(parsed.changes.answers[0]).to.not.have.property('injected');
    const minimal = { ...answer };
    delete minimal.rating;
    delete minimal.typedAnswer;
    const open = { ...session, status: 'active' as const, endedAt: null };
    const stats = applyAnswerToStatistics(null, answer);
    const progress = { ...deriveProgress('u1', 'i1', [answer]), byDevice: stats.byDevice };
    const page = { changes: { sessions: [open], answers: [minimal], progress: [progress] }, cursor: '', hasMore: true };
    expect(parsePullResponse(page)).to.deep.equal(page);
  });

  it('refuses a page without its envelope', () => {
    expect(failure(() => parsePullResponse(undefined))).to.include({ path: 'body' });
    expect(failure(() => parsePullResponse({ cursor: '1', hasMore: false }))).to.include({ path: 'changes' });
    expect(failure(() => parsePullResponse({ ...pull(), changes: { sessions: [], answers: [] } }))).to.include({
      path: 'changes.progress',
    });
    expect(failure(() => parsePullResponse({ ...pull(), cursor: null }))).to.include({ path: 'cursor' });
    expect(failure(() => parsePullResponse({ ...pull(), hasMore: 'no' }))).to.include({ path: 'hasMore' });
  });

  it('refuses malformed sessions', () => {
    const withSession = (patch: Record<string, unknown>) => () =>
      parsePullResponse({ ...pull(), changes: { ...pull().changes, sessions: [{ ...session, ...patch }] } });
    expect(failure(withSession({ status: 'done' }))).to.include({ path: 'changes.sessions[0].status' });
    expect(failure(withSession({ statusHlc: '5' }))).to.include({ path: 'changes.sessions[0].statusHlc' });
    expect(failure(withSession({ mode: 'quiz' }))).to.include({ path: 'changes.sessions[0].mode' });
    expect(failure(withSession({ itemIds: 'i1' }))).to.include({ path: 'changes.sessions[0].itemIds' });
    expect(failure(withSession({ itemIds: ['i1', 2] }))).to.include({ path: 'changes.sessions[0].itemIds[1]' });
    expect(failure(withSession({ startedAt: -1 }))).to.include({ path: 'changes.sessions[0].startedAt' });
    expect(failure(withSession({ endedAt: 'later' }))).to.include({ path: 'changes.sessions[0].endedAt' });
    expect(failure(withSession({ lastActivityAt: 1.5 }))).to.include({ path: 'changes.sessions[0].lastActivityAt' });
    expect(failure(withSession({ deviceId: undefined }))).to.include({ path: 'changes.sessions[0].deviceId' });
  });

  it('refuses malformed answers', () => {
    const withAnswer = (patch: Record<string, unknown>) => () =>
      parsePullResponse({ ...pull(), changes: { ...pull().changes, answers: [{ ...answer, ...patch }] } });
    expect(failure(withAnswer({ correct: 'yes' }))).to.include({ path: 'changes.answers[0].correct' });
    expect(failure(withAnswer({ rating: 5 }))).to.include({ path: 'changes.answers[0].rating' });
    expect(failure(withAnswer({ answeredAt: '2024' }))).to.include({ path: 'changes.answers[0].answeredAt' });
    expect(failure(withAnswer({ responseTimeMs: Number.NaN }))).to.include({ path: 'changes.answers[0].responseTimeMs' });
    expect(failure(withAnswer({ typedAnswer: 1 }))).to.include({ path: 'changes.answers[0].typedAnswer' });
    expect(failure(withAnswer({ sessionId: null }))).to.include({ path: 'changes.answers[0].sessionId' });
    expect(failure(() => parsePullResponse({ ...pull(), changes: { ...pull().changes, answers: [7] } }))).to.include({
      path: 'changes.answers[0]',
    });
  });

  it('refuses malformed progress', () => {
    const base = deriveProgress('u1', 'i1', [answer]);
    const withProgress = (patch: Record<string, unknown>) => () =>
      parsePullResponse({ ...pull(), changes: { ...pull().changes, progress: [{ ...base, ...patch }] } });
    expect(failure(withProgress({ learned: 1 }))).to.include({ path: 'changes.progress[0].learned' });
    expect(failure(withProgress({ reviewCount: -2 }))).to.include({ path: 'changes.progress[0].reviewCount' });
    expect(failure(withProgress({ byDevice: [] }))).to.include({ path: 'changes.progress[0].byDevice' });
    expect(failure(withProgress({ byDevice: { d1: { reviewCount: 1 } } }))).to.include({
      path: 'changes.progress[0].byDevice.d1.correctCount',
    });
    expect(failure(withProgress({ byDevice: { d1: { reviewCount: 1, correctCount: 1, totalResponseTimeMs: 'x' } } }))).to.include({
      path: 'changes.progress[0].byDevice.d1.totalResponseTimeMs',
    });
    expect(failure(withProgress({ recent: {} }))).to.include({ path: 'changes.progress[0].recent' });
    expect(failure(withProgress({ recent: [{ id: 'a', answeredAt: 1, correct: 'y' }] }))).to.include({
      path: 'changes.progress[0].recent[0].correct',
    });
  });
});
