// A shared device: one learner signs out (the site renders the tags with no user), the next one
// signs in. The first learner's cached pages and API reads go; offline, the next person never
// gets the first one's page; the first learner's unsent answers wait for them and are sent as
// them, never as anyone else. Real worker, real tags in a page of its scope, real server.
import { expect } from '@open-wc/testing';
import { announceUser, signOut as signOutDevice } from '../../components/shared/device-user.js';
import { waitUntil } from '../support/until.js';
import { OfflineReview } from '../../src/index.js';
import { apiCacheName, pagesCacheName } from '../../sw/cache-names.js';
import { registerServiceWorker } from '../../sw/register.js';
import { api, signIn, signOut, unique } from '../support/server.js';
import { activated, cachedPaths, frameFetch, frameWindow, navigate, openFrame, pageEngine, registerWorker, SCOPE, track, useWorkerSuite, waitForCached } from './sw-support.js';

const DECK = `${SCOPE}deck.html`;
const CHANGES = '/api/review/changes';

/** The site's deck page as its server renders it for `user` (null: nobody signed in). */
function deckPage(db: string, user: string | null, text: string): Promise<unknown> {
  const tag = user === null ? `<sync-indicator db-name="${db}"></sync-indicator>` : `<sync-indicator db-name="${db}" user="${user}"></sync-indicator>`;
  const body = `<!doctype html><title>deck</title><p id="text">${text}</p>${tag}<script type="module" src="${SCOPE}tags.ts"></script>`;
  return api.fault({ match: DECK, mode: 'status', status: 200, body });
}

/** Records one answer of `engine`'s user while pushes fail; resolves its id. */
async function unsentAnswer(engine: OfflineReview): Promise<string> {
  await api.fault({ match: '/sync', mode: 'down' });
  const { session } = await engine.startSession({ deckId: 'deck', itemIds: ['a'], mode: 'grade' });
  const answer = await engine.recordAnswer({ sessionId: session.id, itemId: 'a', rating: 3, responseTimeMs: 400 });
  await engine.sync();
  expect(engine.state.pending).to.be.greaterThan(0);
  return answer.id;
}

/** Calls the CDN file's `signOut()` in a page of the worker's scope, as a site's sign-out page does. */
async function signOutIn(frame: HTMLIFrameElement, dbName: string): Promise<string[]> {
  const module = (await frameWindow(frame).eval("import('/components/shared/device-user.ts')")) as typeof import('../../components/shared/device-user.js');
  return module.signOut({ dbName });
}

/**
 * A fresh database and two learners, Alice signed in with her deck page open in a frame and
 * cached for her by the worker; resolves the names and the frame.
 */
async function aliceOnHerDeckPage(): Promise<{ db: string; alice: string; bob: string; frame: HTMLIFrameElement }> {
  const db = unique('db');
  const alice = unique('alice');
  const bob = unique('bob');
  await registerWorker({ db });
  signIn(alice);
  await deckPage(db, alice, "Alice's deck");
  const frame = await openFrame(DECK);
  await waitForCached(pagesCacheName(db, alice), DECK);
  return { db, alice, bob, frame };
}

const serverIds = async (userId: string): Promise<string[]> => (await api.serverState(userId)).answers.map((answer) => answer.id);

