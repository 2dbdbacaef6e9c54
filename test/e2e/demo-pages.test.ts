// The demo's pages as a visitor sees them, in the installed Chromium against the demo started
// as `npm start` starts it: every page is axe-clean in light and in dark; on a 390 px phone the
// review page shows the session before the site's navigation and the deck's explanations; and
// the screenshot script's core photographs the real demo. In Firefox (`E2E_ENGINE=firefox`) dark
// mode is a second Firefox launched dark and the phone a 390 px viewport; the screenshot
// script stays Chromium's (docs/testing.md, "The end-to-end suite in Firefox").
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SHOTS, seedHistory, settle, takeScreenshots } from '../../scripts/screenshots.js';
import { launchBrowser, USER_COOKIE } from './support/browser.js';
import { ENGINE, ENGINE_NAME } from './support/driver.js';
import { launchFirefox, newFirefoxDevice, type FirefoxBrowser } from './support/firefox.js';
import { removeDir, startDemo, tempDir, type DemoServer } from './support/demo.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const USER = 'Aiko';

/** The pages a visitor can reach, and whether to show the answer before checking. */
const PAGES: Array<{ path: string; signedIn: boolean; reveal?: boolean }> = [
  { path: '/', signedIn: false },
  { path: '/', signedIn: true },
  { path: '/decks/jp-basics', signedIn: true, reveal: true },
  { path: '/decks/jp-basics?lang=en&schedule=drill', signedIn: true, reveal: true },
  { path: '/decks/hiragana/src?mode=typed', signedIn: true },
  { path: '/decks/eu-capitals?auth=token&schedule=drill', signedIn: true },
  { path: '/stats', signedIn: true },
  { path: '/indicator', signedIn: true },
  { path: '/indicator?lang=ja', signedIn: false },
  { path: '/offline', signedIn: false },
  { path: '/no-such-page', signedIn: true },
];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

/** Runs axe-core (WCAG 2 A/AA and best practices) on the page; resolves its violations. */
async function axeViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE); // the context bypasses the page's CSP, which forbids added scripts
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })) }));
  });
}

