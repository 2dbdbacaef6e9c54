// The batched hot paths of the queue and the pull: leases read with one getAll, acks and
// releases by runs of consecutive seqs, and a pull that finds its answers already stored.
import { expect } from '@open-wc/testing';
import { encodeHlc } from '../../../src/hlc.js';
import { uuidv7 } from '../../../src/ids.js';
import { deriveProgress, deriveSessionStatistics } from '../../../src/merge/derive.js';
import type { IndexedDBStorage } from '../../../src/storage/indexeddb-storage.js';
import { seqRuns } from '../../../src/storage/outbox-entries.js';
import type { AnswerRecord, Mutation, QueueEntry } from '../../../src/types.js';
import { unique } from '../../support/server.js';
import { cleanupStorages, makeStorage, newAnswer, newSession } from './helpers.js';

function mutation(): Mutation {
  return { id: uuidv7(), type: 'answer', action: 'create', data: { n: 1 }, hlc: encodeHlc({ wall: 1, counter: 0, node: 'd' }), clientTimestamp: 1 };
}

/** Enqueues for the users in turn, so their seqs interleave: [a, b, a, b, …]. */
async function interleave(storage: IndexedDBStorage, users: string[], rounds: number) {
  const byUser = new Map<string, number[]>(users.map((u) => [u, []]));
  for (let i = 0; i < rounds; i++) for (const user of users) byUser.get(user)!.push((await storage.enqueue(user, mutation())).seq!);
  return byUser;
}

describe('queue batch paths', () => {
  afterEach(cleanupStorages);

  it('groups seqs into runs of consecutive integers', () => {
    expect(seqRuns([])).to.deep.equal([]);
    expect(seqRuns([7, 3, 4, 5, 9, 8, 4, 12])).to.deep.equal([[3, 5], [7, 9], [12, 12]]);
  });

  it('acks, releases and dead-letters one user\'s entries between another\'s without touching them', async () => {
    const storage = makeStorage({ now: () => 0 });
    const alice = unique('alice');
    const bob = unique('bob');
    const seqs = await interleave(storage, [alice, bob], 4);
    const tail: number[] = [];
    for (let i = 0; i < 3; i++) tail.push((await storage.enqueue(alice, mutation())).seq!);
    const a = [...seqs.get(alice)!, ...tail];

    const leased = await storage.leaseBatch({ userId: alice, maxCount: 100, maxBytes: 1e9, leaseMs: 10, now: 0 });
    expect(leased.map((e) => e.seq)).to.deep.equal(a);
    const released = await storage.releaseQueueEntries([a[6]!, a[0]!, a[5]!], { countRetry: true, nextAttemptAt: 5 });
    // In the order asked for, each read once whatever run it was in.
    expect(released.map((e) => [e.seq, e.status, e.retryCount])).to.deep.equal([
      [a[6], 'pending', 1],
      [a[0], 'pending', 1],
      [a[5], 'pending', 1],
    ]);
    const letters = await storage.deadLetterQueueEntries([
      { seq: a[2]!, reason: { code: 'c2', message: 'two' } },
      { seq: a[1]!, reason: { code: 'c1', message: 'one' } },
    ]);
    expect(letters.map((l) => l.reason.code)).to.deep.equal(['c2', 'c1']);
    expect(letters.map((l) => l.id)).to.deep.equal([leased[2]!.mutation.id, leased[1]!.mutation.id]);

    // A run (the tail) and single seqs between bob's entries.
    await storage.ackQueueEntries([a[3]!, ...tail]);
    expect(await storage.countQueue(bob)).to.equal(4);
    const left = await storage.leaseBatch({ userId: alice, maxCount: 100, maxBytes: 1e9, leaseMs: 10, now: 100 });
    expect(left.map((e) => e.seq)).to.deep.equal([a[0]]);
    const bobs = await storage.leaseBatch({ userId: bob, maxCount: 100, maxBytes: 1e9, leaseMs: 10, now: 100 });
    expect(bobs.map((e) => [e.seq, e.status, e.retryCount])).to.deep.equal(seqs.get(bob)!.map((s) => [s, 'syncing', 0]));
  });

  it('stops a lease at an entry a live drainer holds, and takes expired leases up to maxCount', async () => {
    const storage = makeStorage({ now: () => 0 });
    const user = unique('u');
    const entries: QueueEntry[] = [];
    for (let i = 0; i < 5; i++) entries.push(await storage.enqueue(user, mutation()));
    const held = await storage.leaseBatch({ userId: user, maxCount: 2, maxBytes: 1e9, leaseMs: 1000, now: 0 });
    expect(held.map((e) => e.seq)).to.deep.equal([entries[0]!.seq, entries[1]!.seq]);
    await storage.releaseQueueEntries([entries[0]!.seq!], { countRetry: false, nextAttemptAt: 0 });
    // The first is due again; the second is still held: nothing after it may overtake it.
    const next = await storage.leaseBatch({ userId: user, maxCount: 10, maxBytes: 1e9, leaseMs: 1000, now: 10 });
    expect(next.map((e) => e.seq)).to.deep.equal([entries[0]!.seq]);
    // Once the leases ran out, the expired ones are taken back with those behind them, up to maxCount.
    const later = await storage.leaseBatch({ userId: user, maxCount: 3, maxBytes: 1e9, leaseMs: 1000, now: 1010 });
    expect(later.map((e) => e.seq)).to.deep.equal([entries[0]!.seq, entries[1]!.seq, entries[2]!.seq]);
    expect(later.every((e) => e.leaseUntil === 2010 && e.status === 'syncing')).to.equal(true);
    // A fractional maxCount takes while fewer than it are taken, as the cursor walk did.
    const rest = await storage.leaseBatch({ userId: user, maxCount: 1.5, maxBytes: 1e9, leaseMs: 1000, now: 2010 });
    expect(rest.map((e) => e.seq)).to.deep.equal([entries[0]!.seq, entries[1]!.seq]);
  });
});

