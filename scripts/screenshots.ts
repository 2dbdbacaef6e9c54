// `npm run screenshots`: starts the real demo (node scripts/start.mjs, a temporary PGlite
// store), gives a learner two weeks of answers through the sync API, and photographs the pages
// with the machine's Chromium (scripts/find-chrome.mjs): light, dark and a 390 px phone, into
// docs/screenshots/. The README and the docs show these files, so they show the real demo.
// `takeScreenshots` is the core, run by test/e2e/screenshots.test.ts against a demo it starts.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { makeAnswer, makeSession, sessionWithAnswers } from '../server/conformance/fixtures.js';
import type { ReviewableContent } from '../src/types.js';

/** One photograph: a page, a colour scheme, a desktop or phone viewport. */
export interface Shot {
  /** The file name, without `.png`. */
  name: string;
  path: string;
  scheme: 'light' | 'dark';
  phone?: boolean;
  /** Show the answer first (the grade buttons are the interesting part of a review). */
  reveal?: boolean;
  /** Taken only when the page exists (a page another part of the demo adds). */
  optional?: boolean;
}

const pages: Array<Omit<Shot, 'name' | 'scheme'> & { base: string }> = [
  { base: 'decks', path: '/' },
  { base: 'review', path: '/decks/jp-basics?lang=en', reveal: true },
  { base: 'stats', path: '/stats', optional: true },
];

/** Every shot `npm run screenshots` takes: light, dark and phone of each page. */
export const SHOTS: readonly Shot[] = [
  ...pages.flatMap(({ base, ...page }) => [
    { ...page, name: `${base}-light`, scheme: 'light' as const },
    { ...page, name: `${base}-dark`, scheme: 'dark' as const },
    { ...page, name: `${base}-phone`, scheme: 'light' as const, phone: true },
  ]),
  // The Japanese deck in the tags' Japanese words (its page's default).
  { name: 'review-ja-phone', path: '/decks/jp-basics', scheme: 'dark', phone: true, reveal: true },
  // Every state of the indicator, each given through its status property.
  { name: 'sync-states-light', path: '/indicator', scheme: 'light' },
];

/** The learner whose pages are photographed. */
export const LEARNER = 'Yuki';
const COOKIE = 'offline_review_user';
const DAY = 86_400_000;

/**
 * Gives `user` two weeks of answers on `deck` through the sync API (as their devices would
 * have sent them), so the deck list has due cards and the statistics have days to show.
 * Throws when the server refuses the push.
 */
export async function seedHistory(origin: string, user: string, deck = 'jp-basics'): Promise<void> {
  const items = (await (await fetch(`${origin}/decks/${deck}.json`)).json()) as ReviewableContent[];
  const now = Date.now();
  const mutations = [];
  for (let daysAgo = 14; daysAgo >= 1; daysAgo--) {
    if (daysAgo % 5 === 0) continue; // a day off now and then, as learners have
    const ids = items.slice(0, 6 + ((daysAgo * 7) % 10)).map((item) => item.id);
    const startedAt = now - daysAgo * DAY;
    const endedAt = startedAt + ids.length * 20_000;
    // Finished sessions: a page opened today starts a new one rather than resuming an old one.
    const session = { ...makeSession(user, ids), deckId: deck, status: 'completed' as const, startedAt, lastActivityAt: endedAt, endedAt };
    const answers = ids.map((id, i) => makeAnswer(session, id, { answeredAt: startedAt + i * 20_000, correct: (i + daysAgo) % 6 !== 0 }));
    mutations.push(...sessionWithAnswers(session, answers));
  }
  const response = await fetch(`${origin}/api/review/sync`, {
    method: 'POST',
    headers: { cookie: `${COOKIE}=${encodeURIComponent(user)}`, 'content-type': 'application/json', origin, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ protocol: 1, clientId: 'screenshots', mutations }),
  });
  if (!response.ok) throw new Error(`seeding the history failed: ${response.status} ${await response.text()}`);
}

/** Launches the installed Chromium headless (the one the end-to-end tests use). */
export async function launchChromium(): Promise<Browser> {
  const { CHROME_ARGS, findChrome } = (await import('./find-chrome.mjs' as string)) as { CHROME_ARGS: string[]; findChrome: () => string | null };
  const executablePath = findChrome();
  if (!executablePath) throw new Error('No Chrome/Chromium found: install one or set CHROME_PATH.');
  return chromium.launch({ executablePath, args: CHROME_ARGS, headless: true });
}

