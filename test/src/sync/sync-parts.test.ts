import { expect } from '@open-wc/testing';
import { OfflineReviewError } from '../../../src/errors.js';
import { backoffDelay, retryDelay } from '../../../src/sync/backoff.js';
import { drainLockName, withDrainLock } from '../../../src/sync/drain-lock.js';
import { SyncChannel, type SyncMessage } from '../../../src/sync/sync-channel.js';
import { classifyFailure, FailureKind, isConnectivity, isRefusal, passesByItself } from '../../../src/sync/sync-failure.js';
import { SyncTimers } from '../../../src/sync/sync-timers.js';
import { resolveSyncOptions } from '../../../src/sync/sync-options.js';
import { PROTOCOL_LIMITS } from '../../../src/protocol/mutations.js';
import { unique } from '../../support/server.js';

describe('sync parts', () => {
  describe('backoff', () => {
    it('grows exponentially with full jitter and stays under the cap', () => {
      const options = { baseMs: 100, capMs: 1000 };
      expect(backoffDelay(0, { ...options, random: () => 0.999 })).to.equal(99);
      expect(backoffDelay(2, { ...options, random: () => 0.5 })).to.equal(200);
      expect(backoffDelay(10, { ...options, random: () => 0.999 })).to.equal(999);
      expect(backoffDelay(5000, { ...options, random: () => 0.999 })).to.equal(999);
      expect(backoffDelay(-3, { ...options, random: () => 0 })).to.equal(0);
      for (let attempt = 0; attempt < 20; attempt++) {
        const delay = backoffDelay(attempt, options);
        expect(delay).to.be.within(0, 999);
      }
    });

    it('honours Retry-After over the backoff', () => {
      const options = { baseMs: 100, capMs: 1000, random: () => 0.5 };
      expect(retryDelay(5000, 0, options)).to.equal(5000);
      expect(retryDelay(0, 3, options)).to.equal(0);
      expect(retryDelay(undefined, 3, options)).to.equal(400);
      expect(retryDelay(Number.NaN, 1, options)).to.equal(100);
      expect(retryDelay(-1, 1, options)).to.equal(100);
    });
  });

  describe('options', () => {
    it('fills in the defaults and keeps batches within the protocol limits', () => {
      const ports = { storage: {} as never, client: {} as never, userId: 'u' };
      const defaults = resolveSyncOptions(ports);
      expect(defaults).to.include({ batchSize: 200, maxBatchBytes: 256 * 1024, maxRetries: 8, leaseMs: 60_000 });
      expect(defaults.backoff).to.deep.equal({ baseMs: 1000, capMs: 300_000 });
      const clamped = resolveSyncOptions({ ...ports, batchSize: 10_000, maxBatchBytes: Number.NaN, maxRetries: -2 });
      expect(clamped.batchSize).to.equal(PROTOCOL_LIMITS.maxMutationsPerPush);
      expect(clamped.maxBatchBytes).to.be.below(PROTOCOL_LIMITS.maxBodyBytes);
      expect(clamped.maxRetries).to.equal(0);
      expect(resolveSyncOptions({ ...ports, batchSize: 0.5, locks: null }).batchSize).to.equal(1);
      expect(resolveSyncOptions({ ...ports, locks: null }).locks).to.equal(null);
    });
  });

  describe('classifyFailure', () => {
    const error = (code: ConstructorParameters<typeof OfflineReviewError>[0], details = {}) =>
      new OfflineReviewError(code, code, { details });

    it('maps every client error to what the queue does', () => {
      // No network or no answer: the device's connectivity tells offline from unreachable.
      expect(classifyFailure(error('network'), false).kind).to.equal('offline');
      expect(classifyFailure(error('timeout'), false).kind).to.equal('offline');
      expect(classifyFailure(error('network'), true).kind).to.equal('unreachable');
      expect(classifyFailure(error('timeout'), true).kind).to.equal('unreachable');
      // Without a second argument, navigator.onLine decides (true in this test page).
      expect(classifyFailure(error('network')).kind).to.equal(navigator.onLine ? 'unreachable' : 'offline');
      expect(classifyFailure(error('aborted')).kind).to.equal('aborted');
      expect(classifyFailure(error('closed')).kind).to.equal('aborted');
      expect(classifyFailure(error('auth-required', { status: 401 }))).to.deep.equal({
        kind: 'auth',
        code: 'auth-required',
        message: 'auth-required',
        status: 401,
      });
      expect(classifyFailure(error('payload-too-large', { status: 413 })).kind).to.equal('too-large');
      const limited = classifyFailure(error('rate-limited', { status: 503, retryAfterMs: 2000 }));
      expect(limited).to.include({ kind: 'rate-limited', status: 503, retryAfterMs: 2000 });
      for (const code of ['server-error', 'invalid-response'] as const) expect(classifyFailure(error(code)).kind, code).to.equal('server-error');
      for (const code of ['bad-request', 'forbidden'] as const) expect(classifyFailure(error(code)).kind, code).to.equal('refused');
      expect(classifyFailure(error('storage-full')).kind).to.equal('storage-full');
      // A chunk of the page's code not fetched (the merge rules a pull needs) is the network's
      // failure; items not cached (no chunk named) are not.
      expect(classifyFailure(error('content-unavailable', { chunk: 'derivation' }), false).kind).to.equal('offline');
      expect(classifyFailure(error('content-unavailable', { chunk: 'derivation' }), true).kind).to.equal('unreachable');
      expect(classifyFailure(error('content-unavailable')).kind).to.equal('unexpected');
      for (const code of ['storage-unavailable', 'internal', 'invalid-input'] as const) {
        expect(classifyFailure(error(code)).kind, code).to.equal('unexpected');
      }
    });

    it('says which kinds spend no retry and which pass by themselves (Background Sync)', () => {
      const kinds = Object.values(FailureKind);
      expect(kinds.filter(isConnectivity)).to.deep.equal(['offline', 'unreachable']);
      expect(kinds.filter(passesByItself)).to.deep.equal(['offline', 'unreachable', 'rate-limited', 'server-error']);
    });

    it('names the whole-request refusals the worker leaves to the pages', () => {
      for (const code of ['forbidden', 'bad-request'] as const) expect(isRefusal(classifyFailure(error(code))), code).to.equal(true);
      for (const code of ['server-error', 'rate-limited', 'invalid-response', 'auth-required', 'payload-too-large', 'network', 'timeout'] as const) {
        expect(isRefusal(classifyFailure(error(code))), code).to.equal(false);
      }
    });

    it('retries what is not a library error, except an abort', () => {
      expect(classifyFailure(new TypeError('boom'))).to.deep.equal({ kind: 'unexpected', code: 'unexpected', message: 'boom' });
      expect(classifyFailure('odd').message).to.equal('odd');
      expect(classifyFailure(new DOMException('stop', 'AbortError')).kind).to.equal('aborted');
      expect(classifyFailure(new DOMException('full', 'QuotaExceededError'))).to.include({ kind: 'storage-full', code: 'storage-full' });
    });
  });

  describe('SyncTimers', () => {
    it('keeps the earliest retry and debounces', async () => {
      const timers = new SyncTimers();
      const fired: string[] = [];
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      timers.retry(10_000, () => fired.push('late'));
      const at = timers.nextRetryAt!;
      timers.retry(1, () => fired.push('early'));
      expect(timers.nextRetryAt).to.be.below(at);
      timers.retry(5_000, () => fired.push('ignored'));
      timers.debounce(5_000, () => fired.push('first write'));
      timers.debounce(2, () => {
        fired.push('last write');
        done();
      });
      await finished;
      expect(fired).to.include('early').and.include('last write');
      expect(fired).not.to.include('late');
      expect(fired).not.to.include('ignored');
      expect(fired).not.to.include('first write');
      timers.retry(1_000, () => fired.push('cleared'));
      timers.clearAll();
      expect(timers.nextRetryAt).to.equal(null);
    });

    it('starts the push after a write at an idle moment, not in the debounce timer\'s own task', async () => {
      const timers = new SyncTimers();
      const order: string[] = [];
      let done!: () => void;
      const pushed = new Promise<void>((resolve) => (done = resolve));
      timers.debounce(0, () => {
        order.push('push');
        done();
      });
      // Queued after the debounce timer: a push in the timer's own task would come first.
      setTimeout(() => order.push('task'), 0);
      await pushed;
      expect(order).to.deep.equal(['task', 'push']);
    });

    it('forgets an idle wait on clearAll and on a later debounce', async () => {
      const timers = new SyncTimers();
      const fired: string[] = [];
      timers.idle(50, () => fired.push('cleared'));
      timers.clearAll();
      timers.idle(50, () => fired.push('replaced'));
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      timers.debounce(0, () => {
        fired.push('debounced');
        done();
      });
      await finished;
      expect(fired).to.deep.equal(['debounced']);
    });
  });

  describe('drain lock', () => {
    it('lets one holder in and skips the others (Web Locks)', async () => {
      const name = drainLockName(unique('db'));
      expect(name).to.match(/^offline-review-sync:db-/);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = withDrainLock(name, async () => {
        await held;
        return 'first';
      });
      expect(await withDrainLock(name, async () => 'second')).to.deep.equal({ acquired: false });
      release();
      expect(await first).to.deep.equal({ acquired: true, value: 'first' });
      expect(await withDrainLock(name, async () => 'third')).to.deep.equal({ acquired: true, value: 'third' });
    });

    it('falls back to an in-context lock without navigator.locks, and releases it on failure', async () => {
      const name = drainLockName(unique('db'));
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = withDrainLock(name, () => held, null);
      expect(await withDrainLock(name, async () => 1, null)).to.deep.equal({ acquired: false });
      release();
      await first;
      const failing = withDrainLock(name, async () => Promise.reject(new Error('x')), null);
      await failing.then(
        () => expect.fail('should reject'),
        (error: Error) => expect(error.message).to.equal('x'),
      );
      expect(await withDrainLock(name, async () => 2, null)).to.deep.equal({ acquired: true, value: 2 });
    });
  });

  describe('SyncChannel', () => {
    it('carries messages to other contexts, not back to the sender, and stops when closed', async () => {
      const db = unique('db');
      const received: SyncMessage[] = [];
      const waiters: Array<() => void> = [];
      const next = () => new Promise<void>((resolve) => waiters.push(resolve));
      const heardByA: string[] = [];
      const a = new SyncChannel(db, 'a', (message) => heardByA.push(message.from));
      const b = new SyncChannel(db, 'b', (message) => {
        received.push(message);
        waiters.shift()?.();
      });
      let arrived = next();
      a.post('write', 'alice');
      await arrived;
      expect(received).to.deep.equal([{ type: 'write', userId: 'alice', from: 'a' }]);
      // Foreign messages on the same channel name are ignored; a valid one after them arrives.
      const raw = new BroadcastChannel(`offline-review:${db}`);
      arrived = next();
      raw.postMessage({ nonsense: true });
      raw.postMessage(null);
      raw.postMessage({ type: 'drained', userId: 'bob', from: 'raw' });
      await arrived;
      raw.close();
      expect(received.map((m) => m.type)).to.deep.equal(['write', 'drained']);
      a.close();
      a.post('drained', 'alice');
      b.close();
      expect(received).to.have.length(2);
      expect(heardByA).not.to.include('a');
    });
  });
});
