import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { isOfflineReviewError } from '../../../src/errors.js';
import { decodeHlc, isHlc } from '../../../src/hlc.js';
import { isUuid } from '../../../src/ids.js';
import { DB_VERSION, openExistingReviewDatabase } from '../../../src/storage/connect.js';
import { MetaKey } from '../../../src/storage/meta-keys.js';
import { Outbox } from '../../../src/storage/outbox.js';
import { openReviewDatabase } from '../../../src/storage/upgrades.js';
import { rejection } from '../../support/rejection.js';
import { unique } from '../../support/server.js';
import { cleanupStorages, makeStorage } from './helpers.js';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Version 1 of the database, as the first design's `initialize()` made it (docs/design.md, "Where it started"). */
async function createSpecV1(name: string, extra?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    extra?.(db);
    const sessionStore = db.createObjectStore('sessions', { keyPath: 'id' });
    sessionStore.createIndex('userId', 'userId', { unique: false });
    sessionStore.createIndex('status', 'status', { unique: false });
    sessionStore.createIndex('startedAt', 'startedAt', { unique: false });
    const contentStore = db.createObjectStore('content', { keyPath: 'id' });
    contentStore.createIndex('contentType', 'contentType', { unique: false });
    contentStore.createIndex('lastAccessed', 'lastAccessed', { unique: false });
    const syncStore = db.createObjectStore('syncQueue', { keyPath: 'id', autoIncrement: true });
    syncStore.createIndex('timestamp', 'timestamp', { unique: false });
    syncStore.createIndex('type', 'type', { unique: false });
    syncStore.createIndex('status', 'status', { unique: false });
    const statsStore = db.createObjectStore('statistics', { keyPath: 'sessionId' });
    statsStore.createIndex('userId', 'userId', { unique: false });
  };
  return request(open);
}

