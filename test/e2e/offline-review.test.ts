// Scenarios 1 and 6 (docs/testing.md, "The end-to-end suite"): reviewing with no network (the page itself from the worker's
// cache, resume after reload, exactly the answers given reach the server), and a storage quota
// too small to hold an answer (a clear message, and nothing accepted that was not stored).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { AnswerRecord } from '../../src/types.js';
import { answerCards, duplicates, eventually, focusCard, idbAll, openDemo, progress, serverState, WAIT, waitForCard, waitSynced } from './support/browser.js';
import { ENGINE, type E2ePage } from './support/driver.js';
import { launchFirefox } from './support/firefox.js';
import { inScenario, useBrowser } from './support/scenario.js';

const browser = useBrowser();

/** Sets (or with null, lifts) the page origin's storage quota through CDP: real QuotaExceededErrors. */
async function setQuota(cdp: CDPSession, page: Page, quotaSize: number | null): Promise<void> {
  const origin = new URL(page.url()).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', quotaSize === null ? { origin } : { origin, quotaSize });
}

/** Whether a small IndexedDB write in the page's origin is refused for lack of quota right now. */
function quotaRefusesWrites(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      new Promise<boolean>((resolve, reject) => {
        const open = indexedDB.open('e2e-quota-probe', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('probe');
        open.onerror = () => (open.error?.name === 'QuotaExceededError' ? resolve(true) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('probe', 'readwrite');
          tx.objectStore('probe').put(crypto.randomUUID().repeat(64), 'k');
          tx.oncomplete = () => (db.close(), resolve(false));
          tx.onabort = () => (db.close(), tx.error?.name === 'QuotaExceededError' ? resolve(true) : reject(tx.error));
        };
      }),
  );
}

/**
 * Chromium re-reads an origin's quota only after its cached view of the space expires (up to
 * 30 s; see test/src/storage/quota.test.ts), so wait until writes really are refused/allowed.
 */
async function untilQuota(page: Page, refused: boolean): Promise<void> {
  await eventually(() => quotaRefusesWrites(page), (now) => now === refused, `quota ${refused ? 'in force' : 'lifted'}`, 60_000);
}

/**
 * Firefox's whole temporary storage in KB (every origin's share is as much): room for the
 * worker's precache and the app's database, which a padding database then fills.
 */
const FIREFOX_STORAGE_KB = 8192;

/**
 * In Firefox: fills the page's origin with a padding database, in ever smaller pieces, until
 * IndexedDB refuses even the smallest; resolves how many pieces went in. Each size gets a fresh
 * connection: after a write met the quota, Firefox refuses the next one on that connection.
 */
function padOrigin(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const connect = () =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('e2e-padding', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('pad');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
    let key = 0;
    for (let size = 256 * 1024; size >= 16 * 1024; size /= 4) {
      const db = await connect();
      try {
        for (;;) {
          const piece = new Uint8Array(size);
          for (let i = 0; i < size; i += 65536) crypto.getRandomValues(piece.subarray(i, i + 65536));
          const stored = await new Promise<boolean>((resolve, reject) => {
            const tx = db.transaction('pad', 'readwrite');
            tx.objectStore('pad').put(piece, key);
            tx.oncomplete = () => resolve(true);
            tx.onabort = () => (tx.error === null || tx.error.name === 'QuotaExceededError' ? resolve(false) : reject(tx.error));
          });
          if (!stored) break;
          key++;
        }
      } finally {
        db.close();
      }
    }
    return key;
  });
}

/** Deletes the padding database: the origin has its room back. */
function unpadOrigin(page: Page): Promise<unknown> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.deleteDatabase('e2e-padding');
        request.onsuccess = resolve;
        request.onerror = () => reject(request.error);
      }),
  );
}

/**
 * Reveals and grades the current card; resolves 'stored' once the answer is stored (the answer
 * hides for the next card) or 'full' once the session says the storage is full.
 */
async function tryAnswer(page: Page): Promise<'stored' | 'full'> {
  await focusCard(page);
  await page.keyboard.press('Space');
  await page.locator('review-session [part~="answer"]').first().waitFor({ state: 'visible', timeout: WAIT.short });
  await page.keyboard.press('3');
  const outcome = await page.waitForFunction(
    () => {
      const root = document.querySelector('review-session')?.shadowRoot;
      if (/storage (is )?full/i.test(root?.textContent ?? '')) return 'full';
      return root?.querySelector('[part~="answer"]') == null ? 'stored' : false;
    },
    undefined,
    { timeout: WAIT.short, polling: 100 },
  );
  return (await outcome.jsonValue()) as 'stored' | 'full';
}

/**
 * The page's answers were recorded by the answer worker (src/storage/answer-worker.ts): it runs
 * (one that could not start, or not in time, is ended, and the page records the answers itself).
 */
function assertAnswerWorker(page: E2ePage): void {
  const urls = page.workers().map((w) => w.url());
  assert.ok(urls.some((url) => /\/dist\/cdn\/chunks\/answer-worker-[\w-]+\.js$/.test(url)), `the answer worker runs (workers: ${urls.join(', ') || 'none'})`);
}

