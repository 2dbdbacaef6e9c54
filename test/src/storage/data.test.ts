import { expect } from '@open-wc/testing';
import { isOfflineReviewError } from '../../../src/errors.js';
import { compareHlc, decodeHlc, encodeHlc } from '../../../src/hlc.js';
import { deriveProgress, deriveSessionStatistics } from '../../../src/merge/derive.js';
import { defaultSchedulerParameters, deriveCardState, localLearnerDay } from '../../../src/scheduler/index.js';
import { StorageQuotaManager } from '../../../src/storage/quota.js';
import { MetaKey } from '../../../src/storage/meta-keys.js';
import type { AnswerRecord, ReviewSession } from '../../../src/types.js';
import { unique } from '../../support/server.js';
import { cleanupStorages, item, makeStorage, newAnswer, newSession } from './helpers.js';
import { rejection } from '../../support/rejection.js';

const DAY = 24 * 3600_000;

describe('IndexedDBStorage content cache', () => {
  afterEach(cleanupStorages);

  it('returns content in the order asked, leaves out unknown ids, and marks use', async () => {
    let now = 100;
    const storage = makeStorage({ now: () => now });
    await storage.cacheContent([item('a'), item('b'), item('c')]);
    now = 200;
    const got = await storage.getContent(['c', 'zz', 'a']);
    expect(got.map((c) => c.id)).to.deep.equal(['c', 'a']);
    expect(got.map((c) => c.lastAccessed)).to.deep.equal([200, 200]);
    expect((await storage.getContent(['b']))[0]!.lastAccessed).to.equal(200);
    const db = await storage.db();
    expect((await db.get('content', 'c'))!.lastAccessed).to.equal(200);
  });

  it('keeps the newer version and never downgrades', async () => {
    const storage = makeStorage();
    await storage.cacheContent([item('a', 2, { prompt: 'two' })]);
    await storage.cacheContent([item('a', 1, { prompt: 'one' })]);
    expect((await storage.getContent(['a']))[0]).to.include({ version: 2, prompt: 'two' });
    await storage.cacheContent([item('a', 3, { prompt: 'three' }), item('a', 2, { prompt: 'late two' })]);
    expect((await storage.getContent(['a']))[0]).to.include({ version: 3, prompt: 'three' });
    await storage.cacheContent([item('a', 3, { prompt: 'three fixed' })]);
    expect((await storage.getContent(['a']))[0]).to.include({ version: 3, prompt: 'three fixed' });
  });

  it('rejects malformed content without writing any of it', async () => {
    const storage = makeStorage();
    const error = await rejection(storage.cacheContent([item('ok'), { ...item('bad'), version: 'x' as unknown as number }]));
    expect(isOfflineReviewError(error, 'invalid-input')).to.equal(true);
    expect(await storage.getContent(['ok'])).to.deep.equal([]);
    const notArray = await rejection(storage.cacheContent('x' as unknown as []));
    expect(isOfflineReviewError(notArray, 'invalid-input')).to.equal(true);
  });
});

