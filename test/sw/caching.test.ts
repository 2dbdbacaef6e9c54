// The built worker's caching strategies for pages and static files, in real Chromium with a real
// registration; the network is cut, or made to hang, by the test server's fault middleware.
import { expect } from '@open-wc/testing';
import { api } from '../support/server.js';
import { cacheNames, pagesCacheName } from '../../sw/cache-names.js';
import { OFFLINE_HEADER } from '../../sw/offline-page.js';
import { unique } from '../support/server.js';
import { cachedPaths, cleanUp, waitForCached, frameFetch, frameWindow, navigate, openFrame, registerWorker, SCOPE, waitForLogged } from './sw-support.js';

const PAGE = `${SCOPE}page.html`;

describe('service worker: registration and caching', () => {
  afterEach(cleanUp);

  it('registers from the one-line file and controls pages of its scope', async () => {
    const registration = await registerWorker();
    expect(registration.active?.scriptURL).to.contain('/test/sw/fixtures/one-line-sw.js');
    const frame = await openFrame();
    const controller = frameWindow(frame).navigator.serviceWorker.controller;
    expect(controller?.scriptURL).to.equal(registration.active?.scriptURL);
    // The runner's own page stays uncontrolled.
    expect(navigator.serviceWorker.controller).to.equal(null);
  });

  it('deletes caches of other versions on activate, and leaves other caches alone', async () => {
    await caches.open('offline-review-pages-v0');
    await caches.open('offline-review-api-v0-db:alice');
    await caches.open('somebody-elses-cache');
    await registerWorker();
    const names = await caches.keys();
    expect(names).not.to.include('offline-review-pages-v0');
    expect(names).not.to.include('offline-review-api-v0-db:alice');
    expect(names).to.include('somebody-elses-cache');
    await caches.delete('somebody-elses-cache');
  });

  it("precaches the widget's entry and every chunk at install, each with a revision hash of its bytes", async () => {
    const bundle = '/dist/cdn/offline-review.js';
    const bytes = await (await fetch(bundle)).arrayBuffer();
    // The build wrote each file's revision (a hash of the file on disk) into the worker; the
    // test server re-prints served JavaScript (esbuild), so the hashes are read from the build, not computed.
    const built = await (await fetch('/dist/sw/offline-review-sw.js')).text();
    const manifest = [...built.matchAll(/url:\s*"\.\.\/(cdn\/[^"]+)",\s*revision:\s*"([0-9a-f]{16})"/g)].map(([, url, revision]) => `/dist/${url}?__WB_REVISION__=${revision}`);
    expect(manifest[0], 'the build injected no precache manifest').to.match(/^\/dist\/cdn\/offline-review\.js\?/);
    // The tags' chunks (hashed names under chunks/), which the entry imports when a page shows a tag.
    const chunks = manifest.slice(1);
    expect(chunks.length).to.be.greaterThan(2);
    for (const chunk of chunks) expect(chunk).to.match(/^\/dist\/cdn\/chunks\/[\w.-]+-[\w-]{8}\.js\?/);
    expect(chunks.some((chunk) => chunk.includes('/review-session-'))).to.equal(true);
    await registerWorker();
    expect(await cachedPaths(cacheNames.precache)).to.have.members(manifest);
    // A controlled page gets them from the precache with no network at all.
    const frame = await openFrame();
    await api.fault({ match: '/dist/cdn/', mode: 'down' });
    await api.log({ clear: true });
    const response = await frameFetch(frame, bundle);
    expect(response.status).to.equal(200);
    expect((await response.arrayBuffer()).byteLength).to.equal(bytes.byteLength);
    const chunk = chunks[0]!.split('?')[0]!;
    expect((await frameFetch(frame, chunk)).status).to.equal(200);
    expect((await api.log()).filter((entry) => entry.path.startsWith('/dist/cdn/'))).to.deep.equal([]);
  });

  describe('navigations of review pages: NetworkFirst, then the cached page, then an offline page', () => {
    // The site lists its pages (`pages`); nobody is signed in on the fresh database `db`.
    let db = '';
    let pages = '';
    beforeEach(() => {
      db = unique('db');
      pages = pagesCacheName(db, null);
    });

    it('serves pages from the network and caches them', async () => {
      await registerWorker({ db, pages: PAGE });
      await api.log({ clear: true });
      const frame = await openFrame();
      expect(frame.contentDocument!.getElementById('marker')).to.exist;
      await waitForLogged(PAGE, (entry) => entry.fault === null);
      await waitForCached(pages, PAGE);
    });

    it('serves the cached page when the network is down', async () => {
      await registerWorker({ db, pages: PAGE });
      const frame = await openFrame();
      await api.fault({ match: PAGE, mode: 'down' });
      await api.log({ clear: true });
      const doc = await navigate(frame, PAGE);
      expect(doc.getElementById('marker')?.textContent).to.contain('page from the network or the cache');
      // The network was tried first (and failed): NetworkFirst, not CacheFirst.
      await waitForLogged(PAGE, (entry) => entry.fault === 'down');
    });

    it('serves the cached page when the network does not answer in time', async () => {
      await registerWorker({ db, pages: PAGE, timeout: '1' });
      const frame = await openFrame();
      await api.fault({ match: PAGE, mode: 'hang' });
      await api.log({ clear: true });
      const doc = await navigate(frame, PAGE);
      expect(doc.getElementById('marker')).to.exist;
      await waitForLogged(PAGE, (entry) => entry.fault === 'hang');
    });

    it('serves the built-in offline page for a page never cached, with no network', async () => {
      await registerWorker({ db, pages: `${SCOPE}*` });
      const frame = await openFrame();
      await api.fault({ match: `${SCOPE}never-visited.html`, mode: 'down' });
      const doc = await navigate(frame, `${SCOPE}never-visited.html`);
      expect(doc.querySelector('h1')?.textContent).to.equal('You are offline');
      // Not cached as if it were the page: the next visit online gets the real one.
      expect(await cachedPaths(pages)).not.to.include(`${SCOPE}never-visited.html`);
    });

    it("serves the site's own offline page when it named one", async () => {
      await registerWorker({ db, pages: `${SCOPE}*`, offline: `${SCOPE}offline.html` });
      await waitForCached(cacheNames.pages, `${SCOPE}offline.html`);
      const frame = await openFrame();
      await api.fault({ match: `${SCOPE}never-visited.html`, mode: 'down' });
      const doc = await navigate(frame, `${SCOPE}never-visited.html`);
      expect(doc.getElementById('site-offline')).to.exist;
    });
  });

  describe('static files', () => {
    it('scripts and styles: StaleWhileRevalidate (online, offline, network hanging)', async () => {
      await registerWorker();
      const frame = await openFrame();
      // The page's <link rel=stylesheet> went through the worker and was cached.
      await waitForCached(cacheNames.assets, `${SCOPE}style.css`);
      expect(frameWindow(frame).getComputedStyle(frame.contentDocument!.getElementById('marker')!).color).to.equal('rgb(1, 2, 3)');

      await api.fault({ match: `${SCOPE}style.css`, mode: 'down' });
      const offline = await frameFetch(frame, `${SCOPE}style.css`);
      expect(await offline.text()).to.contain('rgb(1, 2, 3)');
      await api.clear();

      // A hanging network does not hold the answer up: it comes from the cache at once (were
      // the worker waiting for the network, this fetch would never resolve).
      await api.fault({ match: `${SCOPE}style.css`, mode: 'hang' });
      const hanging = await frameFetch(frame, `${SCOPE}style.css`);
      expect(await hanging.text()).to.contain('rgb(1, 2, 3)');
      await api.clear();

      // Online, the cached copy is answered and refreshed behind: the network is asked too.
      await api.log({ clear: true });
      const online = await frameFetch(frame, `${SCOPE}style.css`);
      expect(await online.text()).to.contain('rgb(1, 2, 3)');
      await waitForLogged(`${SCOPE}style.css`, (entry) => entry.fault === null);
    });

    it('images and fonts: CacheFirst (the network is not asked again)', async () => {
      await registerWorker();
      await api.log({ clear: true });
      const frame = await openFrame();
      await waitForCached(cacheNames.media, `${SCOPE}pixel.svg`);
      await api.fault({ match: `${SCOPE}pixel.svg`, mode: 'down' });
      const response = await frameFetch(frame, `${SCOPE}pixel.svg`);
      expect(response.status).to.equal(200);
      expect(await response.text()).to.contain('#010203');
      const requests = (await api.log()).filter((entry) => entry.path === `${SCOPE}pixel.svg`);
      expect(requests.map((entry) => entry.fault)).to.deep.equal([null]);
    });

    it('keeps no IndexedDB of its own for them: their caches are trimmed by the worker itself', async () => {
      // workbox-expiration kept their ages in IndexedDB, partly outside any event's lifetime; a
      // worker WebKit stopped in the middle of it left every later worker's static files
      // unfinished, and an accepted update waiting behind them for ever.
      await registerWorker();
      const frame = await openFrame();
      await waitForCached(cacheNames.assets, `${SCOPE}style.css`);
      await waitForCached(cacheNames.media, `${SCOPE}pixel.svg`);
      // A second visit answers both from the cache (the bookkeeping of a used entry too).
      await navigate(frame, `${SCOPE}page.html`);
      expect(await (await frameFetch(frame, `${SCOPE}style.css`)).text()).to.contain('rgb(1, 2, 3)');
      expect((await indexedDB.databases()).map((db) => db.name)).to.not.include('workbox-expiration');
    });

    it('does not cache error answers', async () => {
      await registerWorker();
      const frame = await openFrame();
      await api.fault({ match: `${SCOPE}missing.css`, mode: 'status', status: 500 });
      const response = await frameFetch(frame, `${SCOPE}missing.css`);
      expect(response.status).to.equal(500);
      expect(response.headers.get(OFFLINE_HEADER)).to.equal(null);
      expect(await cachedPaths(cacheNames.assets)).not.to.include(`${SCOPE}missing.css`);
    });
  });
});