describe(`the demo pages in ${ENGINE_NAME}`, () => {
  let demo: DemoServer;
  let browser: Browser;
  /** Firefox's dark mode is a launch preference: a second Firefox, launched when first asked for. */
  let darkFirefox: Browser | undefined;
  /** A phone in Firefox: a third Firefox, with overlay scrollbars (launch preference). */
  let phoneFirefox: Browser | undefined;
  const contexts: BrowserContext[] = [];

  const context = async (options: { scheme: 'light' | 'dark'; signedIn: boolean; phone?: boolean }) => {
    if (ENGINE === 'firefox') {
      let owner = browser;
      if (options.scheme === 'dark') owner = darkFirefox ??= (await launchFirefox({ 'ui.systemUsesDarkTheme': 1 })) as unknown as Browser;
      // A phone's scrollbars overlay the page (Chromium's `isMobile` too); a desktop Firefox's
      // take 12 px of its width.
      if (options.phone) owner = phoneFirefox ??= (await launchFirefox({ 'ui.useOverlayScrollbars': 1 })) as unknown as Browser;
      const cookies: Record<string, string> = options.signedIn ? { [USER_COOKIE]: USER } : {};
      const made = (await newFirefoxDevice(owner as unknown as FirefoxBrowser, demo.origin, cookies, null, `demo-pages-${contexts.length}`)) as unknown as BrowserContext;
      contexts.push(made);
      return made;
    }
    const made = await browser.newContext({
      colorScheme: options.scheme,
      bypassCSP: true,
      ...(options.phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}),
    });
    contexts.push(made);
    if (options.signedIn) await made.addCookies([{ name: USER_COOKIE, value: USER, url: demo.origin }]);
    return made;
  };

  before(async () => {
    browser = await launchBrowser();
    demo = await startDemo();
    await seedHistory(demo.origin, USER);
  });
  after(async () => {
    await Promise.allSettled(contexts.map((made) => made.close()));
    await browser?.close();
    await darkFirefox?.close();
    await phoneFirefox?.close();
    await demo?.stop();
    if (demo) removeDir(demo.dataDir);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`every page is axe-clean in ${scheme} mode`, async () => {
      const found: string[] = [];
      for (const signedIn of [false, true]) {
        const page = await (await context({ scheme, signedIn })).newPage();
        for (const entry of PAGES.filter((p) => p.signedIn === signedIn)) {
          await page.goto(`${demo.origin}${entry.path}`);
          await settle(page, entry.reveal === true).catch((error: Error) => {
            error.message = `${entry.path}: ${error.message}`;
            throw error;
          });
          assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), scheme === 'dark');
          for (const v of await axeViolations(page)) {
            found.push(`${entry.path} (${signedIn ? 'signed in' : 'signed out'}): ${v.id} (${v.impact}) ${v.help}: ${JSON.stringify(v.nodes.slice(0, 3))}`);
          }
        }
      }
      assert.deepEqual(found, [], found.join('\n'));
    });
  }

  it('on a 390 px phone the review page shows the session first, before the navigation and the explanations', async () => {
    const page = await (await context({ scheme: 'light', signedIn: true, phone: true })).newPage();
    // Firefox has no per-context viewport: the tab is sized (puppeteer's setViewport over BiDi).
    if (ENGINE === 'firefox') await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${demo.origin}/decks/jp-basics`);
    await settle(page, false);
    const top = async (selector: string) => (await page.locator(selector).first().boundingBox())!.y;
    const session = await top('review-session');
    const card = await page.locator('review-session [part~="card"]').first().boundingBox();
    assert.ok(card && card.y + card.height <= 844, `the card is on the first screen (${JSON.stringify(card)})`);
    assert.ok(session < (await top('.site-header nav')), 'the session is above the site navigation');
    assert.ok(session < (await top('#about-title')), "the session is above the deck's explanations");
    // Nothing is wider than the phone.
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
    // On a wide screen the header stays on top.
    await page.setViewportSize({ width: 1100, height: 800 });
    assert.ok((await top('.site-header nav')) < (await top('review-session')));
    // No other page is wider than the phone either (the states table scrolls inside its box).
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/', '/stats', '/indicator', '/decks/eu-capitals?mode=typed']) {
      await page.goto(`${demo.origin}${path}`);
      await settle(page, false);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, `${path} fits a 390 px screen`);
    }
  });

  it('the Sync states page shows each state in the indicator itself, in English and in Japanese', async () => {
    const page = await (await context({ scheme: 'light', signedIn: false })).newPage();
    await page.goto(`${demo.origin}/indicator`);
    const rows = page.locator('table.states tbody tr');
    const full = (row: number) => rows.nth(row).locator('sync-indicator:not([compact])');
    const text = (row: number) => full(row).evaluate((el) => el.shadowRoot?.textContent ?? '');
    // The indicators reflect the state they were given (their own state attribute).
    const expected = ['synced', 'syncing', 'syncing', 'offline', 'unreachable', 'error', 'error', 'error', 'error', 'synced'];
    await page.waitForFunction(
      (states) => [...document.querySelectorAll('table.states tbody tr sync-indicator:not([compact])')].map((el) => el.getAttribute('state')).join() === states.join(),
      expected,
      { timeout: 15_000 },
    );
    assert.match(await text(3), /offline/i);
    assert.match(await text(4), /can.t reach/i);
    assert.match(await text(6), /This deck is closed for new answers/);
    assert.equal(await full(7).getByRole('link', { name: /sign in/i }).getAttribute('href'), '/');
    assert.match(await text(9), /update available/i);
    await page.goto(`${demo.origin}/indicator?lang=ja`);
    await page.waitForFunction(() => document.querySelector('table.states sync-indicator[state="offline"]')?.shadowRoot?.textContent?.includes('オフライン'), undefined, { timeout: 15_000 });
  });

  // Chromium only: the screenshot script drives Chromium by design.
  if (ENGINE === 'chromium') it("the screenshot script's core photographs the real demo (a phone shot: 390 px at twice the density)", async () => {
    const outDir = tempDir('shots');
    try {
      const shot = SHOTS.find((s) => s.name === 'review-phone')!;
      const [file] = await takeScreenshots({ origin: demo.origin, outDir, user: USER, shots: [shot], browser });
      assert.equal(file, join(outDir, 'review-phone.png'));
      const png = readFileSync(file!);
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [780, 1688]);
    } finally {
      removeDir(outDir);
    }
  });
});
