import { expect } from '@open-wc/testing';
import { reactionTo, type SyncMessage } from '../../../src/sync/sync-channel.js';
import { classifyFailure, type SyncFailure } from '../../../src/sync/sync-failure.js';
import { reduceSyncState, type SyncEvent } from '../../../src/sync/sync-reducer.js';
import { initialSyncState, type SyncState } from '../../../src/sync/sync-state.js';
import { OfflineReviewError } from '../../../src/errors.js';

const start: SyncState = initialSyncState(true);

/** Applies events in order. */
function run(state: SyncState, ...events: SyncEvent[]): SyncState {
  return events.reduce(reduceSyncState, state);
}

function failure(code: ConstructorParameters<typeof OfflineReviewError>[0], online = true, status?: number): SyncFailure {
  return classifyFailure(new OfflineReviewError(code, `${code} happened`, { details: status ? { status } : {} }), online);
}

describe('the sync state reducer', () => {
  it('is pure: the same object when nothing changes, a new one otherwise, the input untouched', () => {
    const frozen = Object.freeze({ ...start });
    expect(reduceSyncState(frozen, { type: 'connectivity', online: true })).to.equal(frozen);
    expect(reduceSyncState(frozen, { type: 'counted' })).to.equal(frozen);
    expect(reduceSyncState(frozen, { type: 'drain-ended' })).to.equal(frozen);
    expect(reduceSyncState(frozen, { type: 'resumed' })).to.equal(frozen);
    expect(reduceSyncState(frozen, { type: 'failed', failure: failure('aborted') })).to.equal(frozen);
    const offline = reduceSyncState(frozen, { type: 'connectivity', online: false });
    expect(offline).to.not.equal(frozen);
    expect(offline.online).to.equal(false);
    expect(frozen.online).to.equal(true);
    // The same error again is no change either (compared by value).
    const failed = reduceSyncState(start, { type: 'failed', failure: failure('server-error') });
    expect(reduceSyncState(failed, { type: 'failed', failure: failure('server-error') })).to.equal(failed);
  });

  it('is not counted until the queue is: a count of the dead letters alone, a sync or a failure does not count it', () => {
    expect(start.counted).to.equal(false);
    const notYet = run(
      start,
      { type: 'counted', deadLetters: 2, deadLetterAnswers: 1 },
      { type: 'synced', at: 5, waiting: false },
      { type: 'failed', failure: failure('server-error') },
      { type: 'drain-ended' },
    );
    expect(notYet).to.include({ counted: false, pending: 0, deadLetters: 2 });
    expect(reduceSyncState(notYet, { type: 'counted', pending: 0, pendingAnswers: 0 })).to.include({ counted: true, pending: 0 });
    // A drain counts the queue before it begins.
    expect(reduceSyncState(start, { type: 'drain-started', queued: 4, answers: 4 })).to.include({ counted: true, pending: 4 });
  });

  it('counts progress through a drain', () => {
    const draining = run(start, { type: 'counted', pending: 7, deadLetters: 1 }, { type: 'drain-started', queued: 5 });
    expect(draining).to.include({ syncing: true, sent: 0, total: 5, pending: 5, deadLetters: 1 });
    const half = reduceSyncState(draining, { type: 'progress', sent: 3, queued: 5 });
    expect(half).to.include({ sent: 3, total: 5, pending: 2 });
    // Written meanwhile: more sent than counted at the start.
    expect(reduceSyncState(half, { type: 'progress', sent: 6, queued: 5 })).to.include({ sent: 6, total: 6, pending: 0 });
    expect(run(half, { type: 'counted', pending: 0 }, { type: 'drain-ended' })).to.include({ syncing: false, pending: 0, deadLetters: 1 });
  });

  it('counts answers apart from other records: waiting, sent in a drain, refused; and the next retry', () => {
    const counted = reduceSyncState(start, {
      type: 'counted',
      pending: 15,
      pendingAnswers: 14,
      deadLetters: 3,
      deadLetterAnswers: 2,
      refusal: { code: 'wrong-user', message: 'no' },
    });
    expect(counted).to.include({ pending: 15, pendingAnswers: 14, deadLetters: 3, deadLetterAnswers: 2 });
    expect(counted.refusal).to.deep.equal({ code: 'wrong-user', message: 'no' });
    // The same refusal again (a new object) is no change.
    expect(reduceSyncState(counted, { type: 'counted', refusal: { code: 'wrong-user', message: 'no' } })).to.equal(counted);
    const draining = reduceSyncState(counted, { type: 'drain-started', queued: 18, answers: 17 });
    expect(draining).to.include({ total: 18, totalAnswers: 17, sentAnswers: 0, pendingAnswers: 17 });
    const some = reduceSyncState(draining, { type: 'progress', sent: 10, queued: 18, sentAnswers: 9, answers: 17 });
    expect(some).to.include({ sent: 10, sentAnswers: 9, totalAnswers: 17, pending: 8, pendingAnswers: 8 });
    const retry = reduceSyncState(some, { type: 'retry-scheduled', at: 1234 });
    expect(retry.nextRetryAt).to.equal(1234);
    expect(reduceSyncState(retry, { type: 'retry-scheduled', at: null }).nextRetryAt).to.equal(null);
  });

  it('keeps the kind of a failure; auth pauses until resumed', () => {
    const unreachable = reduceSyncState(start, { type: 'failed', failure: failure('network', true) });
    expect(unreachable.lastError).to.deep.equal({ kind: 'unreachable', code: 'network', message: 'network happened' });
    const offline = reduceSyncState(start, { type: 'failed', failure: failure('timeout', false) });
    expect(offline.lastError?.kind).to.equal('offline');
    expect(reduceSyncState(start, { type: 'failed', failure: failure('forbidden', true, 403) }).lastError?.kind).to.equal('refused');
    expect(reduceSyncState(start, { type: 'failed', failure: failure('rate-limited', true, 429) }).lastError?.kind).to.equal('rate-limited');
    const paused = reduceSyncState(start, { type: 'failed', failure: failure('auth-required', true, 401) });
    expect(paused).to.include({ paused: true });
    expect(paused.lastError?.kind).to.equal('auth');
    expect(reduceSyncState(paused, { type: 'resumed' }).paused).to.equal(false);
  });

  it('going offline explains a server that could not be reached; coming back changes no kind', () => {
    const unreachable = reduceSyncState(start, { type: 'failed', failure: failure('network', true) });
    const offline = reduceSyncState(unreachable, { type: 'connectivity', online: false });
    expect(offline.online).to.equal(false);
    expect(offline.lastError).to.deep.equal({ kind: 'offline', code: 'network', message: 'network happened' });
    expect(reduceSyncState(offline, { type: 'connectivity', online: true }).lastError?.kind).to.equal('offline');
    // Other errors stay what they were.
    const failed = reduceSyncState(start, { type: 'failed', failure: failure('server-error') });
    expect(reduceSyncState(failed, { type: 'connectivity', online: false }).lastError?.kind).to.equal('server-error');
  });

  it('synced clears the error, unless entries still wait out the backoff that error set', () => {
    const failed = reduceSyncState(start, { type: 'failed', failure: failure('rate-limited', true, 503) });
    const waiting = reduceSyncState(failed, { type: 'synced', at: 1000, waiting: true });
    expect(waiting.lastSyncedAt).to.equal(1000);
    expect(waiting.lastError?.kind).to.equal('rate-limited');
    const done = reduceSyncState(waiting, { type: 'synced', at: 2000, waiting: false });
    expect(done).to.include({ lastSyncedAt: 2000, lastError: null });
  });
});

