// Playwright helpers for the end-to-end scenarios: the installed Chromium, one fresh browser
// context (profile) per device, the demo's sign-in cookie, and the reads a learner would make
// (the card, the progress text, the sync indicator) plus the server's own pull endpoint.
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import type { AnswerRecord, ProgressData, ReviewSession } from '../../../src/types.js';
import { ENGINE } from './driver.js';
import { launchFirefox, newFirefoxDevice, type FirefoxBrowser } from './firefox.js';
import { DEVICE_COOKIE, type DemoProxy } from './proxy.js';
import { nextPoll } from './poll.js';

/**
 * A demo deck page (grade mode, 24 cards) with `<review-session>` and `<sync-indicator>`. The
 * scenarios count their way through the whole deck ("11 of 24"), so they use the drill; they
 * read the tags' English words, so they ask for them (the deck's own are Japanese).
 */
export const DEMO_PATH = process.env.E2E_DEMO_PATH ?? '/decks/jp-basics?schedule=drill&lang=en';
/** The cookie the reference server's demo authentication reads. */
export const USER_COOKIE = 'offline_review_user';
/** Bounded waits: long enough for a cold PGlite and backoff, short enough to fail clearly. */
export const WAIT = { short: 15_000, worker: 45_000, sync: 60_000 } as const;

// A plain .mjs script shared with the test runner (no type declarations): typed here.
const FIND_CHROME = '../../../scripts/find-chrome.mjs';
const { CHROME_ARGS, findChrome } = (await import(FIND_CHROME)) as { CHROME_ARGS: string[]; findChrome: () => string | null };

/**
 * Launches the engine of this run headless (./driver.ts: Chromium, or Firefox with
 * `E2E_ENGINE=firefox`); throws with one clear line when there is no Chromium.
 */
export async function launchBrowser(): Promise<Browser> {
  // The scenarios hold Playwright's types; in Firefox, the objects of ./firefox.ts have the
  // part of that shape they use (./driver.ts).
  if (ENGINE === 'firefox') return (await launchFirefox()) as unknown as Browser;
  const executablePath = findChrome();
  if (!executablePath) throw new Error('No Chrome/Chromium found: install one or set CHROME_PATH.');
  return chromium.launch({ executablePath, args: CHROME_ARGS, headless: true });
}

/**
 * `E2E_CPU_THROTTLE=4` slows every page's CPU fourfold (CDP `Emulation.setCPUThrottlingRate`),
 * which shifts who wins a race (a page or the service worker, one tab or another) the way a
 * slow or busy machine does. Unset, 0 or 1: no throttling.
 */
export const CPU_THROTTLE = Number(process.env.E2E_CPU_THROTTLE ?? '1') || 1;

/** The network conditions of an online or offline device, for a CDP session. */
function conditions(offline: boolean) {
  return { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };
}

/**
 * Throttles every page of `context` to {@link CPU_THROTTLE}. A second CDP session on a page
 * makes Chromium forget Playwright's offline emulation on the next navigation (`navigator.onLine`
 * reads true after an offline reload), so each throttling session also mirrors
 * `context.setOffline`.
 */
function throttlePages(context: BrowserContext): void {
  const sessions = new Set<CDPSession>();
  let offline = false;
  context.on('page', (page) => {
    void (async () => {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
      if (offline) await cdp.send('Network.emulateNetworkConditions', conditions(true));
      sessions.add(cdp);
      page.once('close', () => sessions.delete(cdp));
    })().catch(() => undefined); // a page closed before the command arrives needs no throttling
  });
  const setOffline = context.setOffline.bind(context);
  context.setOffline = async (value: boolean) => {
    offline = value;
    await setOffline(value);
    await Promise.all([...sessions].map((cdp) => cdp.send('Network.emulateNetworkConditions', conditions(value)).catch(() => undefined)));
  };
}

let devices = 0;

/**
 * A fresh profile (a new device) signed in as `userId` on `origin`; in Chromium its pages are
 * throttled as asked. In Firefox it also carries a device cookie, by which `proxy` cuts its
 * network when it goes offline.
 */