describe('IndexedDBStorage cleanupOldData', () => {
  afterEach(cleanupStorages);

  it('removes old synced data and keeps anything unsynced or recent', async () => {
    let now = Date.UTC(2026, 0, 1);
    const storage = makeStorage({ now: () => now });
    const user = unique('u');
    const start = now;
    const synced = await storage.createSession(newSession(user, { startedAt: start, lastActivityAt: start }));
    const old = newAnswer(synced.session, { answeredAt: start, itemId: 'i1', rating: 3 });
    await storage.recordAnswer(old);
    await storage.setSessionStatus(synced.session.id, 'completed', start);
    const unsynced = await storage.createSession(newSession(user, { startedAt: start, lastActivityAt: start }));
    const unsent = newAnswer(unsynced.session, { answeredAt: start + 1, itemId: 'i1' });
    await storage.recordAnswer(unsent);
    await storage.setSessionStatus(unsynced.session.id, 'completed', start);
    const dead = await storage.createSession(newSession(user, { startedAt: start, lastActivityAt: start }));
    await storage.setSessionStatus(dead.session.id, 'abandoned', start);
    const activeOld = await storage.createSession(newSession(user, { startedAt: start, lastActivityAt: start }));
    await storage.cacheContent([item('old')]);

    // Everything about `synced` and `activeOld` reached the server; `dead`'s update was refused.
    const batch = await storage.leaseBatch({ userId: user, maxCount: 100, maxBytes: 1e9, leaseMs: 1, now });
    const isFor = (id: string) => batch.filter((e) => e.sessionId === id).map((e) => e.seq!);
    await storage.ackQueueEntries([...isFor(synced.session.id), ...isFor(activeOld.session.id), isFor(dead.session.id)[0]!]);
    await storage.deadLetterQueueEntries([{ seq: isFor(dead.session.id)[1]!, reason: { code: 'conflict', message: 'no' } }]);
    await storage.releaseQueueEntries(isFor(unsynced.session.id), { countRetry: false, nextAttemptAt: now });

    now += 40 * DAY;
    await storage.cacheContent([item('fresh')]);
    const result = await storage.cleanupOldData(30);

    expect(result).to.deep.equal({ sessions: 1, content: 1 });
    expect(await storage.getSession(synced.session.id)).to.equal(null);
    expect(await storage.getStatistics(synced.session.id)).to.equal(null);
    // Its answers stay: the card's next answer is derived with them, not as a new card's first.
    expect((await storage.getSessionAnswers(synced.session.id)).map((a) => a.id)).to.deep.equal([old.id]);
    const later = await storage.createSession(newSession(user, { startedAt: now, lastActivityAt: now }));
    const next = newAnswer(later.session, { answeredAt: now, itemId: 'i1', rating: 3 });
    const written = await storage.recordAnswer(next);
    expect(written.cardState).to.deep.equal(deriveCardState('i1', [old, unsent, next], new Set(), defaultSchedulerParameters, localLearnerDay()));
    expect(written.cardState!.answerCount).to.equal(3);
    expect(await storage.getSession(unsynced.session.id)).to.not.equal(null);
    expect(await storage.getSessionAnswers(unsynced.session.id)).to.have.length(1);
    expect(await storage.getSession(dead.session.id)).to.not.equal(null);
    expect(await storage.getSession(activeOld.session.id)).to.not.equal(null);
    expect((await storage.getContent(['old', 'fresh'])).map((c) => c.id)).to.deep.equal(['fresh']);
    expect(await storage.getProgress(user)).to.have.length(1);

    // Not old enough: nothing goes.
    expect(await storage.cleanupOldData(365)).to.deep.equal({ sessions: 0, content: 0 });
    const bad = await rejection(storage.cleanupOldData(-1));
    expect(isOfflineReviewError(bad, 'invalid-input')).to.equal(true);
  });

  it('evicts on demand: unused content first, then old synced sessions, never unsynced ones', async () => {
    let now = Date.UTC(2026, 0, 1);
    const storage = makeStorage({ now: () => now, quota: { sessionMinAgeMs: DAY, contentShare: 1 } });
    const user = unique('u');
    const active = await storage.createSession(newSession(user, { itemIds: ['needed'] }));
    const old = await storage.createSession(newSession(user, { startedAt: now, lastActivityAt: now }));
    await storage.setSessionStatus(old.session.id, 'completed', now);
    const pending = await storage.createSession(newSession(user, { startedAt: now, lastActivityAt: now }));
    await storage.setSessionStatus(pending.session.id, 'completed', now);
    const batch = await storage.leaseBatch({ userId: user, maxCount: 100, maxBytes: 1e9, leaseMs: 1, now });
    await storage.ackQueueEntries(batch.filter((e) => e.sessionId !== pending.session.id).map((e) => e.seq!));
    await storage.cacheContent([item('needed'), item('spare')]);
    now += 2 * DAY;

    expect(await storage.quota.evict()).to.deep.equal({ content: 1, sessions: 0 });
    expect((await storage.getContent(['needed', 'spare'])).map((c) => c.id)).to.deep.equal(['needed']);
    expect(await storage.quota.evict()).to.deep.equal({ content: 0, sessions: 1 });
    expect(await storage.getSession(old.session.id)).to.equal(null);
    expect(await storage.getSession(pending.session.id)).to.not.equal(null);
    expect(await storage.getSession(active.session.id)).to.not.equal(null);
    expect(await storage.quota.evict()).to.deep.equal({ content: 0, sessions: 0 });
  });
});

