// The indicator's first counts (src/sync/stored-counts.ts), read straight from IndexedDB before
// the engine is loaded: they must be what the queue's own count gives, and reading must never
// create or change a database.
import { expect } from '@open-wc/testing';
import { IndexedDBStorage } from '../../../src/storage/indexeddb-storage.js';
import { readStoredCounts } from '../../../src/sync/stored-counts.js';
import { unique } from '../../support/server.js';
import { closeFixtures, queueEntries, queueFixture, recordAnswers } from './queue-fixture.js';

describe('readStoredCounts', () => {
  afterEach(closeFixtures);

  it('gives the counts the queue gives: entries, answers among them, dead letters and the newest refusal', async () => {
    const fixture = await queueFixture();
    await recordAnswers(fixture, 3);
    // Another user's answers in the same database are not counted.
    await recordAnswers({ storage: fixture.storage, user: unique('other') }, 2);
    const mine = (await queueEntries(fixture.dbName)).filter((entry) => entry.userId === fixture.user);
    const answer = mine.find((entry) => entry.mutation.type === 'answer')!;
    await fixture.storage.deadLetterQueueEntries([{ seq: answer.seq!, reason: { code: 'conflict', message: 'refused' } }]);

    await fixture.queue.refresh();
    const { pending, pendingAnswers, deadLetters, deadLetterAnswers, refusal } = fixture.queue.state;
    expect({ pending, pendingAnswers, deadLetters, deadLetterAnswers, refusal }).to.deep.equal({
      pending: 3,
      pendingAnswers: 2,
      deadLetters: 1,
      deadLetterAnswers: 1,
      refusal: { code: 'conflict', message: 'refused' },
    });
    expect(await readStoredCounts(fixture.dbName, fixture.user)).to.deep.equal({ counted: true, pending, pendingAnswers, deadLetters, deadLetterAnswers, refusal });
  });

  it('reads nothing and creates nothing when the database does not exist: nothing waits', async () => {
    const dbName = unique('missing');
    expect(await readStoredCounts(dbName, unique('u'))).to.deep.equal({ counted: true, pending: 0, pendingAnswers: 0, deadLetters: 0, deadLetterAnswers: 0, refusal: null });
    // Not listed, or (WebKit) listed at version 0: no database with a version storage would take as its own.
    const listed = (await indexedDB.databases()).find((info) => info.name === dbName);
    expect(listed?.version ?? 0).to.equal(0);
    // What matters: storage then creates it with every store.
    const storage = new IndexedDBStorage({ dbName });
    await storage.initialize();
    expect(await storage.countQueue(unique('u'))).to.equal(0);
    storage.close();
  });

  it('counts nothing in a database without the queue stores, says so, and leaves it as it was', async () => {
    const dbName = unique('foreign');
    const created = indexedDB.open(dbName, 1);
    created.onupgradeneeded = () => created.result.createObjectStore('other');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      created.onsuccess = () => resolve(created.result);
      created.onerror = () => reject(created.error);
    });
    db.close();
    // Not counted: what waits there is the engine's to count after its upgrade, not zero.
    expect(await readStoredCounts(dbName, unique('u'))).to.deep.equal({ counted: false, pending: 0, pendingAnswers: 0, deadLetters: 0, deadLetterAnswers: 0, refusal: null });
    const names = await indexedDB.databases();
    expect(names.find((info) => info.name === dbName)?.version).to.equal(1);
  });
});
