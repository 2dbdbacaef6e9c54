// What the worker may answer from its cache: only review pages (pages that showed the tags, or
// that the site lists), never one sent `no-store` or `private`; any other navigation reaches the
// network as it would with no worker. Real registration, real Chromium; pages are made up by the
// test server's fault rules (a status with a body, answered late when asked).
import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import '../../components/define.js';
import { cacheNames, pagesCacheName } from '../../sw/cache-names.js';
import { announceUser } from '../../components/shared/device-user.js';
import { isReviewPageMessage, matchesPagePattern, pageKey, ReviewPages } from '../../sw/review-pages.js';
import { isStorable } from '../../sw/user-caches.js';
import { api, unique } from '../support/server.js';
import { cachedPaths, navigate, openFrame, registerWorker, SCOPE, useWorkerSuite, waitForCached, waitForLogged, workerUrl } from './sw-support.js';

const ORIGIN = location.origin;
const html = (text: string): string => `<!doctype html><title>t</title><p id="text">${text}</p>`;
/** A page of the site the test server makes up: `text`, answered after `delayMs`, with `headers`. */
const sitePage = (match: string, text: string, extra: { delayMs?: number; headers?: Record<string, string> } = {}) =>
  api.fault({ match, mode: 'status', status: 200, body: html(text), ...extra });

describe('service worker: its reach', () => {
  useWorkerSuite();

  it('never answers an unrelated page from its cache, however slow (an account balance)', async () => {
    const db = unique('db');
    await registerWorker({ db, timeout: '1' });
    const frame = await openFrame();
    const balance = `${SCOPE}balance.html`;
    await sitePage(balance, 'Your account balance: 10');
    expect((await navigate(frame, balance)).getElementById('text')?.textContent).to.equal('Your account balance: 10');
    await api.clear();
    // Slower than the worker's 1 s navigation timeout: a review page would come from the cache.
    await sitePage(balance, 'Your account balance: 20', { delayMs: 2500 });
    expect((await navigate(frame, balance)).getElementById('text')?.textContent).to.equal('Your account balance: 20');
    for (const name of await caches.keys()) expect(await cachedPaths(name)).not.to.include(balance);
  });

  it('keeps a page the tags recorded, for its signed-in user, and serves it offline', async () => {
    const db = unique('db');
    await registerWorker({ db });
    const frame = await openFrame();
    const deck = `${SCOPE}deck.html`;
    await sitePage(deck, 'deck one');
    await announceUser(db, null, new URL(`${deck}#card-2`, ORIGIN).href);
    // The worker caches a recorded page at once (the page that recorded it is already shown).
    await waitForCached(pagesCacheName(db, null), deck);
    await api.clear();
    await api.fault({ match: deck, mode: 'down' });
    expect((await navigate(frame, deck)).getElementById('text')?.textContent).to.equal('deck one');
    await waitForLogged(deck, (entry) => entry.fault === 'down');
  });

  it('keeps the page on the visit that installs the worker (the tags render before it is active)', async () => {
    const db = unique('db');
    const deck = `${SCOPE}first-visit.html`;
    await sitePage(deck, 'first visit');
    const registration = await navigator.serviceWorker.register(workerUrl({ db }), { scope: SCOPE });
    expect(registration.active, 'no active worker yet when the tags record the page').to.equal(null);
    await announceUser(db, null, new URL(deck, ORIGIN).href);
    // Without a second (online) visit: the worker is told once it is active.
    await waitForCached(pagesCacheName(db, null), deck);
  });

  it('keeps no page sent no-store or private: such a page is not available offline', async () => {
    const db = unique('db');
    await registerWorker({ db, pages: `${SCOPE}*` });
    const frame = await openFrame();
    for (const cacheControl of ['no-store', 'private']) {
      const path = `${SCOPE}${cacheControl}.html`;
      await sitePage(path, cacheControl, { headers: { 'Cache-Control': cacheControl } });
      expect((await navigate(frame, path)).getElementById('text')?.textContent).to.equal(cacheControl);
      await waitForLogged(path);
      await api.clear();
      await api.fault({ match: path, mode: 'down' });
      const offline = await navigate(frame, path);
      expect(offline.querySelector('h1')?.textContent).to.equal('You are offline');
      expect(await cachedPaths(pagesCacheName(db, null))).not.to.include(path);
      await api.clear();
    }
  });

  it('the tags record the page they are on', async () => {
    const dbName = unique('db');
    const tag = Object.assign(document.createElement('sync-indicator'), { dbName });
    document.body.append(tag);
    await waitUntil(async () => (await cachedPaths(cacheNames.reviewPages)).includes(location.pathname + location.search), 'page not recorded');
    const entry = await (await caches.open(cacheNames.reviewPages)).match(pageKey(location.href));
    expect(await entry?.json()).to.deep.equal({ dbName });
    tag.remove();
  });

  it('sort pages and answers (in the page)', async () => {
    expect(pageKey(`${ORIGIN}/a?b=1#c`)).to.equal(`${ORIGIN}/a?b=1`);
    expect(matchesPagePattern(`${ORIGIN}/decks/jp?x=1`, ['/decks/*'], ORIGIN)).to.equal(true);
    expect(matchesPagePattern(`${ORIGIN}/decks`, ['/decks/*'], ORIGIN)).to.equal(false);
    expect(matchesPagePattern(`${ORIGIN}/review?x=1`, ['/review'], ORIGIN)).to.equal(true);
    expect(matchesPagePattern('https://elsewhere.example/review', ['/review'], ORIGIN)).to.equal(false);
    const message = { type: 'offline-review:page', url: '/a', dbName: 'db', userId: null, record: true };
    expect(isReviewPageMessage(message)).to.equal(true);
    expect(isReviewPageMessage({ ...message, userId: 'u', record: false })).to.equal(true);
    expect(isReviewPageMessage({ ...message, dbName: '' })).to.equal(false);
    expect(isReviewPageMessage({ ...message, userId: '' })).to.equal(false);
    expect(isReviewPageMessage({ ...message, record: undefined })).to.equal(false);
    expect(isReviewPageMessage(null)).to.equal(false);

    const ok = (cacheControl?: string, status = 200): boolean =>
      isStorable(new Response('x', { status, headers: cacheControl ? { 'Cache-Control': cacheControl } : {} }));
    expect(ok()).to.equal(true);
    expect(ok('no-cache, max-age=0')).to.equal(true);
    expect(ok('public, max-age=60')).to.equal(true);
    expect(ok('no-store')).to.equal(false);
    expect(ok('max-age=0, No-Store')).to.equal(false);
    expect(ok('private')).to.equal(false);
    expect(ok('private="set-cookie"')).to.equal(false);
    expect(ok(undefined, 404)).to.equal(false);

    const pages = new ReviewPages(['/listed'], 'default-db', ORIGIN);
    expect(pages.mayOwn(`${ORIGIN}/other`)).to.equal(true); // not read yet: the handler decides
    await pages.ready;
    expect(pages.mayOwn(`${ORIGIN}/other`)).to.equal(false);
    expect(pages.ownerOf(`${ORIGIN}/listed#x`)).to.equal('default-db');
    pages.add(`${ORIGIN}/recorded`, 'db2');
    expect(pages.ownerOf(`${ORIGIN}/recorded`)).to.equal('db2');
  });

});