describe('IndexedDBStorage applyRemoteChanges', () => {
  afterEach(cleanupStorages);

  function remoteAnswer(session: { id: string; userId: string }, overrides: Partial<AnswerRecord>): AnswerRecord {
    return newAnswer(session, { deviceId: 'dev-remote', ...overrides });
  }

  it('adds answers as a union, merges sessions, and re-derives exact counts', async () => {
    const storage = makeStorage({ now: () => 10_000 });
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user, { startedAt: 1000, lastActivityAt: 1000 }));
    const local = [
      (await storage.recordAnswer(newAnswer(session, { itemId: 'i1', answeredAt: 2000, correct: true }))).answer,
      (await storage.recordAnswer(newAnswer(session, { itemId: 'i2', answeredAt: 2100, correct: false, rating: 1 }))).answer,
    ];
    const remote = [
      remoteAnswer(session, { itemId: 'i1', answeredAt: 1500, correct: false, rating: 1 }),
      remoteAnswer(session, { itemId: 'i1', answeredAt: 3000, correct: true }),
      remoteAnswer(session, { itemId: 'i3', answeredAt: 3100, correct: true }),
    ];
    const remoteHlc = encodeHlc({ wall: 9_000_000, counter: 3, node: 'dev-remote' });
    const remoteSession: ReviewSession = { ...session, status: 'completed', statusHlc: remoteHlc, lastActivityAt: 3100, endedAt: 3100, deviceId: 'dev-remote' };
    const foreign = remoteAnswer({ id: session.id, userId: unique('other') }, {});

    // Delivered twice, overlapping what we have: nothing counts twice.
    const changes = { answers: [...remote, local[0]!, foreign], sessions: [remoteSession], progress: [] };
    const first = await storage.applyRemoteChanges(user, changes, 'c1');
    const second = await storage.applyRemoteChanges(user, changes, 'c2');
    expect(first).to.deep.equal({ answersAdded: 3, sessionsChanged: 1, sessionIds: [session.id] });
    expect(second).to.deep.equal({ answersAdded: 0, sessionsChanged: 0, sessionIds: [] });

    const all = [...local, ...remote];
    const stored = await storage.getSessionAnswers(session.id);
    expect(stored.map((a) => a.id).sort()).to.deep.equal(all.map((a) => a.id).sort());
    expect(await storage.getStatistics(session.id)).to.deep.equal(deriveSessionStatistics(session.id, user, all));
    expect((await storage.getStatistics(session.id))!.answered).to.equal(5);
    for (const itemId of ['i1', 'i2', 'i3']) {
      const [progress] = await storage.getProgress(user, [itemId]);
      expect(progress, itemId).to.deep.equal(deriveProgress(user, itemId, all.filter((a) => a.itemId === itemId)));
    }
    const merged = (await storage.getSession(session.id))!;
    expect(merged).to.include({ status: 'completed', lastActivityAt: 3100 });
    expect(await storage.getPullCursor(user)).to.equal('c2');
    // The local clock moved past the remote one: a later local write orders after it.
    expect(compareHlc(String(await storage.getMeta(MetaKey.Hlc)), remoteHlc)).to.equal(1);
    expect(decodeHlc(String(await storage.getMeta(MetaKey.Hlc))).node).to.equal(await storage.getDeviceId());
  });

  it('stores new remote sessions and merges remote progress snapshots without losing counts', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const session: ReviewSession = {
      ...newSession(user),
      statusHlc: encodeHlc({ wall: 5, counter: 0, node: 'r' }),
      deviceId: 'r',
    } as ReviewSession;
    const answers = [remoteAnswer(session, { itemId: 'i1', answeredAt: 10 }), remoteAnswer(session, { itemId: 'i1', answeredAt: 20 })];
    // The server's snapshot also counts answers of another device that we never pulled.
    const snapshot = deriveProgress(user, 'i1', [...answers, newAnswer(session, { deviceId: 'dev-c', itemId: 'i1', answeredAt: 30 })]);
    await storage.applyRemoteChanges(user, { answers, sessions: [session], progress: [snapshot] }, 'c1');
    expect(await storage.getSession(session.id)).to.deep.equal(session);
    const [progress] = await storage.getProgress(user, ['i1']);
    expect(progress!.reviewCount).to.equal(3);
    expect(progress!.lastReviewed).to.equal(30);
  });

  it('rejects something that is not a change set', async () => {
    const storage = makeStorage();
    const error = await rejection(storage.applyRemoteChanges('u', { answers: [] } as never, 'c'));
    expect(isOfflineReviewError(error, 'invalid-input')).to.equal(true);
    const noCursor = await rejection(storage.applyRemoteChanges('u', { answers: [], sessions: [], progress: [] }, 1 as never));
    expect(isOfflineReviewError(noCursor, 'invalid-input')).to.equal(true);
    expect(await storage.getPullCursor('u')).to.equal(null);
  });
});

