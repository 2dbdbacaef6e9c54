// API reads through the built worker: NetworkFirst with a timeout into a cache of the signed-in
// user's own, cleared on sign-out and when another user signs in; writes never cached.
import { expect } from '@open-wc/testing';
import { OfflineReview } from '../../src/index.js';
import { apiCacheName, pagesCacheName } from '../../sw/cache-names.js';
import { registerServiceWorker } from '../../sw/register.js';
import { api } from '../support/server.js';
import { activated, cachedPaths, frameFetch, navigate, openFrame, registerWorker, SCOPE, waitForCached, waitForLogged, pageEngine, useWorkerSuite } from './sw-support.js';

const CHANGES = '/api/review/changes';

/** A signed-in user whose engine has stored the configuration the worker reads. */
const signedIn = (dbName?: string, userId?: string): Promise<OfflineReview> => pageEngine({ dbName, userId });

describe('service worker: API reads', () => {
  useWorkerSuite();

  it('caches reads in the signed-in user\'s cache and answers from it offline', async () => {
    const engine = await signedIn();
    await registerWorker({ db: engine.dbName });
    const frame = await openFrame();
    const online = await frameFetch(frame, `${CHANGES}?limit=5`);
    expect(online.status).to.equal(200);
    const body = await online.json();
    await waitForCached(apiCacheName(engine.dbName, engine.userId), `${CHANGES}?limit=5`);

    await api.fault({ match: '/changes', mode: 'down' });
    await api.log({ clear: true });
    const offline = await frameFetch(frame, `${CHANGES}?limit=5`);
    expect(await offline.json()).to.deep.equal(body);
    await waitForLogged(CHANGES, (entry) => entry.fault === 'down');
  });

  it('answers from the cache when the API does not answer in time', async () => {
    const engine = await signedIn();
    await registerWorker({ db: engine.dbName, timeout: '1' });
    const frame = await openFrame();
    await (await frameFetch(frame, `${CHANGES}?limit=3`)).json();
    await waitForCached(apiCacheName(engine.dbName, engine.userId), `${CHANGES}?limit=3`);
    await api.fault({ match: '/changes', mode: 'hang' });
    const late = await frameFetch(frame, `${CHANGES}?limit=3`);
    expect(late.status).to.equal(200);
    expect(await late.json()).to.have.property('cursor');
  });

  it('does not keep a navigation to the API as a page', async () => {
    const engine = await signedIn();
    await registerWorker({ db: engine.dbName, pages: '/*' });
    const frame = await openFrame();
    await frameFetch(frame, `${CHANGES}?limit=8`); // the worker has read the API base by now
    await navigate(frame, `${CHANGES}?limit=7`);
    await navigate(frame, `${SCOPE}page.html`);
    const pages = pagesCacheName(engine.dbName, engine.userId);
    await waitForCached(pages, `${SCOPE}page.html`);
    expect(await cachedPaths(pages)).not.to.include(`${CHANGES}?limit=7`);
  });

  it('never caches writes, and lets a failed write fail (no raw replay)', async () => {
    const engine = await signedIn();
    await registerWorker({ db: engine.dbName });
    const frame = await openFrame();
    const body = JSON.stringify({ protocol: 1, clientId: 'c', mutations: [] });
    const init = { method: 'POST', body, headers: { 'content-type': 'application/json' } };
    const written = await frameFetch(frame, '/api/review/sync', init);
    expect(written.status).to.equal(200);
    await api.fault({ match: '/sync', mode: 'down' });
    let failure: unknown = null;
    await frameFetch(frame, '/api/review/sync', init).catch((error: unknown) => {
      failure = error;
    });
    // The frame's own TypeError (another realm): what fetch() gives when the network is gone.
    expect((failure as Error | null)?.name).to.equal('TypeError');
    const names = await caches.keys();
    for (const name of names) expect(await cachedPaths(name)).not.to.include('/api/review/sync');
  });

  it('reads without a signed-in user go to the network only', async () => {
    const engine = await signedIn();
    await registerWorker({ db: engine.dbName });
    const frame = await openFrame();
    await engine.signOut();
    const response = await frameFetch(frame, `${CHANGES}?limit=2`);
    expect(response.status).to.equal(200);
    expect((await caches.keys()).filter((name) => name.startsWith('offline-review-api-'))).to.deep.equal([]);
  });

  it('deletes the previous user\'s cache when another user signs in', async () => {
    const alice = await signedIn();
    await registerWorker({ db: alice.dbName });
    const frame = await openFrame();
    await frameFetch(frame, `${CHANGES}?limit=4`);
    await waitForCached(apiCacheName(alice.dbName, alice.userId), `${CHANGES}?limit=4`);

    const bob = await signedIn(alice.dbName);
    await frameFetch(frame, `${CHANGES}?limit=4`);
    await waitForCached(apiCacheName(bob.dbName, bob.userId), `${CHANGES}?limit=4`);
    expect(await caches.has(apiCacheName(alice.dbName, alice.userId))).to.equal(false);
  });

  it('sign-out through the registration clears the user\'s API cache', async () => {
    const engine = await signedIn();
    const handle = registerServiceWorker(engine, `/test/sw/fixtures/one-line-sw.js?pages=${SCOPE}page.html`, {
      scope: SCOPE,
      reload: () => undefined,
    });
    await activated(await handle.registration);
    const frame = await openFrame();
    await frameFetch(frame, `${CHANGES}?limit=6`);
    const name = apiCacheName(engine.dbName, engine.userId);
    const pages = pagesCacheName(engine.dbName, engine.userId);
    await waitForCached(name, `${CHANGES}?limit=6`);
    await waitForCached(pages, `${SCOPE}page.html`);
    const deleted = await handle.signOut();
    // The user's API cache, and their pages (a server-rendered page may show the user's data).
    // The read's own check may have deleted the API cache first, when its strategy was still
    // finishing as the user was forgotten: it is listed all the same (user-caches.ts).
    expect(deleted).to.have.members([name, pages]);
    expect(await caches.has(name)).to.equal(false);
    expect(await caches.has(pages)).to.equal(false);
    expect(engine.closed).to.equal(true);
    handle.dispose();
  });

  it('sign-out through the registration forgets the user before the worker deletes: a read answered meanwhile is not kept', async () => {
    const engine = await signedIn();
    const handle = registerServiceWorker(engine, '/test/sw/fixtures/one-line-sw.js', { scope: SCOPE, reload: () => undefined });
    await activated(await handle.registration);
    const frame = await openFrame();
    const name = apiCacheName(engine.dbName, engine.userId);
    // Another tab's read is answered and written while the sign-out is under way, just before
    // the engine forgets the user (a hook on the engine's own signOut(), which the handle calls).
    const forget = engine.signOut.bind(engine);
    engine.signOut = async () => {
      await frameFetch(frame, `${CHANGES}?limit=7`);
      await waitForCached(name, `${CHANGES}?limit=7`);
      await forget();
    };
    // Deleted by the read's own check or by the sign-out, whichever came first: listed.
    expect(await handle.signOut()).to.include(name);
    expect(await caches.has(name), "the signed-out user's read stayed").to.equal(false);
    handle.dispose();
  });
});
