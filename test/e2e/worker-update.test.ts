// Scenario 7 (docs/testing.md, "The end-to-end suite"): a new worker version is deployed while a session is open. The learner
// is offered the update, reloads, and the session resumes with nothing lost.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnswerRecord } from '../../src/types.js';
import { answerCards, duplicates, idbAll, openDemo, progress, serverState, WAIT, waitForCard, waitSynced } from './support/browser.js';
import { inScenario, useBrowser } from './support/scenario.js';

const browser = useBrowser();

describe('a new service worker version', () => {
  it('7. "Update available" appears; after reloading the session resumes and nothing is lost', async () => {
    await inScenario(browser(), {}, async ({ origin, user, device, proxy }) => {
      assert.ok(proxy);
      const context = await device();
      const page = await openDemo(context, origin);
      await context.setOffline(true);
      await answerCards(page, 3);
      await context.setOffline(false);
      await answerCards(page, 1);
      const before = await progress(page);

      // Deploy: the site's one-line worker file now has other bytes. The browser checks for
      // a new version on navigations and on update(); we ask it now instead of waiting a day.
      proxy.workerVersion = '2';
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration?.update();
      });
      const offer = page.locator('sync-indicator').getByText(/update available/i).first();
      await offer.waitFor({ state: 'visible', timeout: WAIT.sync });
      assert.equal((await progress(page)).text, before.text, 'the open session was not disturbed');

      // Accepting the update activates the new worker and reloads the page.
      const reloaded = page.waitForEvent('load', { timeout: WAIT.sync });
      await page.locator('sync-indicator').getByRole('button', { name: /reload|update/i }).first().click();
      await reloaded;
      await waitForCard(page);
      const resumed = await progress(page);
      assert.equal(resumed.current, before.current, `the session resumes where it was (${resumed.text})`);
      const waiting = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null);
      assert.equal(waiting, false, 'no worker is left waiting: the new version is active');

      await waitSynced(page);
      const local = await idbAll<AnswerRecord>(page, 'answers');
      const server = await serverState(origin, user);
      assert.equal(local.length, 4, 'all four answers are still on the device');
      assert.deepEqual(duplicates(server.answers.map((a) => a.id)), []);
      assert.deepEqual(server.answers.map((a) => a.id).sort(), local.map((a) => a.id).sort());
    });
  });
});