export async function newDevice(browser: Browser, origin: string, userId: string, proxy: DemoProxy | null = null): Promise<BrowserContext> {
  if (ENGINE === 'firefox') {
    const id = `device-${++devices}`;
    const cookies = { [USER_COOKIE]: encodeURIComponent(userId), [DEVICE_COOKIE]: id };
    return (await newFirefoxDevice(browser as unknown as FirefoxBrowser, origin, cookies, proxy, id)) as unknown as BrowserContext;
  }
  const context = await browser.newContext();
  await context.addCookies([{ name: USER_COOKIE, value: encodeURIComponent(userId), url: origin }]);
  if (CPU_THROTTLE > 1) throttlePages(context);
  return context;
}

/**
 * A fresh profile (a new device) with no one signed in, for a site with its own sign-in. In
 * Firefox it carries a device cookie, by which `proxy` (in front of the site) cuts its network.
 */
export async function newBareDevice(browser: Browser, origin: string, proxy: DemoProxy | null = null): Promise<BrowserContext> {
  if (ENGINE === 'firefox') {
    const id = `device-${++devices}`;
    return (await newFirefoxDevice(browser as unknown as FirefoxBrowser, origin, { [DEVICE_COOKIE]: id }, proxy, id)) as unknown as BrowserContext;
  }
  const context = await browser.newContext();
  if (CPU_THROTTLE > 1) throttlePages(context);
  return context;
}

/** The first card's prompt is on screen. */
export async function waitForCard(page: Page, timeout: number = WAIT.short): Promise<void> {
  await page.locator('review-session [part~="card"]').first().waitFor({ state: 'visible', timeout });
}

