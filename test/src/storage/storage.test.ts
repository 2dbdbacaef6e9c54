import { expect } from '@open-wc/testing';
import { isOfflineReviewError } from '../../../src/errors.js';
import { isHlc, compareHlc } from '../../../src/hlc.js';
import { isUuid } from '../../../src/ids.js';
import { MetaKey } from '../../../src/storage/meta-keys.js';
import { unique } from '../../support/server.js';
import { cleanupStorages, makeStorage, newAnswer, newSession } from './helpers.js';
import { rejection } from '../../support/rejection.js';

describe('IndexedDBStorage', () => {
  afterEach(cleanupStorages);

  it('initializes the database with every store and one device id', async () => {
    const storage = makeStorage();
    await storage.initialize();
    const db = await storage.db();
    expect([...db.objectStoreNames].sort()).to.deep.equal(
      ['answers', 'cardStates', 'content', 'deadLetters', 'meta', 'progress', 'retractions', 'sessions', 'statistics', 'syncQueue'],
    );
    const id = await storage.getDeviceId();
    expect(isUuid(id)).to.equal(true);
    expect(await storage.getMeta(MetaKey.DeviceId)).to.equal(id);
    // A second instance on the same database sees the same device.
    const again = makeStorage({ dbName: storage.dbName });
    expect(await again.getDeviceId()).to.equal(id);
  });

  it('saves and retrieves sessions', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const { session, mutation } = await storage.createSession(newSession(user, { startedAt: 2000, lastActivityAt: 2000 }));
    await storage.createSession(newSession(user, { startedAt: 1000, lastActivityAt: 1000, deckId: 'deck-2' }));
    expect(await storage.getSession(session.id)).to.deep.equal(session);
    expect(await storage.getSession('nope')).to.equal(null);
    expect((await storage.getUserSessions(user)).map((s) => s.startedAt)).to.deep.equal([1000, 2000]);
    expect(isHlc(session.statusHlc)).to.equal(true);
    expect(session.deviceId).to.equal(await storage.getDeviceId());
    expect(mutation).to.include({ type: 'session', action: 'create' });
    expect(mutation!.data).to.deep.equal(session);
    expect(await storage.countQueue(user)).to.equal(2);
    // saveSession (the first design's method) writes without queueing.
    await storage.saveSession({ ...session, lastActivityAt: 5000 });
    expect((await storage.getSession(session.id))!.lastActivityAt).to.equal(5000);
    expect(await storage.countQueue(user)).to.equal(2);
    // Creating the same session again changes nothing.
    const again = await storage.createSession(newSession(user, { id: session.id }));
    expect(again.mutation).to.equal(null);
    expect(await storage.countQueue(user)).to.equal(2);
  });

  it('records an answer with its session, statistics, progress, HLC and queue entry', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user, { startedAt: 1000, lastActivityAt: 1000 }));
    const first = await storage.recordAnswer(newAnswer(session, { answeredAt: 5000, correct: true }));
    const second = await storage.recordAnswer(newAnswer(session, { answeredAt: 6000, correct: false, rating: 1, itemId: 'i2' }));
    expect(second.duplicate).to.equal(false);
    expect(second.session.lastActivityAt).to.equal(6000);
    expect((await storage.getSession(session.id))!.lastActivityAt).to.equal(6000);
    const stats = await storage.getStatistics(session.id);
    expect(stats).to.deep.equal(second.statistics);
    expect(stats).to.include({ answered: 2, correct: 1 });
    const progress = await storage.getProgress(user);
    expect(progress.map((p) => [p.itemId, p.reviewCount, p.correctCount])).to.deep.equal([
      ['i1', 1, 1],
      ['i2', 1, 0],
    ]);
    expect((await storage.getProgress(user, ['i2', 'zz'])).map((p) => p.itemId)).to.deep.equal(['i2']);
    expect((await storage.getSessionAnswers(session.id)).map((a) => a.id)).to.deep.equal([first.answer.id, second.answer.id]);
    expect(first.mutation).to.include({ type: 'answer', action: 'create' });
    expect(first.mutation!.data).to.deep.equal(first.answer);
    expect(compareHlc(first.mutation!.hlc, second.mutation!.hlc)).to.equal(-1);
    expect(await storage.getMeta(MetaKey.Hlc)).to.equal(second.mutation!.hlc);
    expect(await storage.countQueue(user)).to.equal(3);
    // Counted in the answer's transaction: the session's entry and the answers so far.
    expect(first.queued).to.deep.equal({ pending: 2, answers: 1 });
    expect(second.queued).to.deep.equal({ pending: 3, answers: 2 });
  });

  it('counts the user\'s queue in the answer\'s transaction: only theirs, and as the write leaves it', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const other = unique('other');
    const { session } = await storage.createSession(newSession(user));
    const { session: theirs } = await storage.createSession(newSession(other));
    await storage.recordAnswer(newAnswer(theirs, { itemId: 'x' }));
    const leased = await storage.leaseBatch({ userId: user, maxCount: 1, maxBytes: 1e9, leaseMs: 60_000, now: Date.now() });
    expect(leased).to.have.length(1);
    const written = await storage.recordAnswer(newAnswer(session));
    // A leased (syncing) entry is still the user's: it leaves the queue only once acknowledged.
    expect(written.queued).to.deep.equal({ pending: 2, answers: 1 });
    expect(written.queued).to.deep.equal(await storage.countPending(user));
    await storage.ackQueueEntries(leased.map((entry) => entry.seq!));
    expect(await storage.countPending(user)).to.deep.equal({ pending: 1, answers: 1 });
    expect(await storage.countPending(other)).to.deep.equal({ pending: 2, answers: 1 });
  });

  it('treats a duplicate answer id as a no-op: no second queue entry', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user));
    const answer = newAnswer(session);
    await storage.recordAnswer(answer);
    const again = await storage.recordAnswer({ ...answer });
    expect(again.duplicate).to.equal(true);
    expect(again.mutation).to.equal(null);
    expect(again.queued).to.equal(null);
    expect(again.statistics.answered).to.equal(1);
    expect(await storage.countQueue(user)).to.equal(2);
    expect(await storage.getSessionAnswers(session.id)).to.have.length(1);
  });

  it('rejects answers for unknown or ended sessions and malformed answers, storing nothing', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user));
    const missing = await rejection(storage.recordAnswer(newAnswer({ id: 'no-such', userId: user })));
    expect(isOfflineReviewError(missing, 'not-found')).to.equal(true);
    const bad = await rejection(storage.recordAnswer({ ...newAnswer(session), correct: 'yes' as unknown as boolean }));
    expect(isOfflineReviewError(bad, 'invalid-input')).to.equal(true);
    const other = await rejection(storage.recordAnswer(newAnswer({ id: session.id, userId: unique('u') })));
    expect(isOfflineReviewError(other, 'invalid-input')).to.equal(true);
    await storage.setSessionStatus(session.id, 'completed', 9000);
    const ended = await rejection(storage.recordAnswer(newAnswer(session)));
    expect(isOfflineReviewError(ended, 'invalid-input')).to.equal(true);
    expect(await storage.getSessionAnswers(session.id)).to.deep.equal([]);
    expect(await storage.countQueue(user)).to.equal(2);
  });

  it('leaves nothing behind when a write inside the transaction fails', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user, { startedAt: 1000, lastActivityAt: 1000 }));
    const hlc = await storage.getMeta(MetaKey.Hlc);
    // The session, statistics and progress puts are issued first; the answer cannot be cloned,
    // so IndexedDB refuses it and the transaction is aborted.
    const unstorable = { ...newAnswer(session, { answeredAt: 9000 }), extra: () => 1 } as never;
    const error = await rejection(storage.recordAnswer(unstorable));
    expect(isOfflineReviewError(error, 'invalid-input')).to.equal(true);
    expect((error as Error).cause).to.have.property('name', 'DataCloneError');
    expect(await storage.getSession(session.id)).to.deep.equal(session);
    expect(await storage.getStatistics(session.id)).to.equal(null);
    expect(await storage.getProgress(user)).to.deep.equal([]);
    expect(await storage.getSessionAnswers(session.id)).to.deep.equal([]);
    expect(await storage.countQueue(user)).to.equal(1);
    expect(await storage.getMeta(MetaKey.Hlc)).to.equal(hlc);
  });

  it('sets a session status with an HLC and a queued update; terminal is final', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user, { startedAt: 1000, lastActivityAt: 1000 }));
    const paused = await storage.setSessionStatus(session.id, 'paused', 2000);
    expect(paused.session).to.include({ status: 'paused', endedAt: null, lastActivityAt: 2000 });
    expect(compareHlc(session.statusHlc, paused.session.statusHlc)).to.equal(-1);
    expect(paused.mutation).to.include({ type: 'session', action: 'update' });
    expect((await storage.setSessionStatus(session.id, 'paused', 2500)).mutation).to.equal(null);
    const done = await storage.setSessionStatus(session.id, 'completed', 3000);
    expect(done.session).to.include({ status: 'completed', endedAt: 3000 });
    const reopen = await rejection(storage.setSessionStatus(session.id, 'active', 4000));
    expect(isOfflineReviewError(reopen, 'invalid-input')).to.equal(true);
    const missing = await rejection(storage.setSessionStatus('nope', 'active', 4000));
    expect(isOfflineReviewError(missing, 'not-found')).to.equal(true);
    const invalid = await rejection(storage.setSessionStatus(session.id, 'weird' as 'active', 4000));
    expect(isOfflineReviewError(invalid, 'invalid-input')).to.equal(true);
    expect(await storage.countQueue(user)).to.equal(3);
  });

  it('finds the latest unfinished session of a user on a deck', async () => {
    const storage = makeStorage();
    const user = unique('u');
    expect(await storage.findResumableSession(user, 'deck-1')).to.equal(null);
    const a = await storage.createSession(newSession(user, { lastActivityAt: 1000 }));
    const b = await storage.createSession(newSession(user, { lastActivityAt: 3000 }));
    await storage.createSession(newSession(user, { lastActivityAt: 9000, deckId: 'other' }));
    await storage.createSession(newSession(unique('u'), { lastActivityAt: 9000 }));
    expect((await storage.findResumableSession(user, 'deck-1'))!.id).to.equal(b.session.id);
    await storage.setSessionStatus(b.session.id, 'abandoned', 4000);
    expect((await storage.findResumableSession(user, 'deck-1'))!.id).to.equal(a.session.id);
  });

  it('validates sessions and throws closed after close()', async () => {
    const storage = makeStorage();
    const bad = await rejection(storage.createSession({ ...newSession('u'), mode: 'x' as 'grade' }));
    expect(isOfflineReviewError(bad, 'invalid-input')).to.equal(true);
    await storage.setMeta('config', { apiBase: '/api/review', userId: 'u' });
    expect(await storage.getMeta('config')).to.deep.equal({ apiBase: '/api/review', userId: 'u' });
    expect(await storage.getPullCursor('u')).to.equal(null);
    storage.close();
    const closed = await rejection(storage.getSession('x'));
    expect(isOfflineReviewError(closed, 'closed')).to.equal(true);
  });
});
