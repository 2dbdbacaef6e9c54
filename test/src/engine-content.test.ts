import { expect, oneEvent } from '@open-wc/testing';
import { OfflineReview } from '../../src/engine.js';
import type { OfflineReviewError } from '../../src/errors.js';
import type { ReviewableContent } from '../../src/types.js';
import { limitStorage, paddedLimit, unlimitStorage, untilRefused, writeAgainAfterQuota } from '../support/quota.js';
import { api, signIn, unique } from '../support/server.js';
import { reviewRejection } from '../support/rejection.js';
import { closeEngineStorages, storageOf } from './engine-storage.js';

const ITEMS: ReviewableContent[] = [
  { id: 'hana', contentType: 'vocab', prompt: '花', answer: 'flower', version: 1 },
  { id: 'yama', contentType: 'vocab', prompt: '山', answer: 'mountain', version: 2, extra: { reading: 'やま' } },
];

const engines: OfflineReview[] = [];

function makeEngine(indexedDB?: IDBFactory): OfflineReview {
  const userId = unique('u');
  signIn(userId);
  const engine = OfflineReview.for({ userId, dbName: unique('db'), autoSync: false, ...(indexedDB ? { indexedDB } : {}) });
  engines.push(engine);
  return engine;
}

/** `length` characters of random hex (IndexedDB compresses values: repeated text would fit). */
function randomText(length: number): string {
  const raw = new Uint8Array(length / 2);
  for (let i = 0; i < raw.length; i += 65536) crypto.getRandomValues(raw.subarray(i, Math.min(raw.length, i + 65536)));
  return Array.from(raw, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Resolves whether one put of `value` into `db` committed (false: the quota refused it). */
function putCommitted(db: IDBDatabase, value: string, key: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('blobs', 'readwrite');
    tx.objectStore('blobs').put(value, key);
    tx.oncomplete = () => resolve(true);
    tx.onabort = () => (tx.error?.name === 'QuotaExceededError' ? resolve(false) : reject(tx.error));
  });
}

