// A pulled page's writes are paced: a write copies its record when it is issued, so a page
// whose hundreds of writes were issued at once was one long task. What must hold: at no moment
// are more than WRITE_CHUNK of a page's writes issued and not yet done (so no task issues more),
// and the page is still stored whole, with its cursor, in its one transaction. The same holds
// for the derivation after the last page: a batch derives and writes its items a few at a time.
import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import { encodeHlc } from '../../../src/hlc.js';
import { uuidv7 } from '../../../src/ids.js';
import { deriveProgress } from '../../../src/merge/derive.js';
import { IndexedDBStorage } from '../../../src/storage/indexeddb-storage.js';
import { ITEMS_PER_TASK } from '../../../src/storage/derive-stale.js';
import { WRITE_CHUNK } from '../../../src/storage/remote-changes.js';
import type { AnswerRecord, ReviewSession } from '../../../src/types.js';
import { unique } from '../../support/server.js';

const DAY = 86_400_000;

/**
 * Runs `work` while every put and add of any object store is watched (the real methods, called
 * through): resolves the most writes that were pending at once.
 */
async function mostPendingWrites(work: () => Promise<void>): Promise<number> {
  const proto = IDBObjectStore.prototype;
  const original = { put: proto.put, add: proto.add };
  const pending = new Set<IDBRequest>();
  let most = 0;
  const watch = (method: 'put' | 'add') =>
    function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>): IDBRequest<IDBValidKey> {
      const request = original[method].apply(this, args);
      // A request's readyState is 'done' before its success event: exact whoever listens first.
      for (const seen of pending) if (seen.readyState === 'done') pending.delete(seen);
      pending.add(request);
      most = Math.max(most, pending.size);
      return request;
    };
  proto.put = watch('put');
  proto.add = watch('add');
  try {
    await work();
  } finally {
    proto.put = original.put;
    proto.add = original.add;
  }
  return most;
}

describe('a pulled page is written in chunks', () => {
  it('with hundreds of answers, progress records and items, no more than a chunk of its writes is pending at once, and it is stored whole with its cursor; then derived a few items at a time', async () => {
    const user = unique('u');
    const dbName = unique('db');
    const storage = new IndexedDBStorage({ dbName });
    try {
      const start = Date.now() - 5 * DAY;
      const items = Array.from({ length: 300 }, (_, i) => `item-${String(i).padStart(3, '0')}`);
      const session: ReviewSession = {
        id: uuidv7(start), userId: user, deckId: 'd', itemIds: items, mode: 'grade', status: 'active',
        startedAt: start, lastActivityAt: start, endedAt: null, statusHlc: encodeHlc({ wall: start, counter: 0, node: 'dev-b' }), deviceId: 'dev-b',
      };
      const answers: AnswerRecord[] = items.map((itemId, i) => ({
        id: uuidv7(start + i), sessionId: session.id, userId: user, itemId, deviceId: 'dev-b',
        answeredAt: start + i * 60_000, rating: 3, correct: true, responseTimeMs: 1000,
      }));
      // The server's progress for the first 150 items, as a pull carries it.
      const progress = answers.slice(0, 150).map((a) => deriveProgress(user, a.itemId, [a], new Set()));
      // Opened first: the database's creation is not the page's.
      await storage.getPullCursor(user);
      const most = await mostPendingWrites(() => storage.applyRemoteChanges(user, { sessions: [session], answers, progress }, '42').then(() => undefined));
      expect(most).to.be.at.most(WRITE_CHUNK);
      expect(await storage.getPullCursor(user)).to.equal('42');
      const db = await openDB(dbName);
      try {
        expect(await db.count('answers')).to.equal(300);
        expect(await db.count('progress')).to.equal(150);
        const marks = ((await db.getAllKeys('meta')) as string[]).filter((key) => key.startsWith('stale:item:'));
        expect(marks.length).to.equal(300);
      } finally {
        db.close();
      }
      // The derivation's first batch holds 100 items: two writes each, paced by ITEMS_PER_TASK.
      const deriving = await mostPendingWrites(() => storage.deriveStale(user).then(() => undefined));
      expect(deriving).to.be.at.most(2 * ITEMS_PER_TASK);
      const derived = await openDB(dbName);
      try {
        expect(await derived.count('cardStates')).to.equal(300);
        expect(await derived.count('progress')).to.equal(300);
        expect(((await derived.getAllKeys('meta')) as string[]).filter((key) => key.startsWith('stale:'))).to.deep.equal([]);
      } finally {
        derived.close();
      }
    } finally {
      storage.close();
    }
  });
});
