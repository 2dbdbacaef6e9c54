import { expect } from '@open-wc/testing';
import { OfflineReview } from '../../src/engine.js';
import type { OfflineReviewError } from '../../src/errors.js';
import type { ReviewableContent } from '../../src/types.js';
import { api, signIn, unique } from '../support/server.js';

const ITEMS: ReviewableContent[] = [
  { id: 'hana', contentType: 'vocab', prompt: '花', answer: 'flower', version: 1 },
  { id: 'yama', contentType: 'vocab', prompt: '山', answer: 'mountain', version: 2, extra: { reading: 'やま' } },
];

const engines: OfflineReview[] = [];

function makeEngine(): OfflineReview {
  const userId = unique('u');
  signIn(userId);
  const engine = OfflineReview.for({ userId, dbName: unique('db'), autoSync: false });
  engines.push(engine);
  return engine;
}

async function rejection(promise: Promise<unknown>): Promise<OfflineReviewError> {
  try {
    await promise;
  } catch (error) {
    return error as OfflineReviewError;
  }
  throw new Error('expected a rejection');
}

/** A real URL the browser fetches; revoking it later makes the fetch fail like a lost network. */
function blobUrl(json: unknown): string {
  return URL.createObjectURL(new Blob([JSON.stringify(json)], { type: 'application/json' }));
}

describe('OfflineReview: content and storage', () => {
  afterEach(async () => {
    for (const engine of engines.splice(0)) engine.close();
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
    const error = await rejection(engine.loadContentFrom(url));
    expect(error.code).to.equal('content-unavailable');
    expect(error.details).to.deep.equal({ url });
    const bad = blobUrl([{ id: 'x' }]);
    expect((await rejection(engine.loadContentFrom(bad))).code).to.equal('content-unavailable');
    expect((await rejection(engine.loadContentFrom(blobUrl({ nope: 1 })))).code).to.equal('content-unavailable');
  });

  it('caches inline items and refuses invalid ones', async () => {
    const engine = makeEngine();
    await engine.loadContent(ITEMS);
    expect((await engine.storage.getContent(['hana'])).map((item) => item.prompt)).to.deep.equal(['花']);
    const error = await rejection(engine.loadContent([{ ...ITEMS[0]!, version: 'one' } as never]));
    expect(error.code).to.equal('invalid-input');
    expect(error.details).to.deep.equal({ index: 0 });
  });
});
