import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { OfflineReview } from '../../src/engine.js';
import { CLEANUP_AGE_DAYS, CLEANUP_INTERVAL_MS } from '../../src/engine/maintenance.js';
import { offeredOptions, offerOptions } from '../../src/engine/offered-options.js';
import { IndexedDBStorage } from '../../src/storage/indexeddb-storage.js';
import { MetaKey } from '../../src/storage/meta-keys.js';
import { api, signIn, unique } from '../support/server.js';
import { newAnswer, newSession } from './storage/helpers.js';

const DAY = 24 * 60 * 60 * 1000;
const engines: OfflineReview[] = [];
const databases: string[] = [];

function engineOn(dbName: string, userId: string): OfflineReview {
  const engine = OfflineReview.for({ userId, dbName, autoSync: false });
  engines.push(engine);
  return engine;
}

/** A finished session of `userId`, `days` old, whose every change reached the server. */
async function oldSyncedSession(dbName: string, userId: string, days: number): Promise<string> {
  const then = Date.now() - days * DAY;
  const storage = new IndexedDBStorage({ dbName, now: () => then });
  const { session } = await storage.createSession(newSession(userId, { startedAt: then, lastActivityAt: then }));
  await storage.recordAnswer(newAnswer(session, { answeredAt: then }));
  await storage.setSessionStatus(session.id, 'completed', then);
  const batch = await storage.leaseBatch({ userId, maxCount: 100, maxBytes: 1e9, leaseMs: 1, now: Date.now() });
  await storage.ackQueueEntries(batch.map((entry) => entry.seq!));
  storage.close();
  return session.id;
}

async function sessionExists(dbName: string, id: string): Promise<boolean> {
  const storage = new IndexedDBStorage({ dbName });
  try {
    return (await storage.getSession(id)) !== null;
  } finally {
    storage.close();
  }
}