describe('offline review in the demo', () => {
  it('1. reviews offline from the cached page, resumes at card 11 after a reload, syncs exactly 10 answers', async () => {
    await inScenario(browser(), {}, async ({ origin, user, device }) => {
      const context = await device();
      const page = await openDemo(context, origin);

      await context.setOffline(true);
      const cached = await page.reload();
      assert.equal(cached?.fromServiceWorker(), true, 'the page came from the service worker');
      await waitForCard(page);
      assert.equal(await page.evaluate(() => navigator.onLine), false, 'the page really is offline');
      const start = await progress(page);
      assert.equal(start.current, 1, `a new session starts at card 1 (${start.text})`);

      await answerCards(page, 10);
      // Recorded by the answer worker, its file from the worker's cache.
      assertAnswerWorker(page);
      await page.reload();
      await waitForCard(page);
      const resumed = await progress(page);
      assert.equal(resumed.current, 11, `resumes at card 11 (${resumed.text})`);
      await page.waitForSelector('sync-indicator[state="offline"][pending]', { timeout: WAIT.short });

      await context.setOffline(false);
      await waitSynced(page);
      const local = await idbAll<AnswerRecord>(page, 'answers');
      const server = await serverState(origin, user);
      assert.equal(local.length, 10);
      assert.equal(server.answers.length, 10, 'the server holds exactly the 10 answers');
      assert.deepEqual(duplicates(server.answers.map((a) => a.id)), []);
      assert.deepEqual(
        server.answers.map((a) => a.id).sort(),
        local.map((a) => a.id).sort(),
        'the server holds the very answers the device recorded',
      );
      assert.ok(server.answers.every((a) => a.userId === user));
    });
  });

  // Firefox has no per-origin quota to set: it is launched with a small storage limit of its
  // own, which a padding database fills (docs/testing.md, "The end-to-end suite in Firefox").
  if (ENGINE === 'firefox') it('6. a storage limit reached: "storage full" is shown, no accepted answer is lost, and room made lets the learner carry on', async () => {
    const limited = (await launchFirefox({ 'dom.quotaManager.temporaryStorage.fixedLimit': FIREFOX_STORAGE_KB })) as unknown as Browser;
    try {
      await inScenario(limited, {}, async ({ origin, user, device }) => {
        const context = await device();
        const page = await openDemo(context, origin);
        await answerCards(page, 2);
        await waitSynced(page);
        const before = await progress(page);

        assert.ok((await padOrigin(page)) > 0, 'the padding filled the origin');
        // Firefox may still put small writes in pages its database file already holds: the
        // learner answers until the device refuses; every answer taken before is stored.
        let accepted = 0;
        for (; accepted < before.total - before.current; accepted++) {
          if ((await tryAnswer(page)) === 'full') break;
        }
        assert.ok(accepted < before.total - before.current, `the device refused an answer (${accepted} went in)`);
        await page.getByText(/storage (is )?full/i).first().waitFor({ state: 'visible', timeout: WAIT.short });
        // Refused in the answer worker: its QuotaExceededError reached the page's quota manager.
        assertAnswerWorker(page);
        const blocked = await progress(page);
        assert.equal(blocked.current, before.current + accepted, 'the card did not advance past the refused answer');
        assert.equal((await idbAll<AnswerRecord>(page, 'answers')).length, 2 + accepted, 'every accepted answer is stored, no more');

        // With room again the learner carries on, and exactly the accepted answers reach the server.
        await unpadOrigin(page);
        await answerCards(page, 1);
        assert.equal((await progress(page)).current, blocked.current + 1);
        await waitSynced(page);
        const local = await idbAll<AnswerRecord>(page, 'answers');
        const server = await serverState(origin, user);
        assert.equal(local.length, 3 + accepted);
        assert.deepEqual(server.answers.map((a) => a.id).sort(), local.map((a) => a.id).sort());
      });
    } finally {
      await limited.close();
    }
  });

  // Chromium sets the quota per origin through DevTools.
  if (ENGINE === 'chromium') it('6. a tiny storage quota: "storage full" is shown and no answer is accepted that was not stored', async () => {
    await inScenario(browser(), {}, async ({ origin, user, device }) => {
      const context = await device();
      const page = await openDemo(context, origin);
      await answerCards(page, 2);
      await waitSynced(page);
      const before = await progress(page);

      // The CDP session stays attached while the override holds: Chromium drops it on detach.
      const cdp = await context.newCDPSession(page);
      await setQuota(cdp, page, 1);
      await untilQuota(page, true);
      // The next answer cannot be stored: the card must not advance and the learner is told.
      await focusCard(page);
      await page.keyboard.press('Space');
      await page.keyboard.press('3');
      await page.getByText(/storage (is )?full/i).first().waitFor({ state: 'visible', timeout: WAIT.short });
      // Refused in the answer worker: its QuotaExceededError reached the page's quota manager.
      assertAnswerWorker(page);
      const blocked = await progress(page);
      assert.equal(blocked.text, before.text, 'the card did not advance: the answer was not accepted');
      assert.equal((await idbAll<AnswerRecord>(page, 'answers')).length, 2, 'only the stored answers exist');

      // With room again the learner carries on, and exactly the accepted answers reach the server.
      await setQuota(cdp, page, null);
      await cdp.detach();
      await untilQuota(page, false);
      await answerCards(page, 1);
      const afterFull = await progress(page);
      assert.equal(afterFull.current, before.current + 1);
      await waitSynced(page);
      const local = await idbAll<AnswerRecord>(page, 'answers');
      const server = await serverState(origin, user);
      assert.equal(local.length, 3);
      assert.deepEqual(server.answers.map((a) => a.id).sort(), local.map((a) => a.id).sort());
    });
  });
});