describe('schema upgrades', () => {
  afterEach(cleanupStorages);

  it('upgrades a version 1 database and keeps every unsent queue item, sendable, in order', async () => {
    const name = unique('v1');
    const user = unique('u');
    const v1 = await createSpecV1(name);
    const tx = v1.transaction(['syncQueue', 'sessions', 'content', 'statistics'], 'readwrite');
    const queue = tx.objectStore('syncQueue');
    const items = [
      { type: 'session', action: 'create', data: { id: 's1', userId: user, status: 'active' }, timestamp: 1000, retryCount: 0, status: 'pending' },
      { type: 'answer', action: 'create', data: { id: 'a1', sessionId: 's1', userId: user, correct: true }, timestamp: 1001, retryCount: 2, status: 'failed', error: 'boom' },
      { type: 'answer', action: 'create', data: { id: 'a0', sessionId: 's0', userId: user }, timestamp: 999, retryCount: 0, status: 'completed' },
      { type: 'statistics', action: 'update', data: { sessionId: 's1', userId: user, correctItems: 1 }, timestamp: 1002, retryCount: 0, status: 'syncing' },
      { type: 'progress', action: 'update', data: { userId: user, itemId: 'i1', reviewCount: 3 }, timestamp: 1003, retryCount: 1, status: 'pending' },
    ];
    for (const item of items) queue.add(item);
    tx.objectStore('sessions').put({ id: 's1', userId: user, status: 'active', startedAt: 5 });
    tx.objectStore('content').put({ id: 'c1', contentType: 'vocab', prompt: 'p', answer: 'a', version: 1, lastAccessed: 7 });
    tx.objectStore('statistics').put({ sessionId: 's1', userId: user, correctItems: 1 });
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    v1.close();

    const storage = makeStorage({ dbName: name, now: () => 5000 });
    await storage.initialize();
    const db = await storage.db();
    expect(db.version).to.equal(DB_VERSION);
    expect([...db.objectStoreNames].sort()).to.deep.equal(
      ['answers', 'cardStates', 'content', 'deadLetters', 'meta', 'progress', 'retractions', 'sessions', 'statistics', 'syncQueue'],
    );

    const unsent = items.filter((item) => item.status !== 'completed');
    expect(await storage.countQueue()).to.equal(unsent.length);
    // Version 4's index counts the converted entries by type too.
    expect([...db.transaction('syncQueue').store.indexNames]).to.include('userType');
    expect(await storage.countQueue(user, 'answer')).to.equal(unsent.filter((item) => item.type === 'answer').length);
    const batch = await storage.leaseBatch({ userId: user, maxCount: 100, maxBytes: 1e9, leaseMs: 1000, now: 5000 });
    expect(batch.map((e) => [e.mutation.type, e.mutation.action, e.mutation.data, e.mutation.clientTimestamp])).to.deep.equal(
      unsent.map((item) => [item.type, item.action, item.data, item.timestamp]),
    );
    const deviceId = await storage.getDeviceId();
    expect(await storage.getMeta(MetaKey.DeviceId)).to.equal(deviceId);
    for (const entry of batch) {
      expect(isUuid(entry.mutation.id)).to.equal(true);
      expect(isHlc(entry.mutation.hlc)).to.equal(true);
      expect(decodeHlc(entry.mutation.hlc)).to.deep.equal({ wall: entry.mutation.clientTimestamp, counter: 0, node: deviceId });
      expect(entry.retryCount).to.equal(0);
      expect(entry.bytes).to.equal(new TextEncoder().encode(JSON.stringify(entry.mutation)).byteLength);
    }
    expect(batch.map((e) => e.sessionId)).to.deep.equal(['s1', 's1', 's1', undefined]);
    expect(new Set(batch.map((e) => e.mutation.id)).size).to.equal(batch.length);

    // The other stores keep their data, and the new indexes work on it.
    expect(await storage.getSession('s1')).to.deep.include({ id: 's1', userId: user });
    expect((await storage.getUserSessions(user)).map((s) => s.id)).to.deep.equal(['s1']);
    expect((await storage.getContent(['c1'])).map((c) => c.id)).to.deep.equal(['c1']);
    expect(await storage.getStatistics('s1')).to.deep.include({ correctItems: 1 });

    // Reopening does not convert again: same ids.
    storage.close();
    const again = makeStorage({ dbName: name });
    const ids = (await again.leaseBatch({ userId: user, maxCount: 100, maxBytes: 1e9, leaseMs: 1, now: 1e13 })).map((e) => e.mutation.id);
    expect(ids).to.deep.equal(batch.map((e) => e.mutation.id));
  });

  it('closes its connection when another tab upgrades, and reports the newer version as unavailable', async () => {
    let closedByUpgrade = 0;
    const storage = makeStorage({ onClosedByUpgrade: () => closedByUpgrade++ });
    await storage.initialize();
    // "Another tab" with a newer version: not blocked, because the storage closes on versionchange.
    const newer = await request(indexedDB.open(storage.dbName, DB_VERSION + 1));
    expect(newer.version).to.equal(DB_VERSION + 1);
    expect(closedByUpgrade).to.equal(1);
    newer.close();
    const refused = await rejection(storage.getSession('x'));
    expect(isOfflineReviewError(refused, 'storage-unavailable')).to.equal(true);
    expect((refused as Error).cause).to.have.property('name', 'VersionError');
  });

  it('reports blocked upgrades to the caller while an old connection stays open', async () => {
    const name = unique('blocked');
    const v1 = await createSpecV1(name);
    // An old tab that ignores versionchange (the first design's code never closed).
    let blocked = 0;
    const opening = openReviewDatabase(name, { blocked: () => {
      blocked++;
      v1.close();
    } });
    const db = await opening;
    expect(blocked).to.equal(1);
    expect(db.version).to.equal(DB_VERSION);
    db.close();
    await deleteDB(name);
  });

  it('rolls a failed upgrade back: the version 1 data stays as it was', async () => {
    const name = unique('v1bad');
    // A version 1 database that also has a store named like one version 2 creates.
    const v1 = await createSpecV1(name, (db) => db.createObjectStore('answers'));
    await request(v1.transaction('syncQueue', 'readwrite').objectStore('syncQueue').add({ type: 'answer', action: 'create', data: {}, timestamp: 1, retryCount: 0, status: 'pending' }));
    v1.close();
    const failed = await rejection(openReviewDatabase(name));
    expect(isOfflineReviewError(failed, 'storage-unavailable')).to.equal(true);
    expect((failed as Error).cause).to.have.property('name', 'ConstraintError');
    const after = await request(indexedDB.open(name));
    expect(after.version).to.equal(1);
    expect(await request(after.transaction('syncQueue').objectStore('syncQueue').count())).to.equal(1);
    after.close();
    await deleteDB(name);
  });

  it('lets the worker open only a database a page made at the current version: never creates or upgrades one', async () => {
    const missing = unique('missing');
    const notCreated = await rejection(openExistingReviewDatabase(missing));
    expect(isOfflineReviewError(notCreated, 'storage-unavailable')).to.equal(true);
    expect((notCreated as { details?: unknown }).details).to.deep.include({ name: missing, missing: true });
    expect((await indexedDB.databases()).map((db) => db.name)).to.not.include(missing);

    const old = unique('v1-left-alone');
    (await createSpecV1(old)).close();
    const queueOnly = new Outbox({ dbName: old });
    const leftAlone = await rejection(queueOnly.countQueue());
    expect(isOfflineReviewError(leftAlone, 'storage-unavailable')).to.equal(true);
    const after = await request(indexedDB.open(old));
    expect(after.version).to.equal(1);
    after.close();

    // Once a page made it, the same Outbox opens it (a failed open is not cached).
    const page = await openReviewDatabase(old);
    page.close();
    expect(await queueOnly.countQueue()).to.equal(0);
    queueOnly.close();
    await deleteDB(old);
  });
});
