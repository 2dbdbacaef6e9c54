// A page left open across a service-worker update: when a chunk import fails and a newer
// build controls the page, loadChunk reloads the page once per tab session (the new build's
// entry and chunks are precached); otherwise, or a second time, it only rejects. The imports
// here fail for real (a module that is not on the server).
import { expect } from '@open-wc/testing';
import { loadChunk, newerBuildInControl } from '../../components/shared/stale-build.js';
import { unique } from '../support/server.js';

const RELOADED = 'offline-review:reloaded-for-new-build';

/** A dynamic import of a module the server does not have. */
function missingChunk(): Promise<unknown> {
  const url = `/components/chunks/${unique('gone')}.js`;
  return import(/* @vite-ignore */ url);
}

describe('loadChunk: a chunk deleted by a newer build', () => {
  beforeEach(() => sessionStorage.removeItem(RELOADED));
  afterEach(() => sessionStorage.removeItem(RELOADED));

  it('reloads once when the import fails under a newer build, and rejects with the import error', async () => {
    let reloads = 0;
    const options = { reloadIf: () => true, reload: () => void reloads++ };
    let failure: unknown = null;
    await loadChunk(missingChunk, options).catch((error: unknown) => (failure = error));
    expect(failure instanceof TypeError, String(failure)).to.equal(true);
    expect(reloads).to.equal(1);
    // The reloaded page fails again: no loop.
    await loadChunk(missingChunk, options).catch(() => undefined);
    expect(reloads).to.equal(1);
    // A chunk that loads ends the guard, so a later update may reload again.
    expect(await loadChunk(() => import('../../components/shared/stale-build.js'), options)).to.have.property('loadChunk');
    await loadChunk(missingChunk, options).catch(() => undefined);
    expect(reloads).to.equal(2);
  });

  it('does not reload when the same build (or none) still controls the page', async () => {
    let reloads = 0;
    let failed = false;
    await loadChunk(missingChunk, { reloadIf: () => false, reload: () => void reloads++ }).catch(() => (failed = true));
    expect([failed, reloads]).to.deep.equal([true, 0]);
    // This test page has no worker: nothing newer controls it.
    expect(navigator.serviceWorker.controller).to.equal(null);
    expect(newerBuildInControl()).to.equal(false);
    expect(newerBuildInControl(null, null)).to.equal(false);
    await loadChunk(missingChunk, { reload: () => void reloads++ }).catch(() => undefined);
    expect(reloads).to.equal(0);
  });
});
