// The example host sites (examples/php, examples/django) end to end in real Chromium and Firefox: the
// site's own sign-in, tokens minted by the site, the sync API on the site's origin; review
// online, offline (the page from the worker's cache), reload, back online; every answer reaches
// the server once; sign-out, and the next person on the same browser sees nothing of the first.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { answerCards, duplicates, eventually, launchBrowser, newBareDevice, waitForCard, waitSynced, WAIT } from './support/browser.js';
import { freePort } from './support/demo.js';
import { ENGINE } from './support/driver.js';
import {
  djangoSite,
  missingTool,
  phpSite,
  startSite,
  startSyncServer,
  type SiteCommand,
} from './support/host-site.js';
import { startProxy, type DemoProxy } from './support/proxy.js';

const ANA = { name: 'ana', password: 'ana-password', id: 'user-1001', display: 'Ana' };
const BEN = { name: 'ben', password: 'ben-password', id: 'user-1002', display: 'Ben' };

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function signIn(context: BrowserContext, origin: string, who: typeof ANA): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.getByLabel('Name').fill(who.name);
  await page.getByLabel('Password').fill(who.password);
  await Promise.all([page.waitForURL(`${origin}/deck`), page.getByRole('button', { name: 'Sign in' }).click()]);
  await waitForCard(page);
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: WAIT.worker });
  return page;
}

/** The Cache Storage names of the page's origin. */
function cacheNames(page: Page): Promise<string[]> {
  return page.evaluate(() => caches.keys());
}

/** Whether the review page is kept in the worker's page cache for `userId`. */
async function pageCachedFor(page: Page, userId: string): Promise<boolean> {
  return page.evaluate(async (user) => {
    for (const name of await caches.keys()) {
      if (!name.includes(user)) continue;
      const cache = await caches.open(name);
      if ((await cache.keys()).some((request) => new URL(request.url).pathname === '/deck')) return true;
    }
    return false;
  }, userId);
}

async function hostSiteScenario(kind: string, command: (port: number, syncUrl: string) => SiteCommand, probe: string[]) {
  const issuer = `${kind}-example`;
  const sync = await startSyncServer(issuer);
  const port = await freePort();
  const site = command(port, sync.url);
  const missing = missingTool(site, probe);
  if (missing) throw new Error(missing);
  const host = await startSite(site, port);
  // The site sees the Host the browser used (Django's CSRF check compares it with the Origin).
  let proxy: DemoProxy | null = null;
  let context: BrowserContext | null = null;
  try {
    proxy = ENGINE === 'firefox' ? await startProxy(port, { keepHost: true }) : null;
    const origin = proxy?.origin ?? host.origin;
    context = await newBareDevice(browser, origin, proxy);
    // Sign in with the site's own form; the tags fetch tokens from the site.
    let page = await signIn(context, origin, ANA);
    await answerCards(page, 2);
    await waitSynced(page);
    await eventually(() => pageCachedFor(page, ANA.id), Boolean, 'the deck page kept for offline use', WAIT.worker);

    // Offline: the page comes from the worker's cache, the answers wait on the device.
    await context.setOffline(true);
    await page.reload();
    await waitForCard(page);
    assert.ok(await page.getByText(`Signed in as ${ANA.display}.`).isVisible(), 'the cached page is the learner\'s own');
    await answerCards(page, 2);
    await page.waitForSelector('sync-indicator[pending="2"]', { timeout: WAIT.short });

    // Back online: everything reaches the server, once.
    await context.setOffline(false);
    await waitSynced(page);
    const answers = await eventually(() => sync.answers(ANA.id), (list) => list.length >= 4, 'four answers on the server');
    assert.equal(answers.length, 4, 'exactly the four answers given');
    assert.deepEqual(duplicates(answers.map((answer) => answer.id)), []);
    assert.ok(answers.every((answer) => answer.userId === ANA.id));

    // Sign out: the page after it renders the tags with no user; the learner's caches go.
    await Promise.all([page.waitForURL(`${origin}/signed-out`), page.getByRole('button', { name: 'Sign out' }).click()]);
    await eventually(() => cacheNames(page), (names) => !names.some((name) => name.includes(ANA.id)), 'the learner\'s caches deleted', WAIT.worker);
    await page.close();

    // The next person, offline first: nothing of the first learner is served.
    await context.setOffline(true);
    page = await context.newPage();
    await page.goto(`${origin}/deck`).catch(() => undefined); // no page to serve: a network error is fine
    const html = await page.content();
    assert.ok(!html.includes(ANA.display) && !html.includes(ANA.id), 'offline, the previous learner\'s page is not served');
    await page.close();

    // Online, the next learner signs in: a fresh start, no answer and no cache of the first.
    await context.setOffline(false);
    page = await signIn(context, origin, BEN);
    await waitSynced(page);
    assert.ok(!(await page.content()).includes(ANA.display));
    assert.deepEqual(await sync.answers(BEN.id), []);
    assert.ok(!(await cacheNames(page)).some((name) => name.includes(ANA.id)));
    await answerCards(page, 1);
    await waitSynced(page);
    assert.equal((await sync.answers(BEN.id)).length, 1);
    assert.equal((await sync.answers(ANA.id)).length, 4, 'the first learner\'s answers are untouched');
  } catch (error) {
    if (error instanceof Error) error.message += `\n--- ${kind} site output ---\n${host.output()}`;
    throw error;
  } finally {
    await context?.close();
    await proxy?.close();
    await host.stop();
    await sync.stop();
  }
}

describe('host sites', () => {
  it('a PHP site with its own session sign-in and tokens: online, offline, reload, sign-out', async () => {
    await hostSiteScenario('php', phpSite, ['--version']);
  });

  it('a Django site with its CSRF middleware on: the tags send X-CSRFToken; online, offline, reload, sign-out', async () => {
    await hostSiteScenario('django', djangoSite, ['-c', 'import django']);
  });
});
