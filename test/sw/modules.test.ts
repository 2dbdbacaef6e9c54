// The worker's decisions, run in the page against the real CacheStorage, IndexedDB and server:
// cache names and clean-ups, options, the offline page, configuration reading and API cache
// routing, the drain and the messages. The same modules run inside the worker (the other
// test files drive them there).
import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import { OfflineReview } from '../../src/index.js';
import { ApiCacheRouter } from '../../sw/api-cache.js';
import {
  apiCacheName,
  cacheNames,
  deleteApiCaches,
  deleteOutdatedCaches,
  deletePageCaches,
  deleteSignedOutCaches,
  isOutdatedCache,
  isSignedOutCache,
  pagesCacheName,
} from '../../sw/cache-names.js';
import { BUILTIN_OFFLINE_HTML, cacheOfflinePage, OFFLINE_HEADER, offlineFallback } from '../../sw/offline-page.js';
import { assetKind, isUnderApiBase, parseWorkerOptions, scriptUrlFromStack } from '../../sw/options.js';
import { hasBackgroundSync, waitsForNetwork, workerUrlFor } from '../../sw/register.js';
import { CacheWrites, ownerOnly } from '../../sw/user-caches.js';
import { closeWorkerStorages, readWorkerConfig, toWorkerConfig } from '../../sw/worker-config.js';
import { drainDatabase, drainDatabases, isSyncCompleteMessage, isWorkerMessage, needsRetry } from '../../sw/worker-sync.js';
import { initialSyncState } from '../../src/sync/sync-state.js';
import { openReviewDatabase } from '../../src/storage/upgrades.js';
import { api, pushes, signIn, unique } from '../support/server.js';
import { queueEntries } from '../src/sync/queue-fixture.js';
import { cleanUp, SCOPE } from './sw-support.js';

const ORIGIN = location.origin;

