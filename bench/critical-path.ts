// m. Bytes before the first card: the demo started as `npm start` starts it (it compresses), one
// fresh profile per page, and the library's files (the CDN entry and its chunks, under
// /dist/cdn/) that the page requested before it was ready: the review page until its first card
// can be answered (the reveal button is on screen), the indicator page until the indicator shows
// its state, the page with the script and no tag until its load event. Each file counts with its
// gzip -9 size (what the demo sends to a gzip client); the bytes the browser actually received
// (Resource Timing's encodedBodySize, brotli where it asked for it) are kept beside them.
// Baseline in the same run: the whole CDN build (entry and every chunk), gzip -9.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { newDevice } from '../test/e2e/support/browser.js';
import { removeDir, startDemo } from '../test/e2e/support/demo.js';
import { cdnFiles } from '../sw/build-plugins.mjs';
import { gzipSize } from './sizes.js';

/** What one page fetched of the library before it was ready. */
export interface PageBytes {
  /** gzip -9 bytes of the library files requested before ready. */
  gzip: number;
  /** Bytes received for them (Resource Timing encodedBodySize; the encoding the browser chose). */
  transferred: number;
  /** The files, as paths under /dist/cdn/. */
  files: string[];
  /** Milliseconds from navigation start until ready (for context, not a target). */
  readyMs: number;
  /** The Content-Encoding the demo answered the entry with (for the browser's Accept-Encoding). */
  encoding: string;
}

export interface CriticalPathResult {
  review: PageBytes;
  indicator: PageBytes;
  noTag: PageBytes;
  /** The whole CDN build (entry + every chunk), gzip -9. */
  wholeBuild: number;
}

const NO_TAG_PATH = '/bench-no-tag';
const NO_TAG_PAGE = '<!doctype html><html lang="en"><meta charset="utf-8"><title>No tag</title><script type="module" src="/dist/cdn/offline-review.js"></script><p>A page with the script and no tag.</p></html>';

/** The library files `page` requested before `readyAt` (ms since navigation start), with sizes. */
async function libraryBytes(page: Page, readyAt: number): Promise<Omit<PageBytes, 'encoding'>> {
  // Entries appear once a response is complete: wait for the network to settle, then keep the
  // requests that started before the page was ready.
  await page.waitForLoadState('networkidle');
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => {
      const r = e as PerformanceResourceTiming;
      return { name: r.name, startTime: r.startTime, encodedBodySize: r.encodedBodySize };
    }),
  );
  const library = entries.filter((e) => new URL(e.name).pathname.startsWith('/dist/cdn/') && e.startTime <= readyAt);
  const files = library.map((e) => new URL(e.name).pathname.slice('/dist/cdn/'.length));
  return {
    gzip: files.reduce((sum, file) => sum + gzipSize(readFileSync(`dist/cdn/${file}`)), 0),
    transferred: library.reduce((sum, e) => sum + e.encodedBodySize, 0),
    files,
    readyMs: readyAt,
  };
}

/** Opens `path` in a fresh profile, waits until `ready` resolves the page's time of readiness, measures. */
async function measurePage(browser: Browser, origin: string, path: string, ready: (page: Page) => Promise<number>): Promise<PageBytes> {
  const context = await newDevice(browser, origin, 'bench-bytes');
  try {
    await context.route(`${origin}${NO_TAG_PATH}`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: NO_TAG_PAGE }));
    const page = await context.newPage();
    let encoding = 'not fetched';
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/dist/cdn/offline-review.js') encoding = response.headers()['content-encoding'] ?? 'identity';
    });
    await page.goto(`${origin}${path}`, { waitUntil: 'commit' });
    const readyAt = await ready(page);
    return { ...(await libraryBytes(page, readyAt)), encoding };
  } finally {
    await context.close();
  }
}

/** Measures the three pages against the demo (dist/ must be built). */
export async function measureCriticalPath(browser: Browser): Promise<CriticalPathResult> {
  const demo = await startDemo();
  try {
    const timeout = 30_000;
    // The page's own clock when the condition first holds, checked every animation frame: the
    // frame that shows the first card, before the browser goes on to anything after it.
    const at = (page: Page, what: 'card' | 'indicator' | 'loaded') =>
      page
        .waitForFunction(
          (kind) => {
            const ok =
              kind === 'card'
                ? document.querySelector('review-session')?.shadowRoot?.querySelector('[part~="reveal-button"]')
                : kind === 'indicator'
                  ? document.querySelector('sync-indicator[state]')
                  : document.readyState === 'complete';
            return ok ? performance.now() : false;
          },
          what,
          { timeout },
        )
        .then(async (handle) => Number(await handle.jsonValue()));
    const review = await measurePage(browser, demo.origin, '/decks/jp-basics', (page) => at(page, 'card'));
    const indicator = await measurePage(browser, demo.origin, '/indicator', (page) => at(page, 'indicator'));
    const noTag = await measurePage(browser, demo.origin, NO_TAG_PATH, (page) => at(page, 'loaded'));
    return { review, indicator, noTag, wholeBuild: cdnFiles().reduce((sum, file) => sum + gzipSize(readFileSync(file)), 0) };
  } finally {
    await demo.stop();
    removeDir(demo.dataDir);
  }
}
