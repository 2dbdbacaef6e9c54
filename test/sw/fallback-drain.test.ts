// Where the browser has no Background Sync (Firefox, WebKit), registering the worker starts the
// queue's own page triggers instead: what learners there get. This file runs in every engine;
// Chromium, which has Background Sync, is told it has none (the site's `backgroundSync` option),
// and the other engines are left to detect it. The device goes offline for real where it can
// (Chromium, Firefox); in WebKit the test server cuts the requests and coming back fires `online`.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import { hasBackgroundSync, registerServiceWorker } from '../../sw/register.js';
import { api, cdp } from '../support/server.js';
import { activated, pageEngine, SCOPE, track, useWorkerSuite, workerUrl } from './sw-support.js';

describe('service worker: the drain without Background Sync', () => {
  useWorkerSuite();
  afterEach(() => cdp.offline(false));

  it('answers stored while the device could not reach the server are sent by the page itself once it can, with nothing registered', async () => {
    // Short backoffs; the engine does not drain by itself until the registration starts its triggers.
    const engine = await pageEngine({ syncTuning: { backoffBaseMs: 5, backoffCapMs: 40, writeDebounceMs: 0 } });
    const handle = track(
      registerServiceWorker(engine, workerUrl(), { scope: SCOPE, reload: () => undefined, ...(hasBackgroundSync() ? { backgroundSync: false } : {}) }),
    );
    expect(handle.backgroundSync).to.equal(false);
    const registration = await activated(await handle.registration);

    await cdp.offline(true);
    await api.fault({ match: '/sync', mode: 'down' });
    const { session } = await engine.startSession({ deckId: 'deck', itemIds: ['a', 'b'], mode: 'grade' });
    const ids = [
      (await engine.recordAnswer({ sessionId: session.id, itemId: 'a', rating: 3, responseTimeMs: 500 })).id,
      (await engine.recordAnswer({ sessionId: session.id, itemId: 'b', rating: 1, responseTimeMs: 700 })).id,
    ];
    await engine.sync();
    expect(engine.state.pending).to.be.greaterThan(0);
    // Nothing to hand the queue to: no Background Sync registered, now or later.
    expect(await handle.registerBackgroundSync()).to.equal(false);
    const sync = (registration as ServiceWorkerRegistration & { sync?: { getTags(): Promise<string[]> } }).sync;
    expect(sync ? await sync.getTags() : []).to.deep.equal([]);

    // Back online: the test asks nothing of the engine nor of the worker; the page's `online`
    // trigger (started by the registration) sends every answer, once.
    await api.clear();
    await cdp.offline(false);
    await waitUntil(async () => (await api.serverState(engine.userId)).answers.length >= ids.length, 'the page never sent the answers');
    expect((await api.serverState(engine.userId)).answers.map((answer) => answer.id).sort()).to.deep.equal([...ids].sort());
    await waitUntil(() => engine.state.pending === 0, 'the page never saw its queue empty');
  });
});