describe('what a queue does about another context\'s message', () => {
  const view = { userId: 'ann', paused: false, skipped: false, autoSync: true };
  const message = (extra: Partial<SyncMessage>): SyncMessage => ({ type: 'drained', userId: 'ann', from: 'other', ...extra });

  it('recounts on every message; a write recounts pending only', () => {
    expect(reactionTo(message({ type: 'write' }), view)).to.deep.equal({ recount: 'pending', resume: false, syncedElsewhere: false, drain: false });
    expect(reactionTo(message({ type: 'dead-letters' }), view).recount).to.equal('all');
  });

  it('a successful drain of this user elsewhere: synced here; a page\'s also ends a 401 pause', () => {
    expect(reactionTo(message({ ok: true }), view)).to.include({ syncedElsewhere: true, resume: false, drain: false });
    expect(reactionTo(message({ ok: true }), { ...view, paused: true })).to.include({ resume: true, syncedElsewhere: false });
    // The worker's "ok" may mean it had nothing to send: no proof the sign-in is back.
    expect(reactionTo(message({ ok: true, pushOnly: true }), { ...view, paused: true }).resume).to.equal(false);
    expect(reactionTo(message({ ok: true, userId: 'bob' }), view).syncedElsewhere).to.equal(false);
    expect(reactionTo(message({ ok: false }), view).syncedElsewhere).to.equal(false);
  });

  it('drains after a skip, and after the worker pushed without pulling (with auto sync)', () => {
    expect(reactionTo(message({ ok: false }), { ...view, skipped: true }).drain).to.equal(true);
    expect(reactionTo(message({ type: 'write' }), { ...view, skipped: true }).drain).to.equal(false);
    expect(reactionTo(message({ ok: true, pushOnly: true }), view).drain).to.equal(true);
    expect(reactionTo(message({ ok: true, pushOnly: true }), { ...view, autoSync: false }).drain).to.equal(false);
    expect(reactionTo(message({ ok: true }), view).drain).to.equal(false);
  });
});