describe('requeueing dead letters', () => {
  afterEach(cleanupStorages);

  it('puts several back at the end of the queue in the order asked, with their seqs', async () => {
    const storage = makeStorage({ now: () => 0 });
    const user = unique('u');
    const entries: QueueEntry[] = [];
    for (let i = 0; i < 4; i++) entries.push(await storage.enqueue(user, mutation()));
    const reason = { code: 'x', message: 'x' };
    await storage.deadLetterQueueEntries(entries.slice(0, 3).map((e) => ({ seq: e.seq!, reason })));
    const order = [entries[2]!, entries[0]!, entries[1]!].map((e) => e.mutation.id);
    const requeued = await storage.requeueDeadLetters(order);
    expect(requeued.map((e) => e.mutation.id)).to.deep.equal(order);
    const seqs = requeued.map((e) => e.seq!);
    expect(seqs.every((seq, i) => seq > entries[3]!.seq! && (i === 0 || seq > seqs[i - 1]!))).to.equal(true);
    const batch = await storage.leaseBatch({ userId: user, maxCount: 10, maxBytes: 1e9, leaseMs: 1, now: 0 });
    expect(batch.map((e) => e.mutation.id)).to.deep.equal([entries[3]!.mutation.id, ...order]);
    expect(batch.map((e) => e.seq)).to.deep.equal([entries[3]!.seq, ...seqs]);
    expect(await storage.listDeadLetters(user)).to.deep.equal([]);
  });
});

describe('applyRemoteChanges with answers already stored', () => {
  afterEach(cleanupStorages);

  it('skips the answers it has and merges the server\'s progress into the stored one', async () => {
    const storage = makeStorage({ now: () => 10_000 });
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user));
    const local: AnswerRecord[] = [];
    for (let i = 0; i < 6; i++) {
      local.push((await storage.recordAnswer(newAnswer(session, { itemId: i % 2 ? 'i2' : 'i1', answeredAt: 1000 + i, correct: i !== 4 }))).answer);
    }
    const statistics = await storage.getStatistics(session.id);
    const [i1Before] = await storage.getProgress(user, ['i1']);
    // Our own answers come back, with the server's progress: i1 also counts another device's
    // answer we never pulled; i3 was never answered here.
    const other = newAnswer(session, { deviceId: 'dev-c', itemId: 'i1', answeredAt: 5000 });
    const i1Remote = deriveProgress(user, 'i1', [...local.filter((a) => a.itemId === 'i1'), other]);
    const i2Remote = deriveProgress(user, 'i2', local.filter((a) => a.itemId === 'i2'));
    const i3Remote = deriveProgress(user, 'i3', [newAnswer(session, { deviceId: 'dev-c', itemId: 'i3', answeredAt: 6000 })]);
    const result = await storage.applyRemoteChanges(user, { answers: local, sessions: [], progress: [i1Remote, i2Remote, i3Remote] }, 'c1');

    expect(result).to.deep.equal({ answersAdded: 0, sessionsChanged: 0, sessionIds: [] });
    expect(await storage.getStatistics(session.id)).to.deep.equal(statistics);
    const [i1, i2, i3] = await storage.getProgress(user, ['i1', 'i2', 'i3']);
    expect(i1!.reviewCount).to.equal(i1Before!.reviewCount + 1);
    expect(i1!.lastReviewed).to.equal(5000);
    expect(i2).to.deep.equal(deriveProgress(user, 'i2', local.filter((a) => a.itemId === 'i2')));
    expect(i3).to.deep.equal(i3Remote);
    expect(await storage.getPullCursor(user)).to.equal('c1');
  });

  it('finds stored answers among many more stored ones in the page\'s id span', async () => {
    const storage = makeStorage({ now: () => 10_000 });
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user));
    // Ids are time-ordered: the page's first and last ids enclose 40 stored answers.
    const first = newAnswer(session, { id: uuidv7(1000), itemId: 'i1', answeredAt: 1000 });
    await storage.recordAnswer(first);
    const between: AnswerRecord[] = [];
    for (let i = 0; i < 40; i++) between.push((await storage.recordAnswer(newAnswer(session, { id: uuidv7(2000 + i), itemId: 'i2', answeredAt: 2000 + i }))).answer);
    const last = newAnswer(session, { id: uuidv7(9000), itemId: 'i1', answeredAt: 9000, deviceId: 'dev-remote' });
    const fresh = newAnswer(session, { id: uuidv7(9500), itemId: 'i3', answeredAt: 9500, deviceId: 'dev-remote' });
    const page = [first, between[39]!, fresh, last];

    const result = await storage.applyRemoteChanges(user, { answers: page, sessions: [], progress: [] }, 'c1');
    expect(result.answersAdded).to.equal(2);
    const all = [first, ...between, last, fresh];
    expect((await storage.getSessionAnswers(session.id)).map((a) => a.id).sort()).to.deep.equal(all.map((a) => a.id).sort());
    expect(await storage.getStatistics(session.id)).to.deep.equal(deriveSessionStatistics(session.id, user, all));
    const [i1] = await storage.getProgress(user, ['i1']);
    expect(i1).to.deep.equal(deriveProgress(user, 'i1', [first, last]));
  });
});