/** Opens the demo page, waits for the card and for the service worker to control the page. */
export async function openDemo(context: BrowserContext, origin: string, path: string = DEMO_PATH): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}${path}`);
  await waitForCard(page);
  try {
    // Installing precaches the bundle: slower than a page load on a busy machine.
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: WAIT.worker });
    // The worker keeps the page for offline use only once the tags have told it who is signed
    // in (it fetches the page again for that user): later than control, so wait for the page
    // itself to be in Cache Storage rather than assume it is.
    await page.waitForFunction(async () => (await caches.match(location.href.split('#')[0])) !== undefined, undefined, {
      timeout: WAIT.worker,
      polling: 100,
    });
  } catch (error) {
    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      const state = (w: ServiceWorker | null | undefined) => w?.state ?? 'none';
      return registration
        ? `installing ${state(registration.installing)}, waiting ${state(registration.waiting)}, active ${state(registration.active)}`
        : 'no registration';
    });
    if (error instanceof Error) error.message += ` (service worker: ${worker})`;
    throw error;
  }
  return page;
}

/** The review session's progress text, e.g. "11 of 20". */
export async function progressText(page: Page): Promise<string> {
  return (await page.locator('review-session [part~="progress-text"]').first().innerText()).trim();
}

/** The numbers in the progress text: [current, total] (e.g. "Card 11 of 20" → [11, 20]). */
export async function progress(page: Page): Promise<{ current: number; total: number; text: string }> {
  const text = await progressText(page);
  const numbers = (text.match(/\d+/g) ?? []).map(Number);
  if (numbers.length < 2) throw new Error(`progress text without two numbers: "${text}"`);
  return { current: numbers[0]!, total: numbers[1]!, text };
}

/** Focuses the card, so that the session's keyboard shortcuts reach it. */
export async function focusCard(page: Page): Promise<void> {
  await page.locator('review-session [part~="card"]').first().focus();
}

/** Answers `count` cards with the keyboard (Space reveals, a digit grades), waiting for each. */
export async function answerCards(page: Page, count: number, grade: '1' | '2' | '3' | '4' = '3'): Promise<void> {
  // The next card shows while the answer is written; `review-answer` (which bubbles) comes once
  // it is stored. Counted on the page, so that "answered" here means stored, as a learner's
  // answer counts.
  const stored = (): Promise<number> =>
    page.evaluate(() => {
      const counter = window as Window & { reviewAnswersStored?: number };
      if (counter.reviewAnswersStored === undefined) {
        counter.reviewAnswersStored = 0;
        document.addEventListener('review-answer', () => (counter.reviewAnswersStored! += 1));
      }
      return counter.reviewAnswersStored;
    });
  for (let i = 0; i < count; i++) {
    const before = await stored();
    await focusCard(page);
    await page.keyboard.press('Space');
    await page.locator('review-session [part~="answer"]').first().waitFor({ state: 'visible', timeout: WAIT.short });
    await page.keyboard.press(grade);
    // Stored, and the next card (or the end) shows, answer hidden: in a drill and in a
    // scheduled review alike, where the same card may come back.
    await page.waitForFunction(
      (count) =>
        (window as Window & { reviewAnswersStored?: number }).reviewAnswersStored! > count &&
        document.querySelector('review-session')?.shadowRoot?.querySelector('[part~="answer"]') == null,
      before,
      { timeout: WAIT.short },
    );
  }
}

/** Waits for `<sync-indicator state="synced" pending="0">`. */
export async function waitSynced(page: Page, timeout: number = WAIT.sync): Promise<void> {
  await page.waitForSelector('sync-indicator[state="synced"][pending="0"]', { timeout });
}

/** What the reference server holds for a user, read through its pull endpoint with the cookie. */
export async function serverState(
  origin: string,
  userId: string,
): Promise<{ answers: AnswerRecord[]; sessions: ReviewSession[]; progress: ProgressData[] }> {
  const out = { answers: [] as AnswerRecord[], sessions: [] as ReviewSession[], progress: [] as ProgressData[] };
  let since = '';
  for (let page = 0; page < 1000; page++) {
    const query = since ? `?since=${encodeURIComponent(since)}&limit=500` : '?limit=500';
    const response = await fetch(`${origin}/api/review/changes${query}`, {
      headers: { cookie: `${USER_COOKIE}=${encodeURIComponent(userId)}` },
    });
    if (!response.ok) throw new Error(`pull failed: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as {
      changes: { answers: AnswerRecord[]; sessions: ReviewSession[]; progress: ProgressData[] };
      cursor: string;
      hasMore: boolean;
    };
    out.answers.push(...body.changes.answers);
    out.sessions.push(...body.changes.sessions);
    out.progress.push(...body.changes.progress);
    since = body.cursor;
    if (!body.hasMore) break;
  }
  return out;
}

/** The answers' ids, sorted: two sets of answers compare equal exactly when they hold the same answers. */
export function sortedIds(answers: readonly AnswerRecord[]): string[] {
  return answers.map((answer) => answer.id).sort();
}

/** Answer ids appearing more than once (none when the server applied each exactly once). */
export function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}

/** Counts the records of one object store of the page origin's IndexedDB database. */
export async function idbCount(page: Page, store: string, dbName = 'offline-review'): Promise<number> {
  return page.evaluate(
    ({ store, dbName }) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(store, 'readonly').objectStore(store).count();
          request.onsuccess = () => {
            db.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    { store, dbName },
  );
}

/** Every record of one object store of the page origin's IndexedDB database. */
export async function idbAll<T>(page: Page, store: string, dbName = 'offline-review'): Promise<T[]> {
  return page.evaluate(
    ({ store, dbName }) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(store, 'readonly').objectStore(store).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    { store, dbName },
  );
}

/**
 * Re-checks `condition` until it holds (resolves its value) or `timeoutMs` passes (throws with
 * the last value seen). For state that no page event announces, such as the server's data.
 */
export async function eventually<T>(
  condition: () => Promise<T>,
  holds: (value: T) => boolean,
  what: string,
  timeoutMs: number = WAIT.sync,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await condition();
    if (holds(last)) return last;
    await nextPoll();
  }
  throw new Error(`${what}: not reached within ${timeoutMs} ms; last value ${JSON.stringify(last)?.slice(0, 500)}`);
}