describe('StorageQuotaManager', () => {
  afterEach(cleanupStorages);

  it('reports the real estimate and asks for persistence (zeros and false where there is no navigator.storage)', async () => {
    const storage = makeStorage();
    await storage.cacheContent([item('a')]);
    const estimate = await storage.quota.estimate();
    if (!('storage' in navigator)) {
      // WebKitGTK: no StorageManager. What the product does there: no estimate, no persistence.
      expect(estimate).to.deep.equal({ usage: 0, quota: 0 });
      expect(await storage.quota.persist()).to.equal(false);
      return;
    }
    expect(estimate.quota).to.be.greaterThan(0);
    expect(estimate.usage).to.be.at.least(0);
    const persisted = await storage.quota.persist();
    expect(persisted).to.equal(await navigator.storage.persisted());
  });

  it('retries a write once after evicting, and passes other errors through', async () => {
    const storage = makeStorage({ quota: { contentShare: 1 } });
    await storage.cacheContent([item('spare-1'), item('spare-2')]);
    const quotaError = () => new DOMException('no room', 'QuotaExceededError');
    let calls = 0;
    const ok = await storage.quota.run(async () => {
      calls += 1;
      if (calls === 1) throw quotaError();
      return 'stored';
    });
    expect([ok, calls]).to.deep.equal(['stored', 2]);
    expect(await storage.getContent(['spare-1', 'spare-2'])).to.deep.equal([]);

    await storage.cacheContent([item('spare-3')]);
    calls = 0;
    const other = await rejection(
      storage.quota.run(async () => {
        calls += 1;
        throw calls === 1 ? quotaError() : new TypeError('broken');
      }),
    );
    expect(other).to.be.instanceOf(TypeError);
    const plain = await rejection(storage.quota.run(async () => Promise.reject(new RangeError('x'))));
    expect(plain).to.be.instanceOf(RangeError);
  });

  it('has nothing to evict without a database', async () => {
    const manager = new StorageQuotaManager();
    expect(await manager.evict()).to.deep.equal({ content: 0, sessions: 0 });
    const error = await rejection(manager.run(async () => Promise.reject(new DOMException('no room', 'QuotaExceededError'))));
    expect(isOfflineReviewError(error, 'storage-full')).to.equal(true);
  });

  it('makes a device id again if the stored one is gone', async () => {
    const storage = makeStorage();
    const first = await storage.getDeviceId();
    await (await storage.db()).delete('meta', MetaKey.DeviceId);
    const again = makeStorage({ dbName: storage.dbName });
    const second = await again.getDeviceId();
    expect(second).to.not.equal(first);
    expect(await again.getDeviceId()).to.equal(second);
  });
});