describe('service worker: shared devices', () => {
  useWorkerSuite();

  it('tags with no user sign the learner out: their pages and API reads go, their answers wait for them', async () => {
    // Alice reviews: the deck page (the tags record it) and an API read are cached for her.
    const { db, alice, bob, frame } = await aliceOnHerDeckPage();
    // Her engine has stored the configuration naming her (the tags' engine does it too, later).
    const aliceEngine = await pageEngine({ userId: alice, dbName: db });
    await frameFetch(frame, `${CHANGES}?limit=1`);
    await waitForCached(apiCacheName(db, alice), `${CHANGES}?limit=1`);
    const aliceAnswer = await unsentAnswer(aliceEngine);
    aliceEngine.close();

    // She signs out: the site renders the same page with the tags and no user.
    signOut();
    await api.clear();
    await deckPage(db, null, 'Please sign in');
    await navigate(frame, DECK);
    await waitUntil(
      async () => !(await caches.has(pagesCacheName(db, alice))) && !(await caches.has(apiCacheName(db, alice))),
      "Alice's caches stayed",
      { timeout: 10_000 },
    );

    // Offline, the next person opening the deck page gets nothing of Alice's.
    await api.clear();
    await api.fault({ match: DECK, mode: 'down' });
    const offline = await navigate(frame, DECK);
    expect(offline.getElementById('text')?.textContent ?? offline.querySelector('h1')?.textContent).to.be.oneOf([
      'Please sign in',
      'You are offline',
    ]);

    // Bob signs in and answers: only his answer is sent, as him.
    await api.clear();
    signIn(bob);
    const bobEngine = await pageEngine({ userId: bob, dbName: db });
    const { session } = await bobEngine.startSession({ deckId: 'deck', itemIds: ['b'], mode: 'grade' });
    const bobAnswer = await bobEngine.recordAnswer({ sessionId: session.id, itemId: 'b', rating: 4, responseTimeMs: 300 });
    await bobEngine.sync();
    expect(await serverIds(bob)).to.deep.equal([bobAnswer.id]);
    expect(await serverIds(alice)).to.deep.equal([]);
    bobEngine.close();

    // Alice signs in again: her answer, kept all along, is sent as her.
    signIn(alice);
    const again = await pageEngine({ userId: alice, dbName: db });
    await again.sync();
    expect(await serverIds(alice)).to.deep.equal([aliceAnswer]);
    expect(await serverIds(bob)).to.deep.equal([bobAnswer.id]);
  });

  it('tags with another user delete the previous user\'s caches; a cached page is served only to its user', async () => {
    const { db, alice, bob, frame } = await aliceOnHerDeckPage();

    signIn(bob);
    await api.clear();
    await deckPage(db, bob, "Bob's deck");
    await navigate(frame, DECK);
    await waitForCached(pagesCacheName(db, bob), DECK);
    await waitUntil(async () => !(await caches.has(pagesCacheName(db, alice))), "Alice's pages stayed", { timeout: 10_000 });
    const bobsCopy = await (await caches.open(pagesCacheName(db, bob))).match(DECK);
    expect(await bobsCopy?.text()).to.contain("Bob's deck");
  });

  it('the CDN file\'s signOut() does the same for a sign-out page without the tags', async () => {
    const engine = await pageEngine();
    const handle = track(registerServiceWorker(engine, `/test/sw/fixtures/one-line-sw.js?pages=${SCOPE}page.html`, { scope: SCOPE, reload: () => undefined }));
    await activated(await handle.registration);
    const frame = await openFrame();
    await frameFetch(frame, `${CHANGES}?limit=2`);
    await waitForCached(apiCacheName(engine.dbName, engine.userId), `${CHANGES}?limit=2`);
    await waitForCached(pagesCacheName(engine.dbName, engine.userId), `${SCOPE}page.html`);
    const names = await signOutIn(frame, engine.dbName);
    expect(names.sort()).to.deep.equal([apiCacheName(engine.dbName, engine.userId), pagesCacheName(engine.dbName, engine.userId)].sort());
    expect(await cachedPaths(apiCacheName(engine.dbName, engine.userId))).to.deep.equal([]);
    expect(await caches.has(apiCacheName(engine.dbName, engine.userId))).to.equal(false);
  });

  it('a write still in flight when a page signs out without the worker never brings the user\'s API cache back', async () => {
    const userId = unique('u');
    const dbName = unique('db');
    await registerWorker({ db: dbName });
    const frame = await openFrame();
    const name = apiCacheName(dbName, userId);
    (await pageEngine({ userId, dbName })).close();
    await frameFetch(frame, `${CHANGES}?limit=1`);
    await waitForCached(name, `${CHANGES}?limit=1`);

    // The next read's answer arrives in part: the worker is writing it to the user's cache when
    // they sign out on a page it does not control (the runner's page, outside its scope; as a
    // page whose worker did not answer in time), which deletes the caches itself.
    await api.fault({ match: CHANGES, mode: 'hold-body', times: 1 });
    const held = await frameFetch(frame, `${CHANGES}?limit=2`);
    expect(await signOutDevice({ dbName })).to.include(name);
    expect(await caches.has(name)).to.equal(false);

    // The rest of the answer comes: the worker's write lands after the deletion. The worker
    // answers a sign-out once its writes in flight are done: another database's, which deletes
    // nothing of this one's, tells when this write is over.
    await api.release();
    expect(await held.text()).to.contain('cursor');
    await signOutIn(frame, unique('db'));
    expect(await cachedPaths(name), "the signed-out user's entries came back").to.deep.equal([]);
    expect(await caches.has(name), "the signed-out user's cache came back").to.equal(false);
  });

  it('a sign-out never leaves the user\'s API cache behind, even with reads in flight (a race, looped)', async () => {
    const userId = unique('u');
    const dbName = unique('db');
    await registerWorker({ db: dbName });
    const frame = await openFrame();
    const name = apiCacheName(dbName, userId);
    for (let round = 0; round < 25; round++) {
      // Signed in: the engine's start stores the configuration naming the user.
      (await pageEngine({ userId, dbName })).close();
      // The reads are answered before their cache writes and the writes' clean-up are done.
      await Promise.all([frameFetch(frame, `${CHANGES}?limit=${round + 1}`), frameFetch(frame, `${CHANGES}?limit=${round + 100}`)]);
      // A write that had not started when the configuration forgot the user is not made at all,
      // so the sign-out may find nothing to delete; the one thing that counts is that nothing stays.
      const deleted = await signOutIn(frame, dbName);
      expect(deleted.filter((other) => other !== name), `round ${round}`).to.deep.equal([]);
      expect(await caches.has(name), `round ${round}: the signed-out user's cache came back`).to.equal(false);
    }
  });

  it('a sign-out while the configuration still names nobody never leaves the page the worker was caching', async () => {
    // Alice's first page after signing in: her engine has not stored its configuration yet, so
    // it names nobody (the database exists: someone signed out of it before).
    const db = unique('db');
    const alice = unique('alice');
    await registerWorker({ db });
    await (await pageEngine({ userId: alice, dbName: db })).signOut();
    const page = new URL(`${SCOPE}page.html`, location.href).href;
    const name = pagesCacheName(db, alice);

    // The tags tell the worker she is the user: it fetches the page to keep it for her, and
    // the server holds that fetch.
    await api.fault({ match: `${SCOPE}page.html`, mode: 'hold', times: 1 });
    const announced = announceUser(db, alice, page);
    await waitUntil(async () => (await api.log()).some((entry) => entry.path === `${SCOPE}page.html` && entry.fault === 'hold'), 'the page fetch never came', { timeout: 10_000 });

    // She signs out on a page the worker does not control (the runner's), which deletes the
    // caches itself; the configuration names nobody before and after.
    await signOutDevice({ dbName: db });
    expect(await caches.has(name)).to.equal(false);

    // The page arrives after the deletion; the worker answers once its write is over.
    await api.release();
    await announced;
    expect(await cachedPaths(name), "the signed-out user's page stayed").to.deep.equal([]);
    expect(await caches.has(name), "the signed-out user's page cache stayed").to.equal(false);
  });
});
