// A chunk of the review tag loaded on demand (components/review-session/lazy-part.ts): loaded
// once and kept, and a chunk that cannot be loaded is a content-unavailable error naming it,
// tried again by the next call.
import { expect } from '@open-wc/testing';
import { LazyPart } from '../../components/review-session/lazy-part.js';
import { isOfflineReviewError } from '../../src/index.js';

describe('LazyPart', () => {
  it('imports its chunk once, shares the load under way and keeps what it gave', async () => {
    let imports = 0;
    const part = new LazyPart('summary', async () => {
      imports += 1;
      return { answer: 42 };
    });
    expect(part.loaded).to.equal(null);
    const [first, second] = await Promise.all([part.load(), part.load()]);
    expect(first).to.equal(second);
    expect(part.loaded).to.deep.equal({ answer: 42 });
    expect(imports).to.equal(1);
  });

  it('rejects with content-unavailable naming the chunk when it cannot be loaded, and tries again next time', async () => {
    let fail = true;
    const part = new LazyPart('typed', async () => {
      if (fail) throw new TypeError('Failed to fetch dynamically imported module');
      return 'in';
    });
    const error = await part.load().then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(isOfflineReviewError(error)).to.equal(true);
    if (!isOfflineReviewError(error)) return;
    expect(error.code).to.equal('content-unavailable');
    expect(error.details).to.deep.equal({ chunk: 'typed' });
    expect(error.cause).to.be.instanceOf(TypeError);
    expect(part.loaded).to.equal(null);
    fail = false;
    expect(await part.load()).to.equal('in');
  });
});