describe('OfflineReview.for options', () => {
  afterEach(async () => {
    for (const engine of engines.splice(0)) engine.close();
    for (const name of databases.splice(0)) await deleteDB(name);
    await api.clear();
  });

  it('shares the engine with a compatible call and refuses a conflicting one with engine-conflict', async () => {
    const userId = unique('u');
    const dbName = unique('db');
    databases.push(dbName);
    const headers = (): HeadersInit => ({ 'x-csrf-token': 'abc' });
    const engine = OfflineReview.for({ userId, dbName, apiBase: '/api/review', headers, autoSync: false, syncTuning: { writeDebounceMs: 0 } });
    engines.push(engine);
    // The tags give only the user, the API base and the database: they share the site's engine.
    expect(OfflineReview.for({ userId, dbName, apiBase: '/api/review' })).to.equal(engine);
    expect(OfflineReview.for({ userId, dbName, headers, autoSync: false, syncTuning: { writeDebounceMs: 0 } })).to.equal(engine);
    const conflicts: Array<[Partial<Parameters<typeof OfflineReview.for>[0]>, string]> = [
      [{ apiBase: '/elsewhere' }, 'apiBase'],
      [{ headers: () => ({}) }, 'headers'],
      [{ autoSync: true }, 'autoSync'],
      [{ timeoutMs: 1 }, 'timeoutMs'],
      [{ syncTuning: { writeDebounceMs: 5 } }, 'syncTuning.writeDebounceMs'],
    ];
    for (const [options, option] of conflicts) {
      expect(() => OfflineReview.for({ userId, dbName, ...options }))
        .to.throw()
        .that.deep.includes({ code: 'engine-conflict', details: { option, dbName, userId } });
    }
    // Without a conflict the lookup also tells databases and users apart, and the default
    // API base is the one an engine made without one has.
    const plain = OfflineReview.for({ userId: `${userId}-b`, dbName, autoSync: false });
    engines.push(plain);
    expect(OfflineReview.for({ userId: `${userId}-b`, dbName, apiBase: '/api/review' })).to.equal(plain);
    expect(plain).not.to.equal(engine);
    // A closed engine is replaced, whatever options the new one has.
    engine.close();
    const next = OfflineReview.for({ userId, dbName, apiBase: '/elsewhere', autoSync: false });
    engines.push(next);
    expect(next).not.to.equal(engine);
    expect(next.apiBase).to.equal('/elsewhere');
  });

  it('makes an engine with the options a tag offered where the call gives none, and not after they are withdrawn', () => {
    const userId = unique('u');
    const dbName = unique('db');
    databases.push(dbName);
    const tagHeaders = (): HeadersInit => ({ 'x-csrftoken': 'tag' });
    const withdraw = offerOptions({ userId, dbName }, { apiBase: '/tag-api', headers: tagHeaders });
    // Another user's offer on the same database is not this engine's.
    const otherWithdraw = offerOptions({ userId: `${userId}-other`, dbName }, { apiBase: '/other-api' });
    const engine = engineOn(dbName, userId);
    expect(engine.apiBase).to.equal('/tag-api');
    // It was made with the tag's options: the tag's own call shares it, another value conflicts as before.
    expect(OfflineReview.for({ userId, dbName, apiBase: '/tag-api', headers: tagHeaders })).to.equal(engine);
    expect(() => OfflineReview.for({ userId, dbName, apiBase: '/api/review' }))
      .to.throw()
      .that.deep.includes({ code: 'engine-conflict', details: { option: 'apiBase', dbName, userId } });
    engine.close();
    // An option the script gives itself wins over the offer.
    const own = OfflineReview.for({ userId, dbName, apiBase: '/script-api', autoSync: false });
    engines.push(own);
    expect(own.apiBase).to.equal('/script-api');
    expect(OfflineReview.for({ userId, dbName, headers: tagHeaders })).to.equal(own);
    own.close();
    withdraw();
    otherWithdraw();
    const after = engineOn(dbName, userId);
    expect(after.apiBase).to.equal('/api/review');
  });

  it('keeps every live offer: each option from the newest that gives it, and a withdrawal takes back only its own', () => {
    const identity = { userId: unique('u'), dbName: unique('db') };
    const indicatorHeaders = (): HeadersInit => ({ 'x-csrftoken': 'indicator' });
    const reviewHeaders = (): HeadersInit => ({ 'x-csrftoken': 'review' });
    const indicator = offerOptions(identity, { apiBase: '/api', headers: indicatorHeaders });
    const review = offerOptions(identity, { apiBase: '/api', headers: reviewHeaders, tokenUrl: '/token' });
    expect(offeredOptions(identity)).to.deep.equal({ apiBase: '/api', headers: reviewHeaders, tokenUrl: '/token' });
    // The review tag goes (the end of its session): the indicator's sign-in still stands.
    review();
    expect(offeredOptions(identity)).to.deep.equal({ apiBase: '/api', headers: indicatorHeaders });
    // A tag without sign-in attributes offers later: it takes nothing away.
    const plain = offerOptions(identity, { apiBase: '/api' });
    expect(offeredOptions(identity).headers).to.equal(indicatorHeaders);
    indicator();
    expect(offeredOptions(identity)).to.deep.equal({ apiBase: '/api' });
    plain();
    expect(offeredOptions(identity)).to.deep.equal({});
  });

  it('removes old synced sessions when it starts, at most once a day', async () => {
    const userId = unique('u');
    signIn(userId);
    const dbName = unique('db');
    databases.push(dbName);
    // A page made the database before; its oldest session ended long ago and reached the server.
    const old = await oldSyncedSession(dbName, userId, CLEANUP_AGE_DAYS + 10);
    const recent = await oldSyncedSession(dbName, userId, CLEANUP_AGE_DAYS - 10);
    const first = engineOn(dbName, userId);
    await first.ready;
    expect(await sessionExists(dbName, old)).to.equal(false);
    expect(await sessionExists(dbName, recent)).to.equal(true);
    first.close();

    // Within the day, a start does not clean again.
    const again = await oldSyncedSession(dbName, userId, CLEANUP_AGE_DAYS + 10);
    const second = engineOn(dbName, userId);
    await second.ready;
    expect(await sessionExists(dbName, again)).to.equal(true);
    second.close();

    // A day later it does.
    const storage = new IndexedDBStorage({ dbName });
    await storage.setMeta(MetaKey.CleanupAt, Date.now() - CLEANUP_INTERVAL_MS - 1);
    storage.close();
    const third = engineOn(dbName, userId);
    await third.ready;
    expect(await sessionExists(dbName, again)).to.equal(false);
  });
});