describe('service worker modules (in the page)', () => {
  before(async function () {
    this.timeout(90_000); // the reference server's first start (PGlite) is slow on a busy machine
    await api.warm();
  });
  afterEach(cleanUp);

  describe('cache names', () => {
    it('name one API cache per database and user, unambiguously', () => {
      expect(apiCacheName('db', 'alice')).to.equal('offline-review-api-v1-db:alice');
      expect(apiCacheName('a:b', 'c')).to.not.equal(apiCacheName('a', 'b:c'));
      expect(isOutdatedCache(cacheNames.pages)).to.equal(false);
      expect(isOutdatedCache(apiCacheName('db', 'alice'))).to.equal(false);
      expect(pagesCacheName('db', 'alice')).to.equal('offline-review-page-v1-db:alice');
      expect(pagesCacheName('db', null)).to.equal('offline-review-page-v1-db:');
      expect(isOutdatedCache(pagesCacheName('db', 'alice'))).to.equal(false);
      expect(isOutdatedCache(cacheNames.reviewPages)).to.equal(false);
      expect(isOutdatedCache('offline-review-pages-v0')).to.equal(true);
      expect(isOutdatedCache('offline-review-api-v0-db:alice')).to.equal(true);
      expect(isOutdatedCache('site-cache')).to.equal(false);
    });

    it('delete outdated caches and per-user API caches only', async () => {
      for (const name of ['offline-review-pages-v0', cacheNames.pages, 'site-cache', apiCacheName('db', 'a'), apiCacheName('db', 'b'), apiCacheName('db2', 'a')]) {
        await caches.open(name);
      }
      expect(await deleteOutdatedCaches()).to.deep.equal(['offline-review-pages-v0']);
      expect(await deleteApiCaches('db', { userId: 'a' })).to.deep.equal([apiCacheName('db', 'a')]);
      await caches.open(apiCacheName('db', 'a'));
      expect((await deleteApiCaches('db', { keepUserId: 'b' })).sort()).to.deep.equal([apiCacheName('db', 'a')]);
      expect((await deleteApiCaches('db')).sort()).to.deep.equal([apiCacheName('db', 'b')]);
      expect(await caches.has(apiCacheName('db2', 'a'))).to.equal(true);
      expect(await caches.has('site-cache')).to.equal(true);
      await caches.delete('site-cache');

      await caches.open(apiCacheName('db', 'a'));
      for (const user of ['a', 'b', null]) await caches.open(pagesCacheName('db', user));
      expect(await deleteSignedOutCaches('db', 'a')).to.deep.equal([apiCacheName('db', 'a'), pagesCacheName('db', 'a')]);
      expect(await caches.has(cacheNames.pages)).to.equal(true); // the site's offline page stays
      expect(await deletePageCaches('db', { keepUserId: 'b' })).to.deep.equal([pagesCacheName('db', null)]);
      expect(await deleteSignedOutCaches('db2')).to.deep.equal([apiCacheName('db2', 'a')]);
      expect(await deleteSignedOutCaches('db')).to.deep.equal([pagesCacheName('db', 'b')]);
      await caches.delete(cacheNames.pages);
    });

    it('tell the caches a sign-out deletes', () => {
      expect(isSignedOutCache(apiCacheName('db', 'a'), 'db', 'a')).to.equal(true);
      expect(isSignedOutCache(pagesCacheName('db', 'a'), 'db', 'a')).to.equal(true);
      expect(isSignedOutCache(pagesCacheName('db', 'b'), 'db', 'a')).to.equal(false);
      expect(isSignedOutCache(apiCacheName('db2', 'a'), 'db', 'a')).to.equal(false);
      expect(isSignedOutCache(pagesCacheName('db', null), 'db')).to.equal(true);
      expect(isSignedOutCache(cacheNames.pages, 'db')).to.equal(false);
    });

    it('report a cache that a finishing read deleted on finding its user signed out, in the sign-out\'s deletion', async () => {
      const writes = new CacheWrites();
      const api = apiCacheName('db-drop', 'a');
      const pages = pagesCacheName('db-drop', 'a');
      const other = apiCacheName('db-drop', 'b');
      for (const name of [api, pages, other]) await caches.open(name);
      // A read still finishing when the user was forgotten: its own check deletes the cache
      // before the sign-out's deletion runs (ownerOnly's last hook, as the worker wires it).
      let finish = (): void => undefined;
      const read = writes.track(
        new Promise<void>((resolve) => {
          finish = resolve;
        }).then(async () => {
          const plugin = ownerOnly(api, async () => false, (name) => writes.drop(name));
          await plugin.handlerDidComplete?.({} as never);
        }),
      );
      const signOut = writes.deleteSettled(
        () => deleteSignedOutCaches('db-drop', 'a'),
        (name) => isSignedOutCache(name, 'db-drop', 'a'),
      );
      finish();
      await read;
      expect((await signOut).sort()).to.deep.equal([api, pages].sort());
      expect(await caches.has(api)).to.equal(false);
      // Reported once: a later sign-out does not list it again; another user's cache stays.
      expect(await writes.deleteSettled(async () => [], (name) => isSignedOutCache(name, 'db-drop', 'a'))).to.deep.equal([]);
      expect(await caches.has(other)).to.equal(true);
      // A drop of a cache that was not there (already deleted) is not reported.
      await writes.drop(api);
      expect(await writes.deleteSettled(async () => [], () => true)).to.deep.equal([]);
      await caches.delete(other);
    });
  });

  describe('options', () => {
    it('read the worker URL query, with defaults', () => {
      expect(parseWorkerOptions(`${ORIGIN}/sw.js`)).to.deep.equal({
        dbNames: ['offline-review'],
        offlinePage: null,
        navigationTimeoutSeconds: 3,
        apiTimeoutSeconds: 5,
        pages: [],
      });
      const options = parseWorkerOptions(`${ORIGIN}/sw.js?db=a,b&db=b&db=c&offline=/offline.html&timeout=2&pages=/decks/*,/review&pages=/review`);
      expect(options).to.deep.equal({
        dbNames: ['a', 'b', 'c'],
        offlinePage: `${ORIGIN}/offline.html`,
        navigationTimeoutSeconds: 2,
        apiTimeoutSeconds: 2,
        pages: ['/decks/*', '/review'],
      });
      expect(parseWorkerOptions(`${ORIGIN}/sw.js?timeout=-1`).apiTimeoutSeconds).to.equal(5);
    });

    it('find the running script in a stack, in each engine\'s format', () => {
      const url = 'https://cdn.example/offline-review/dist/sw/offline-review-sw.js';
      expect(scriptUrlFromStack(`Error\n    at ${url}:1:2345\n    at https://site.example/sw.js:1:1`, 'x')).to.equal(url);
      expect(scriptUrlFromStack(`@${url}:1:2345\n@https://site.example/sw.js:1:1`, 'x')).to.equal(url);
      expect(scriptUrlFromStack(`global code@${url}?v=3:1:20`, 'x')).to.equal(url);
      // Firefox, in a new version installed by an update: the path it was imported with.
      const worker = 'https://site.example/sw.js?offline=%2Foffline';
      expect(scriptUrlFromStack('@/dist/sw/offline-review-sw.js:1:20\n@https://site.example/sw.js:1:1', worker)).to.equal(
        'https://site.example/dist/sw/offline-review-sw.js',
      );
      expect(scriptUrlFromStack(undefined, 'fallback')).to.equal('fallback');
      expect(scriptUrlFromStack('Error\n    at <anonymous>', 'fallback')).to.equal('fallback');
    });

    it('sort static files by destination, else by extension', () => {
      const get = (destination: string, path: string) => ({ method: 'GET', destination, url: `${ORIGIN}${path}` });
      expect(assetKind(get('script', '/a'))).to.equal('asset');
      expect(assetKind(get('style', '/a'))).to.equal('asset');
      expect(assetKind(get('image', '/a'))).to.equal('media');
      expect(assetKind(get('font', '/a'))).to.equal('media');
      expect(assetKind(get('', '/x/app.mjs'))).to.equal('asset');
      expect(assetKind(get('', '/x/a.WOFF2'))).to.equal('media');
      expect(assetKind(get('', '/api/review/changes'))).to.equal(null);
      expect(assetKind(get('document', '/page.css'))).to.equal(null);
      expect(assetKind({ ...get('', '/a.css'), method: 'POST' })).to.equal(null);
    });

    it('match URLs under an API base, path or absolute', () => {
      expect(isUnderApiBase(`${ORIGIN}/api/review/changes`, '/api/review', ORIGIN)).to.equal(true);
      expect(isUnderApiBase(`${ORIGIN}/api/review`, '/api/review/', ORIGIN)).to.equal(true);
      expect(isUnderApiBase(`${ORIGIN}/api/reviewer`, '/api/review', ORIGIN)).to.equal(false);
      expect(isUnderApiBase('https://api.example/review/x', 'https://api.example/review', ORIGIN)).to.equal(true);
      expect(isUnderApiBase(`${ORIGIN}/review/x`, 'https://api.example/review', ORIGIN)).to.equal(false);
    });
  });

  describe('offline page', () => {
    it("caches the site's page, and falls back to the built-in one", async () => {
      expect(await cacheOfflinePage(null, cacheNames.pages)).to.equal(false);
      expect(await cacheOfflinePage(`${SCOPE}offline.html`, cacheNames.pages)).to.equal(true);
      expect(await cacheOfflinePage(`${SCOPE}no-such-page.html`, cacheNames.pages)).to.equal(false);
      await api.fault({ match: `${SCOPE}offline-down.html`, mode: 'down' });
      expect(await cacheOfflinePage(`${SCOPE}offline-down.html`, cacheNames.pages)).to.equal(false);

      const site = await offlineFallback(`${SCOPE}offline.html`, cacheNames.pages);
      expect(await site.text()).to.contain('site-offline');
      const builtin = await offlineFallback(`${SCOPE}never-cached.html`, cacheNames.pages);
      expect(builtin.status).to.equal(503);
      expect(builtin.headers.get(OFFLINE_HEADER)).to.equal('offline-page');
      expect(await builtin.text()).to.equal(BUILTIN_OFFLINE_HTML);
      expect((await offlineFallback(null, cacheNames.pages)).status).to.equal(503);
    });
  });

  describe('configuration and API cache routing', () => {
    it('reads the configuration the engine stored, and nothing else', async () => {
      expect(toWorkerConfig(null)).to.equal(null);
      expect(toWorkerConfig({ apiBase: '' })).to.equal(null);
      expect(toWorkerConfig({ apiBase: '/api', userId: '' })).to.deep.equal({ apiBase: '/api', userId: null });
      const dbName = unique('db');
      expect(await readWorkerConfig(dbName)).to.equal(null);
      const engine = OfflineReview.for({ userId: unique('u'), dbName, apiBase: '/api/review', autoSync: false });
      await engine.ready;
      expect(await readWorkerConfig(dbName)).to.deep.equal({ apiBase: '/api/review', userId: engine.userId });
      engine.close();
      closeWorkerStorages();
      expect(await readWorkerConfig(dbName)).to.deep.equal({ apiBase: '/api/review', userId: engine.userId });
      closeWorkerStorages();
    });

    it('routes reads to the signed-in user\'s cache and forgets other users', async () => {
      const dbName = unique('db');
      const alice = OfflineReview.for({ userId: unique('alice'), dbName, autoSync: false });
      await alice.ready;
      const router = new ApiCacheRouter([unique('empty-db')], ORIGIN);
      const read = { method: 'GET', destination: '', url: `${ORIGIN}/api/review/changes` };
      // Before any configuration is known, every same-origin fetch() may be an API read.
      expect(router.mayMatch(read)).to.equal(true);
      expect(router.mayMatch({ ...read, url: 'https://elsewhere.example/x' })).to.equal(false);
      expect(router.mayMatch({ ...read, method: 'POST' })).to.equal(false);
      expect(await router.resolve(read.url)).to.equal(null);
      router.addDatabase(dbName);
      router.addDatabase(dbName);
      expect(await router.resolve(read.url)).to.deep.equal({ dbName, userId: alice.userId, cacheName: apiCacheName(dbName, alice.userId) });
      expect(router.mayMatch({ ...read, url: `${ORIGIN}/other` })).to.equal(false);
      expect(router.isKnownApi(read.url)).to.equal(true);
      expect(router.isKnownApi(`${ORIGIN}/other`)).to.equal(false);
      expect(await router.resolve(`${ORIGIN}/other`)).to.equal(null);

      await caches.open(apiCacheName(dbName, alice.userId));
      const bob = OfflineReview.for({ userId: unique('bob'), dbName, autoSync: false });
      await bob.ready;
      await router.refresh();
      expect(await caches.has(apiCacheName(dbName, alice.userId))).to.equal(false);
      alice.close();
      bob.close();
      closeWorkerStorages();
    });
  });

  describe('drain and messages', () => {
    /** A fresh user, signed in, and that user's engine on a fresh database (with `options`). */
    function signedInEngine(options: { autoSync?: boolean } = {}) {
      const userId = unique('u');
      signIn(userId);
      const dbName = unique('db');
      return { userId, dbName, engine: OfflineReview.for({ userId, dbName, ...options }) };
    }

    /** A signed-in user's engine (no auto sync) on a fresh database, with a session and one answer queued. */
    async function answerQueued() {
      const { userId, dbName, engine } = signedInEngine({ autoSync: false });
      const { session } = await engine.startSession({ deckId: 'd', itemIds: ['x'], mode: 'grade' });
      const answer = await engine.recordAnswer({ sessionId: session.id, itemId: 'x', rating: 3, responseTimeMs: 100 });
      return { userId, dbName, engine, answer };
    }

    it('drains a database with the core queue, for the configured user only', async () => {
      const userId = unique('u');
      signIn(userId);
      const dbName = unique('db');
      expect(await drainDatabase(dbName)).to.deep.equal({ dbName, userId: null, state: null });
      const engine = OfflineReview.for({ userId, dbName, autoSync: false });
      const { session } = await engine.startSession({ deckId: 'd', itemIds: ['x'], mode: 'grade' });
      const answer = await engine.recordAnswer({ sessionId: session.id, itemId: 'x', rating: 2, responseTimeMs: 100 });

      await api.fault({ match: '/sync', mode: 'down' });
      const failed = await drainDatabase(dbName);
      // The session and the answer; the worker counts answers apart, as the pages do.
      expect(failed.state).to.include({ pending: 2, pendingAnswers: 1, deadLetters: 0, deadLetterAnswers: 0 });
      expect(needsRetry(failed)).to.equal(true);
      expect(await drainDatabases([dbName], null)).to.equal(true);

      await api.clear();
      // The failed entries wait out their backoff (the queue's default, up to seconds) first.
      let done = await drainDatabase(dbName);
      await waitUntil(async () => (done = await drainDatabase(dbName)).state?.pending === 0, 'never drained', { timeout: 15_000, interval: 250 });
      expect(needsRetry(done)).to.equal(false);
      expect(needsRetry({ dbName, userId, state: { ...done.state!, pending: 3, paused: true } })).to.equal(false);
      expect((await api.serverState(userId)).answers.map((a) => a.id)).to.deep.equal([answer.id]);
      expect(await drainDatabases([dbName, unique('unconfigured')], null)).to.equal(false);
      engine.close();
      closeWorkerStorages();
    });

    it('push only, tell the other contexts, and leave the drain to a page that holds the lock', async () => {
      const { userId, dbName, engine } = await answerQueued();

      // A page holds the drain lock: the worker sends nothing and counts what waits.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const lockTaken = new Promise<void>((resolve) => (locked = resolve));
      const holder = navigator.locks.request(`offline-review-sync:${dbName}`, () => {
        locked();
        return held;
      });
      await lockTaken;
      await api.log({ clear: true });
      const skipped = await drainDatabase(dbName);
      expect(skipped.state).to.include({ pending: 2, pendingAnswers: 1 });
      expect(skipped.state?.lastSyncedAt).to.equal(null);
      expect(await api.log()).to.deep.equal([]);
      release();
      await holder;

      const channel = new BroadcastChannel(`offline-review:${dbName}`);
      const told = new Promise<unknown>((resolve) => (channel.onmessage = (event) => resolve(event.data)));
      const done = await drainDatabase(dbName);
      expect(done.state?.pending).to.equal(0);
      expect(done.state?.lastSyncedAt).to.be.a('number');
      expect(await told).to.deep.include({ type: 'drained', userId, ok: true });
      channel.close();
      // The worker pushed; it never pulled (pulling and merging is the pages' part).
      expect(await pushes()).to.have.length(1);
      expect((await api.log()).filter((entry) => entry.path.endsWith('/changes'))).to.deep.equal([]);
      engine.close();
      closeWorkerStorages();
    });

    it('make an open page pull after the worker pushed, since the worker does not', async () => {
      const { dbName, engine } = signedInEngine();
      // The start-up drain (push, then pull) ends before the worker's turn.
      await waitUntil(async () => (await api.log()).some((entry) => entry.path.endsWith('/changes')) && !engine.state.syncing, 'no start-up pull');
      await api.log({ clear: true });
      const done = await drainDatabase(dbName);
      expect(done.state?.lastSyncedAt).to.be.a('number');
      await waitUntil(async () => (await api.log()).some((entry) => entry.path.endsWith('/changes')), 'the page never pulled after the worker drained');
      engine.close();
      closeWorkerStorages();
    });

    it('leave a batch the server refuses as a whole (a CSRF check) to the pages, spending no retry', async () => {
      const { userId, dbName, engine, answer } = await answerQueued();
      for (const status of [403, 422, 400]) {
        await api.fault({ match: '/sync', mode: 'status', status });
        const refused = await drainDatabase(dbName);
        expect(refused.state?.lastError?.code).to.equal(status === 403 ? 'forbidden' : 'bad-request');
        expect(refused.state?.lastError?.kind).to.equal('refused');
        expect(refused.state?.pending).to.equal(2);
        expect(needsRetry(refused)).to.equal(false);
        await api.clear();
      }
      // Nothing spent, nothing waiting out a backoff, nothing dead-lettered.
      const entries = await queueEntries(dbName);
      expect(entries.map((entry) => [entry.status, entry.retryCount])).to.deep.equal([['pending', 0], ['pending', 0]]);
      expect(entries.every((entry) => entry.nextAttemptAt <= Date.now())).to.equal(true);
      expect(await engine.listDeadLetters()).to.deep.equal([]);
      // The page, which has the headers, sends them.
      await engine.sync();
      expect((await api.serverState(userId)).answers.map((a) => a.id)).to.deep.equal([answer.id]);
      engine.close();
      closeWorkerStorages();
    });

    it('stop a drain when its user signs out and another signs in, leaving the rest queued for that user', async () => {
      const alice = unique('alice');
      signIn(alice);
      const dbName = unique('db');
      const engine = OfflineReview.for({ userId: alice, dbName, autoSync: false });
      // More than one batch (the worker's default is 200 mutations): the session and 250 answers.
      const itemIds = Array.from({ length: 250 }, (_, i) => `item-${i}`);
      const { session } = await engine.startSession({ deckId: 'd', itemIds, mode: 'grade' });
      for (const itemId of itemIds) await engine.recordAnswer({ sessionId: session.id, itemId, rating: 3, responseTimeMs: 100 });
      await api.log({ clear: true });
      // The first push is slow: alice signs out and bob signs in on this device meanwhile.
      await api.fault({ match: '/sync', mode: 'delay', delayMs: 2000, times: 1 });
      const draining = drainDatabase(dbName);
      await waitUntil(async () => (await api.log()).some((entry) => entry.path.endsWith('/sync')), 'the first push never left');
      await engine.signOut();
      signIn(unique('bob'));
      await draining;

      // Alice's first batch reached the server with her cookie; the rest is not sent under
      // bob's (the server would refuse it as another user's: dead letters), it waits for her.
      expect((await api.serverState(alice)).answers).to.have.length(199);
      const db = await openReviewDatabase(dbName);
      const [queued, dead] = await Promise.all([db.countFromIndex('syncQueue', 'userId', alice), db.count('deadLetters')]);
      db.close();
      expect(dead).to.equal(0);
      expect(queued).to.equal(51);
      closeWorkerStorages();
    });

    it("leave a page's error standing when the worker's drain sent nothing because the answers wait out a Retry-After", async () => {
      const { dbName, engine } = await answerQueued();
      await api.fault({ match: '/sync', mode: 'status', status: 503, retryAfter: 600 });
      await engine.sync();
      expect(engine.state.lastError?.code).to.equal('rate-limited');
      expect(engine.state.lastSyncedAt).to.equal(null);

      // The server said "in ten minutes": the worker's drain finds nothing due and sends nothing.
      await api.log({ clear: true });
      const done = await drainDatabase(dbName);
      expect(done.state?.pending).to.equal(2);
      expect(await api.log()).to.deep.equal([]);
      await waitUntil(() => engine.state.lastSyncedAt !== null, 'the page never heard of the worker drain');
      // As after a drain of the page's own (sync-queue.ts): the error stands until they are sent.
      expect(engine.state.lastError?.code).to.equal('rate-limited');
      engine.close();
      closeWorkerStorages();
    });

    it('understand only well-formed messages', () => {
      expect(isWorkerMessage({ type: 'sync', dbName: 'db' })).to.equal(true);
      expect(isWorkerMessage({ type: 'sign-out', dbName: 'db', userId: 'u' })).to.equal(true);
      expect(isWorkerMessage({ type: 'config', dbName: 'db' })).to.equal(true);
      expect(isWorkerMessage({ type: 'sign-out', dbName: 'db', userId: 3 })).to.equal(false);
      expect(isWorkerMessage({ type: 'other', dbName: 'db' })).to.equal(false);
      expect(isWorkerMessage({ type: 'sync', dbName: '' })).to.equal(false);
      expect(isWorkerMessage(null)).to.equal(false);
      const state = initialSyncState(true);
      expect(isSyncCompleteMessage({ type: 'offline-review:sync-complete', dbName: 'db', userId: 'u', state })).to.equal(true);
      expect(isSyncCompleteMessage({ type: 'offline-review:sync-complete', dbName: 'db' })).to.equal(false);
      expect(isSyncCompleteMessage('x')).to.equal(false);
    });
  });

  describe('registration helpers', () => {
    it('detect Background Sync, name the database in the worker URL, and know when to use it', () => {
      expect(hasBackgroundSync()).to.equal('sync' in ServiceWorkerRegistration.prototype);
      expect(workerUrlFor('/sw.js', 'offline-review')).to.equal('/sw.js');
      expect(workerUrlFor('/sw.js', 'mine')).to.equal('/sw.js?db=mine');
      expect(workerUrlFor('/sw.js?db=mine', 'mine')).to.equal('/sw.js?db=mine');
      expect(workerUrlFor('/sw.js?offline=/o.html', 'mine')).to.equal('/sw.js?offline=%2Fo.html&db=mine');
      expect(workerUrlFor('https://other.example/sw.js', 'mine')).to.equal('https://other.example/sw.js?db=mine');
      const state = initialSyncState(true);
      expect(waitsForNetwork(state)).to.equal(false);
      expect(waitsForNetwork({ ...state, pending: 2, online: false })).to.equal(true);
      expect(waitsForNetwork({ ...state, pending: 2, paused: true, online: false })).to.equal(false);
      expect(waitsForNetwork({ ...state, pending: 2, lastError: { kind: 'unreachable', code: 'timeout', message: '' } })).to.equal(true);
      expect(waitsForNetwork({ ...state, pending: 2, lastError: { kind: 'refused', code: 'forbidden', message: '' } })).to.equal(false);
      expect(waitsForNetwork({ ...state, pending: 2 })).to.equal(false);
    });
  });
});