/**
 * Waits until the page shows what a learner would see: the card (with its answer when
 * `reveal`), and the indicator settled on "synced". Throws when that does not come.
 */
export async function settle(page: Page, reveal: boolean): Promise<void> {
  if (await page.locator('review-session').count()) {
    await page.locator('review-session [part~="card"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    if (reveal) {
      const prompt = page.locator('review-session [part~="prompt"]').first();
      for (let tries = 0; ; tries++) {
        const shown = await prompt.innerText();
        await page.locator('review-session [part~="reveal-button"]').first().click();
        try {
          await page.locator('review-session [part~="answer"]').first().waitFor({ state: 'visible', timeout: 15_000 });
          break;
        } catch (error) {
          // The first card shows before the device has pulled: when the pull says the card was
          // answered on another device, it is replaced face down by the card now due. Reveal
          // that one; a click lost on the same card still fails.
          if (tries >= 2 || (await prompt.innerText()) === shown) throw error;
        }
      }
    }
  }
  // Indicators given a state (the Sync states page) have it once the page's script ran.
  await page.waitForFunction(() => [...document.querySelectorAll('sync-indicator[data-status]')].every((el) => (el as Element & { status?: unknown }).status));
  // The live indicators (those with a user) have synced.
  await page.waitForFunction(() => [...document.querySelectorAll('sync-indicator[user]:not([hidden])')].every((el) => el.getAttribute('state') === 'synced'), undefined, {
    timeout: 60_000,
  });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * Photographs `shots` of the demo at `origin` as `user` into `outDir` (made if missing).
 * Resolves the paths written; an optional page that answers 404 is skipped. Throws when a
 * page does not settle.
 */
export async function takeScreenshots(options: { origin: string; outDir: string; user?: string; shots?: readonly Shot[]; browser?: Browser }): Promise<string[]> {
  const { origin, outDir, user = LEARNER, shots = SHOTS } = options;
  mkdirSync(outDir, { recursive: true });
  const browser = options.browser ?? (await launchChromium());
  const written: string[] = [];
  try {
    for (const shot of shots) {
      if (shot.optional) {
        const probe = await fetch(`${origin}${shot.path}`, { headers: { cookie: `${COOKIE}=${encodeURIComponent(user)}` } });
        await probe.arrayBuffer();
        if (probe.status === 404) continue;
      }
      const context = await browser.newContext({
        viewport: shot.phone ? { width: 390, height: 844 } : { width: 1100, height: 800 },
        deviceScaleFactor: shot.phone ? 2 : 1,
        isMobile: shot.phone === true,
        hasTouch: shot.phone === true,
        colorScheme: shot.scheme,
        reducedMotion: 'reduce',
      });
      try {
        await context.addCookies([{ name: COOKIE, value: encodeURIComponent(user), url: origin }]);
        const page = await context.newPage();
        await page.goto(`${origin}${shot.path}`);
        await settle(page, shot.reveal === true);
        const file = join(outDir, `${shot.name}.png`);
        // A phone shows its first screen (what the learner sees on opening); a desktop the page.
        await page.screenshot({ path: file, fullPage: !shot.phone, animations: 'disabled', caret: 'hide' });
        written.push(file);
      } finally {
        await context.close();
      }
    }
  } finally {
    if (!options.browser) await browser.close();
  }
  return written;
}

/** Starts `node scripts/start.mjs` on a free port with a fresh data folder; resolves its origin and a stop function. */
async function startDemo(dataDir: string): Promise<{ origin: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const origin = await new Promise<string>((found, fail) => {
    let log = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const port = /offline-review demo: http:\/\/localhost:(\d+)\//.exec(log)?.[1];
      if (port) found(`http://127.0.0.1:${port}`);
    });
    child.once('exit', (code) => fail(new Error(`the demo exited (${code}) before serving:\n${log}`)));
  });
  return {
    origin,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function main(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.chdir(root);
  const outDir = resolve('docs/screenshots');
  const dataDir = mkdtempSync(join(tmpdir(), 'offline-review-screenshots-'));
  const demo = await startDemo(dataDir);
  try {
    await seedHistory(demo.origin, LEARNER);
    const files = await takeScreenshots({ origin: demo.origin, outDir });
    for (const file of files) console.log(`wrote ${file.slice(root.length)}`);
  } finally {
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
