// The decision of the per-user caches' plugin (sw/user-caches.ts), without a worker: a
// configuration that cannot be read now (a blocked upgrade) is neither the user nor nobody, so
// it must not delete the signed-in user's cache. A real read failure cannot be brought about
// on purpose in the browser tests; the three answers are checked here instead. Node has no
// Cache Storage: a deletion attempt shows as `caches` being undefined.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOwner, ownerOnly } from '../../sw/user-caches.js';

type Hook = (param: never) => Promise<unknown>;
const hooks = (stillOwner: boolean | null) => {
  const plugin = ownerOnly('offline-review-api-v1-db:u', async () => stillOwner);
  return { willUpdate: plugin.cacheWillUpdate as Hook, didComplete: plugin.handlerDidComplete as Hook };
};
const response = new Response('{}');

describe('ownerOnly (the per-user caches\' plugin)', () => {
  it('tells the owner, another user or nobody, and an unreadable configuration apart', () => {
    assert.equal(isOwner('alice', 'alice'), true);
    assert.equal(isOwner('bob', 'alice'), false);
    assert.equal(isOwner(null, 'alice'), false);
    assert.equal(isOwner(null, null), true);
    assert.equal(isOwner(undefined, 'alice'), null);
    assert.equal(isOwner(undefined, null), null);
  });

  it('the owner: writes, deletes nothing', async () => {
    const { willUpdate, didComplete } = hooks(true);
    assert.equal(await willUpdate({ response } as never), response);
    await didComplete({} as never);
  });

  it('another user or nobody: no write, and the cache is deleted', async () => {
    const { willUpdate, didComplete } = hooks(false);
    assert.equal(await willUpdate({ response } as never), null);
    await assert.rejects(didComplete({} as never), /caches is not defined/);
  });

  it('unreadable now: no write, and nothing deleted', async () => {
    const { willUpdate, didComplete } = hooks(null);
    assert.equal(await willUpdate({ response } as never), null);
    await didComplete({} as never);
  });
});
