import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../support/until.js';
import type { SyncState } from '../../../src/sync/sync-state.js';
import { api } from '../../support/server.js';
import { pushedIds, queueEntries, queueFixture, recordAnswers, secondQueue, stateWhere, useQueueSuite, type QueueFixture } from './queue-fixture.js';

/** True when no id appears twice. */
function noRepeats(ids: string[]): boolean {
  return new Set(ids).size === ids.length;
}

/** What a drainer that then died does: leases every pending entry for `leaseMs`; resolves them. */
function leaseAll(fixture: QueueFixture, leaseMs: number): ReturnType<QueueFixture['storage']['leaseBatch']> {
  return fixture.storage.leaseBatch({ userId: fixture.user, maxCount: 10, maxBytes: 1e9, leaseMs, now: Date.now() });
}

/** Drains once; expects nothing left pending and exactly the `leased` mutations pushed. */
async function drainsLeased(fixture: QueueFixture, leased: Awaited<ReturnType<typeof leaseAll>>): Promise<void> {
  await fixture.queue.process();
  expect(fixture.queue.state.pending).to.equal(0);
  expect((await pushedIds()).sort()).to.deep.equal(leased.map((e) => e.mutation.id).sort());
}

describe('SyncQueue: leases, drainers and triggers', () => {
  useQueueSuite();

  it('under the Web Lock, takes back at once what a dead drainer left syncing', async () => {
    const fixture = await queueFixture();
    await recordAnswers(fixture, 2);
    // A tab leased everything for a minute and was closed: the browser released its lock.
    const leased = await leaseAll(fixture, 60_000);
    expect(leased).to.have.length(3);
    await drainsLeased(fixture, leased);
  });

  it('without Web Locks, takes back entries a dead drainer left syncing once their lease ran out', async () => {
    const fixture = await queueFixture({ locks: null });
    await recordAnswers(fixture, 3);
    // A tab leased everything and died; its lease has run out.
    const leased = await leaseAll(fixture, 0);
    expect(leased).to.have.length(4);
    expect((await queueEntries(fixture.dbName)).every((e) => e.status === 'syncing')).to.equal(true);
    await drainsLeased(fixture, leased);
  });

  it('without Web Locks, leaves entries under a live lease alone, and takes them when the lease ends', async () => {
    const fixture = await queueFixture({ locks: null });
    await recordAnswers(fixture, 2);
    await leaseAll(fixture, 400);
    await fixture.queue.process();
    expect(await pushedIds()).to.deep.equal([]);
    expect(fixture.queue.state.pending).to.equal(3);
    // The queue woke itself up when the lease ran out.
    await stateWhere(fixture.queue, (state) => state.pending === 0);
    expect(await pushedIds()).to.have.length(3);
  });

  it('two drainers on one database at the same moment send each mutation once (Web Locks)', async () => {
    const fixture = await queueFixture({ batchSize: 7 });
    await recordAnswers(fixture, 40);
    const other = await secondQueue(fixture, { batchSize: 7 });
    await Promise.all([fixture.queue.process(), other.process()]);
    await stateWhere(fixture.queue, (state) => state.pending === 0);
    await stateWhere(other, (state) => state.pending === 0);
    const ids = await pushedIds();
    expect(ids).to.have.length(41);
    expect(noRepeats(ids)).to.equal(true);
    expect((await api.serverState(fixture.user)).answers).to.have.length(40);
  });

  it('two drainers send each mutation once without Web Locks (in-context lock and leases)', async () => {
    const fixture = await queueFixture({ batchSize: 5, locks: null });
    await recordAnswers(fixture, 20);
    const other = await secondQueue(fixture, { batchSize: 5, locks: null });
    await Promise.all([fixture.queue.process(), other.process(), fixture.queue.process()]);
    await stateWhere(other, (state) => state.pending === 0);
    const ids = await pushedIds();
    expect(ids).to.have.length(21);
    expect(noRepeats(ids)).to.equal(true);
  });

  it('tells the other tabs: they recount pending from IndexedDB', async () => {
    const fixture = await queueFixture();
    const other = await secondQueue(fixture);
    await other.refresh();
    expect(other.state.pending).to.equal(0);
    await recordAnswers(fixture, 2);
    const counted = stateWhere(other, (state) => state.pending === 3);
    await fixture.queue.notifyWrite();
    await counted;
    const drained = stateWhere(other, (state) => state.pending === 0 && state.lastSyncedAt !== null);
    await fixture.queue.process();
    await drained;
    expect(other.state.lastError).to.equal(null);
  });

  it('drains on startup, after a write (debounced), and on `online`', async () => {
    const fixture = await queueFixture();
    await recordAnswers(fixture, 1);
    let complete = oneEvent(fixture.queue, 'sync-complete');
    fixture.queue.startAutoSync(0);
    expect(((await complete) as CustomEvent<SyncState>).detail.pending).to.equal(0);

    await recordAnswers(fixture, 1);
    complete = oneEvent(fixture.queue, 'sync-complete');
    await fixture.queue.notifyWrite();
    await complete;
    expect(fixture.queue.state.pending).to.equal(0);

    const offline = stateWhere(fixture.queue, (state) => !state.online);
    window.dispatchEvent(new Event('offline'));
    await offline;
    await recordAnswers(fixture, 1);
    complete = oneEvent(fixture.queue, 'sync-complete');
    window.dispatchEvent(new Event('online'));
    await complete;
    expect(fixture.queue.state).to.include({ online: true, pending: 0 });
    expect(await pushedIds()).to.have.length(6);
  });

  it('drains when the page becomes visible', async () => {
    const fixture = await queueFixture();
    fixture.queue.startAutoSync(0);
    await oneEvent(fixture.queue, 'sync-complete');
    await recordAnswers(fixture, 1);
    const complete = oneEvent(fixture.queue, 'sync-complete');
    expect(document.visibilityState).to.equal('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await complete;
    expect(await pushedIds()).to.have.length(2);
    fixture.queue.stopAutoSync();
  });

  it('drains on an interval', async () => {
    const fixture = await queueFixture();
    fixture.queue.startAutoSync(20);
    await oneEvent(fixture.queue, 'sync-complete');
    await recordAnswers(fixture, 1);
    // No write notice: only the interval can send it.
    await waitUntil(async () => (await pushedIds()).length === 2, 'the interval sent the answer');
    await stateWhere(fixture.queue, (state) => !state.syncing);
    expect(await fixture.storage.countQueue(fixture.user)).to.equal(0);
  });

  it('close() stops triggers and timers; process() after close does nothing', async () => {
    const fixture = await queueFixture();
    await recordAnswers(fixture, 1);
    fixture.queue.startAutoSync(10);
    fixture.queue.close();
    expect(fixture.queue.closed).to.equal(true);
    await fixture.queue.process();
    await fixture.queue.notifyWrite();
    await fixture.queue.refresh();
    fixture.queue.close();
    expect(await fixture.storage.countQueue(fixture.user)).to.equal(2);
  });
});