/** Opens a new database of `factory` to fill the storage with (Firefox cannot create one in a full origin). */
function openFiller(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(unique('filler'));
    request.onupgradeneeded = () => request.result.createObjectStore('blobs');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Fills `db` until the quota refuses, with smaller and smaller values; closes it. */
async function fillDatabase(db: IDBDatabase): Promise<void> {
  let refused = 0;
  for (const size of [100_000, 8_000, 1_000, 200]) {
    for (let i = 0; ; i++) {
      const value = randomText(size);
      if (!(await writeAgainAfterQuota(() => putCommitted(db, value, `${size}-${i}`)))) {
        refused += 1;
        break;
      }
    }
  }
  db.close();
  expect(refused, 'the quota refused writes').to.equal(4);
}

/** A real URL the browser fetches; revoking it later makes the fetch fail like a lost network. */
function blobUrl(json: unknown): string {
  return URL.createObjectURL(new Blob([JSON.stringify(json)], { type: 'application/json' }));
}

describe('OfflineReview: content and storage', () => {
  // The first request starts the reference server (PGlite): slow on a busy machine.
  before(async function () {
    this.timeout(90_000);
    // One runner command waits 20 s; a start that takes longer goes on, so asking again waits for it.
    for (let attempt = 1; ; attempt++) {
      try {
        await api.warm();
        return;
      } catch (error) {
        if (attempt >= 4) throw error;
      }
    }
  });
  afterEach(async () => {
    await unlimitStorage();
    for (const engine of engines.splice(0)) engine.close();
    closeEngineStorages();
    await api.clear();
  });

  it('loads items from a URL, caches them, and serves them from the cache when the URL fails', async () => {
    const engine = makeEngine();
    const url = blobUrl({ items: ITEMS });
    expect(await engine.loadContentFrom(url)).to.deep.equal(ITEMS);
    URL.revokeObjectURL(url);
    const offline = await engine.loadContentFrom(url);
    expect(offline.map((item) => item.id).sort()).to.deep.equal(['hana', 'yama']);
    expect(offline.find((item) => item.id === 'yama')?.extra).to.deep.equal({ reading: 'やま' });
  });

  it('rejects content-unavailable when the URL fails and nothing is cached', async () => {
    const engine = makeEngine();
    const url = blobUrl(ITEMS);
    URL.revokeObjectURL(url);
    const error = await reviewRejection(engine.loadContentFrom(url));
    expect(error.code).to.equal('content-unavailable');
    expect(error.details).to.deep.equal({ url });
    // Fetched, but not a usable deck: the page's deck is wrong, not the network.
    const bad = await reviewRejection(engine.loadContentFrom(blobUrl([{ id: 'x' }])));
    expect(bad.code).to.equal('invalid-input');
    expect(bad.details).to.include({ index: 0, id: 'x', reason: 'bad-item', field: 'prompt' });
    const notList = await reviewRejection(engine.loadContentFrom(blobUrl({ nope: 1 })));
    expect(notList.code).to.equal('invalid-input');
    expect(notList.details).to.include({ reason: 'not-array' });
  });

  it('caches inline items and refuses invalid ones', async () => {
    const engine = makeEngine();
    await engine.loadContent(ITEMS);
    expect((await storageOf(engine).getContent(['hana'])).map((item) => item.prompt)).to.deep.equal(['花']);
    const error = await reviewRejection(engine.loadContent([{ ...ITEMS[0]!, version: 'one' } as never]));
    expect(error.code).to.equal('invalid-input');
    expect(error.details).to.include({ index: 0, id: 'hana', field: 'version' });
  });

  it('refuses an answer when storage is full: storage-full error and event, nothing saved', async () => {
    // A real limit with 1 MB left (a fresh Storage Bucket in Chromium: see test/support/quota.ts;
    // the bucket is left alone: deleting it force-closes connections).
    // The session and the filler come first: Firefox's padding (test/support/quota.ts) may
    // leave less room than asked, and it cannot create a database in a full origin.
    const { engine, filler, session } = await limitStorage(1_000_000, async (indexedDB) => {
      const opened = makeEngine(indexedDB);
      const { session: started } = await opened.startSession({ deckId: 'full', itemIds: ['hana'], mode: 'typed' });
      return { engine: opened, filler: await openFiller(indexedDB), session: started };
    });
    // The space is taken by another database of the bucket (nothing the engine can evict): an
    // answer can no longer be as large as the space it needs, since a server refuses typed
    // answers over 2,000 characters and the device now does too.
    await fillDatabase(filler);
    const event = oneEvent(engine, 'storage-full');
    // Chromium refuses the first answer; Firefox takes small writes into pages its files already
    // hold, so there the learner answers until the device refuses.
    const answer = () => engine.recordAnswer({ sessionId: session.id, itemId: 'hana', correct: false, typedAnswer: 'x', responseTimeMs: 5 });
    const { stored, error } = await untilRefused(answer);
    if (!paddedLimit) expect(stored).to.deep.equal([]);
    expect((error as OfflineReviewError).code, String(error)).to.equal('storage-full');
    expect(((await event) as CustomEvent<OfflineReviewError>).detail.code).to.equal('storage-full');
    await unlimitStorage();
    // Nothing of the refused answer, and every answer before it kept.
    expect((await engine.getSessionAnswers(session.id)).map((a) => a.id)).to.deep.equal(stored.map((a) => a.id));
    await engine.refresh();
    expect(engine.state.pending).to.equal(1 + stored.length);
    // With room again, the learner's next try is stored (Firefox refuses the first write after
    // a quota error once more, whatever room there is: the storage tries it again).
    const again = await answer();
    expect((await engine.getSessionAnswers(session.id)).map((a) => a.id)).to.deep.equal([...stored, again].map((a) => a.id));
  });
});
