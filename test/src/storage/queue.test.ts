import { expect } from '@open-wc/testing';
import { isOfflineReviewError } from '../../../src/errors.js';
import { encodeHlc } from '../../../src/hlc.js';
import { uuidv7 } from '../../../src/ids.js';
import type { IndexedDBStorage } from '../../../src/storage/indexeddb-storage.js';
import type { Mutation } from '../../../src/types.js';
import { unique } from '../../support/server.js';
import { expediteWaiting } from '../../../src/storage/outbox-recovery.js';
import { cleanupStorages, makeStorage } from './helpers.js';
import { rejection } from '../../support/rejection.js';

function mutation(data: unknown = { n: 1 }): Mutation {
  return { id: uuidv7(), type: 'answer', action: 'create', data, hlc: encodeHlc({ wall: 1, counter: 0, node: 'd' }), clientTimestamp: 1 };
}

async function fill(storage: IndexedDBStorage, userId: string, count: number, data: (i: number) => unknown = (i) => ({ i })) {
  const entries = [];
  for (let i = 0; i < count; i++) entries.push(await storage.enqueue(userId, mutation(data(i))));
  return entries;
}

describe('IndexedDBStorage queue', () => {
  afterEach(cleanupStorages);

  it('leases one user\'s entries FIFO, by count', async () => {
    const storage = makeStorage({ now: () => 1000 });
    const alice = unique('alice');
    const bob = unique('bob');
    const a = await fill(storage, alice, 3);
    await fill(storage, bob, 2);
    const a2 = await fill(storage, alice, 2);
    expect(await storage.countQueue(alice)).to.equal(5);
    expect(await storage.countQueue()).to.equal(7);

    const first = await storage.leaseBatch({ userId: alice, maxCount: 4, maxBytes: 1e9, leaseMs: 500, now: 1000 });
    expect(first.map((e) => e.mutation.id)).to.deep.equal([...a, ...a2].slice(0, 4).map((e) => e.mutation.id));
    expect(first.every((e) => e.status === 'syncing' && e.leaseUntil === 1500 && e.userId === alice)).to.equal(true);
    // Leased entries are not handed out again while the lease holds; later ones must wait (FIFO).
    expect(await storage.leaseBatch({ userId: alice, maxCount: 4, maxBytes: 1e9, leaseMs: 500, now: 1200 })).to.deep.equal([]);
    expect(await storage.nextDueAt(alice)).to.equal(1500);
    await storage.ackQueueEntries(first.map((e) => e.seq!));
    const second = await storage.leaseBatch({ userId: alice, maxCount: 4, maxBytes: 1e9, leaseMs: 500, now: 1200 });
    expect(second.map((e) => e.mutation.id)).to.deep.equal([a2[1]!.mutation.id]);
    await storage.ackQueueEntries(second.map((e) => e.seq!));
    expect(await storage.countQueue(alice)).to.equal(0);
    expect(await storage.nextDueAt(alice)).to.equal(null);
    expect(await storage.countQueue(bob)).to.equal(2);
  });

  it('leases the entries after the batch on the wire (after), FIFO, skipping other users', async () => {
    const storage = makeStorage({ now: () => 1000 });
    const alice = unique('alice');
    const bob = unique('bob');
    const a = await fill(storage, alice, 3);
    await fill(storage, bob, 2);
    const a2 = await fill(storage, alice, 3);
    const ids = (entries: Array<{ mutation: Mutation }>) => entries.map((e) => e.mutation.id);
    const lease = (after: number | undefined, maxCount = 2) =>
      storage.leaseBatch({ userId: alice, maxCount, maxBytes: 1e9, leaseMs: 500, now: 1000, ...(after === undefined ? {} : { after }) });
    const first = await lease(undefined);
    expect(ids(first)).to.deep.equal(ids(a.slice(0, 2)));
    // The next batch while the first is on the wire: read after its last entry, not stopped by it.
    const second = await lease(first[1]!.seq!);
    expect(ids(second)).to.deep.equal(ids([a[2]!]));
    expect(second.every((e) => e.status === 'syncing' && e.leaseUntil === 1500 && e.userId === alice)).to.equal(true);
    // Bob's two entries took half of that read: the batch came out short, never out of order.
    const third = await lease(second[0]!.seq!, 4);
    expect(ids(third)).to.deep.equal(ids(a2.slice(0, 2)));
    // An entry leased by another drainer after the batch on the wire stops the lease: FIFO.
    expect(await lease(first[1]!.seq!, 8)).to.deep.equal([]);
    await storage.ackQueueEntries([...first, ...second, ...third].map((e) => e.seq!));
    expect(ids(await lease(undefined, 8))).to.deep.equal(ids(a2.slice(2)));
    expect(await storage.countQueue(bob)).to.equal(2);
  });

  it('counts a user\'s entries and dead letters by type from the userType index (answers apart from sessions)', async () => {
    const storage = makeStorage({ now: () => 1000 });
    const alice = unique('alice');
    await storage.enqueue(alice, { ...mutation(), type: 'session' });
    await fill(storage, alice, 3);
    await fill(storage, unique('bob'), 2);
    expect(await storage.countQueue(alice)).to.equal(4);
    expect(await storage.countQueue(alice, 'answer')).to.equal(3);
    expect(await storage.countQueue(alice, 'session')).to.equal(1);
    expect(await storage.countQueue(alice, 'retraction')).to.equal(0);
    const leased = await storage.leaseBatch({ userId: alice, maxCount: 2, maxBytes: 1e9, leaseMs: 500, now: 1000 });
    await storage.deadLetterQueueEntries(leased.map((entry) => ({ seq: entry.seq!, reason: { code: 'wrong-user', message: 'no' } })));
    expect(await storage.countDeadLetters(alice)).to.equal(2);
    expect(await storage.countDeadLetters(alice, 'answer')).to.equal(1);
    expect(await storage.countQueue(alice, 'answer')).to.equal(2);
    const error = await storage.countQueue(undefined, 'answer').catch((e: unknown) => e);
    expect(isOfflineReviewError(error) && error.code).to.equal('invalid-input');
  });

  it('limits a batch by bytes but always takes at least one entry', async () => {
    const storage = makeStorage({ now: () => 0 });
    const user = unique('u');
    const entries = await fill(storage, user, 4, (i) => ({ text: 'x'.repeat(i === 0 ? 5000 : 100) }));
    const one = await storage.leaseBatch({ userId: user, maxCount: 10, maxBytes: 1000, leaseMs: 100, now: 0 });
    expect(one.map((e) => e.seq)).to.deep.equal([entries[0]!.seq]);
    await storage.ackQueueEntries([one[0]!.seq!]);
    const limit = entries[1]!.bytes + entries[2]!.bytes;
    const two = await storage.leaseBatch({ userId: user, maxCount: 10, maxBytes: limit, leaseMs: 100, now: 0 });
    expect(two.map((e) => e.seq)).to.deep.equal([entries[1]!.seq, entries[2]!.seq]);
    expect(entries[1]!.bytes).to.equal(new TextEncoder().encode(JSON.stringify(entries[1]!.mutation)).byteLength);
  });

  it('takes back entries whose lease expired (a tab that died)', async () => {
    const storage = makeStorage({ now: () => 0 });
    const user = unique('u');
    await fill(storage, user, 2);
    const leased = await storage.leaseBatch({ userId: user, maxCount: 10, maxBytes: 1e9, leaseMs: 1000, now: 0 });
    expect(leased).to.have.length(2);
    expect(await storage.leaseBatch({ userId: user, maxCount: 10, maxBytes: 1e9, leaseMs: 1000, now: 999 })).to.deep.equal([]);
    const again = await storage.leaseBatch({ userId: user, maxCount: 10, maxBytes: 1e9, leaseMs: 1000, now: 1000 });
    expect(again.map((e) => e.seq)).to.deep.equal(leased.map((e) => e.seq));
    expect(again[0]!.leaseUntil).to.equal(2000);
  });

  it('releases entries with backoff, counting a retry only when asked', async () => {
    const storage = makeStorage({ now: () => 0 });
    const user = unique('u');
    await fill(storage, user, 2);
    const leased = await storage.leaseBatch({ userId: user, maxCount: 10, maxBytes: 1e9, leaseMs: 1000, now: 0 });
    const seqs = leased.map((e) => e.seq!);
    const offline = await storage.releaseQueueEntries(seqs, { countRetry: false, nextAttemptAt: 500 });
    expect(offline.map((e) => [e.status, e.retryCount, e.nextAttemptAt, e.leaseUntil])).to.deep.equal([
      ['pending', 0, 500, 0],
      ['pending', 0, 500, 0],
    ]);
    expect(await storage.leaseBatch({ userId: user, maxCount: 10, maxBytes: 1e9, leaseMs: 1000, now: 499 })).to.deep.equal([]);
    expect(await storage.nextDueAt(user)).to.equal(500);
    await storage.leaseBatch({ userId: user, maxCount: 10, maxBytes: 1e9, leaseMs: 1000, now: 500 });
    const failed = await storage.releaseQueueEntries([...seqs, 999_999], {
      countRetry: true,
      nextAttemptAt: 900,
      error: { code: 'server-error', message: '500' },
    });
    expect(failed).to.have.length(2);
    expect(failed[0]).to.include({ retryCount: 1, nextAttemptAt: 900 });
    expect(failed[0]!.lastError).to.deep.equal({ code: 'server-error', message: '500' });
  });

  it('makes one user\'s waiting entries due at once, page by page, leaving leased ones and other users alone', async () => {
    const storage = makeStorage({ now: () => 0 });
    const [alice, bob] = [unique('alice'), unique('bob')];
    const mine = await fill(storage, alice, 5);
    await fill(storage, bob, 2);
    const waiting = mine.slice(0, 4).map((entry) => entry.seq!);
    await storage.leaseBatch({ userId: alice, maxCount: 5, maxBytes: 1e9, leaseMs: 1000, now: 0 });
    await storage.releaseQueueEntries(waiting, { countRetry: true, nextAttemptAt: 9000 });
    const theirs = await storage.leaseBatch({ userId: bob, maxCount: 2, maxBytes: 1e9, leaseMs: 1000, now: 0 });
    await storage.releaseQueueEntries([theirs[0]!.seq!], { countRetry: true, nextAttemptAt: 9000 });

    // Pages of 2 over 7 entries: four reads, the last one short.
    expect(await expediteWaiting(await storage.db(), alice, 100, 2)).to.equal(4);
    const byUser = await Promise.all([alice, bob].map(async (user) => (await storage.db()).getAllFromIndex('syncQueue', 'userId', user)));
    expect(byUser[0]!.map((e) => [e.status, e.nextAttemptAt, e.retryCount])).to.deep.equal([
      ['pending', 100, 1],
      ['pending', 100, 1],
      ['pending', 100, 1],
      ['pending', 100, 1],
      ['syncing', 0, 0],
    ]);
    expect(byUser[1]!.map((e) => [e.status, e.nextAttemptAt])).to.deep.equal([
      ['pending', 9000],
      ['syncing', 0],
    ]);
    // Nothing left to move; the storage method (default page) agrees.
    expect(await storage.expediteWaiting(alice, 100)).to.equal(0);
  });

  it('moves entries to dead letters, requeues them with the same mutation id, and discards them', async () => {
    let now = 10;
    const storage = makeStorage({ now: () => now });
    const user = unique('u');
    const entries = await fill(storage, user, 3);
    await storage.releaseQueueEntries([entries[0]!.seq!], { countRetry: true, nextAttemptAt: 0 });
    now = 20;
    const letters = await storage.deadLetterQueueEntries([
      { seq: entries[0]!.seq!, reason: { code: 'invalid-mutation', message: 'bad', status: 400 } },
      { seq: entries[1]!.seq!, reason: { code: 'retry-limit', message: 'too many' } },
      { seq: 424242, reason: { code: 'x', message: 'gone' } },
    ]);
    expect(letters.map((l) => l.id)).to.deep.equal([entries[0]!.mutation.id, entries[1]!.mutation.id]);
    expect(letters[0]).to.deep.include({ userId: user, retryCount: 1, failedAt: 20 });
    expect(letters[0]!.reason).to.deep.equal({ code: 'invalid-mutation', message: 'bad', status: 400 });
    expect(await storage.countQueue(user)).to.equal(1);
    expect((await storage.listDeadLetters(user)).map((l) => l.id)).to.have.members(letters.map((l) => l.id));
    expect(await storage.listDeadLetters(unique('other'))).to.deep.equal([]);
    expect(await storage.listDeadLetters()).to.have.length(2);

    now = 30;
    const requeued = await storage.requeueDeadLetters([letters[0]!.id, 'missing']);
    expect(requeued).to.have.length(1);
    expect(requeued[0]!.mutation).to.deep.equal(entries[0]!.mutation);
    expect(requeued[0]).to.include({ status: 'pending', retryCount: 0, nextAttemptAt: 30 });
    // Re-queued entries go to the end of the FIFO.
    const batch = await storage.leaseBatch({ userId: user, maxCount: 10, maxBytes: 1e9, leaseMs: 1, now: 30 });
    expect(batch.map((e) => e.mutation.id)).to.deep.equal([entries[2]!.mutation.id, entries[0]!.mutation.id]);

    await storage.discardDeadLetters([letters[1]!.id]);
    expect(await storage.listDeadLetters(user)).to.deep.equal([]);
  });

  it('records the session an enqueued mutation belongs to', async () => {
    const storage = makeStorage();
    const answer = await storage.enqueue('u', mutation({ sessionId: 's1' }));
    const session = await storage.enqueue('u', { ...mutation({ id: 's2' }), type: 'session' });
    const given = await storage.enqueue('u', mutation({ sessionId: 's1' }), 's3');
    const none = await storage.enqueue('u', mutation('plain'));
    expect([answer.sessionId, session.sessionId, given.sessionId, none.sessionId]).to.deep.equal(['s1', 's2', 's3', undefined]);
  });

  it('rejects invalid queue input', async () => {
    const storage = makeStorage();
    const noUser = await rejection(storage.enqueue('', mutation()));
    expect(isOfflineReviewError(noUser, 'invalid-input')).to.equal(true);
    const badId = await rejection(storage.enqueue('u', { ...mutation(), id: 'nope' }));
    expect(isOfflineReviewError(badId, 'invalid-input')).to.equal(true);
    const badLease = await rejection(storage.leaseBatch({ userId: 'u', maxCount: 0, maxBytes: 1, leaseMs: 1, now: 0 }));
    expect(isOfflineReviewError(badLease, 'invalid-input')).to.equal(true);
  });
});
