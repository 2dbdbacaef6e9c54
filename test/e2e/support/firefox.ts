// The end-to-end scenarios' browser in Firefox ESR: puppeteer-core over WebDriver BiDi, behind
// the shape of ./driver.ts. One BiDi user context per device. Offline is two things at once:
// the tab's own offline mode (so `navigator.onLine` and the `offline`/`online` events are real)
// and the device cut at the test proxy, because Firefox's offline mode does not reach the
// service worker's own fetches.
import puppeteer, { type Browser, type BrowserContext, type ElementHandle, type KeyInput, type Page } from 'puppeteer-core';
import type { E2eBrowser, E2eDevice, E2eLocator, E2ePage, E2eResponse } from './driver.js';
import { nextPoll } from './poll.js';
import type { DemoProxy } from './proxy.js';

/**
 * Launches the installed Firefox ESR headless (`FIREFOX_PATH` to pick another), with `prefs` on
 * top: what Chromium emulates per page (a storage limit, dark mode) Firefox takes at launch.
 */
export async function launchFirefox(prefs: Record<string, unknown> = {}): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    // persist() is granted as once the learner allowed it, instead of a prompt no one answers.
    extraPrefsFirefox: { 'permissions.default.persistent-storage': 1, ...prefs },
  });
}

/**
 * `fn(arg)` as a page expression. tsx compiles with esbuild's keepNames, which wraps named
 * inner functions in a `__name` helper the page does not have: give it one that does nothing.
 */
function expression(fn: string | ((...args: never[]) => unknown), ...args: unknown[]): string {
  const call = `(${fn.toString()})(${args.map((arg) => (arg === undefined ? 'undefined' : JSON.stringify(arg))).join(', ')})`;
  return `(() => { const __name = (f) => f; return ${call}; })()`;
}

type Step =
  | { css: string }
  | { text: string; flags: string }
  | { role: 'button' | 'link'; name: string; flags: string }
  | { nth: number }
  | { label: string; flags: string };

const pattern = (value: RegExp | string) =>
  typeof value === 'string' ? { source: value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags: '' } : { source: value.source, flags: value.flags };

/**
 * In the page: the elements `steps` find, in document order. A CSS step's compounds (split on
 * spaces) each look through shadow roots, as Playwright's CSS does; a text step finds the
 * innermost elements whose text matches; a role step finds buttons by their accessible name; a
 * label step finds the form fields whose `<label>` text or `aria-label` matches.
 */
function resolve(steps: Step[], onlyFirst: boolean, visible: boolean): Element[] {
  const within = (root: Element | Document): Element[] => {
    const out: Element[] = [];
    const walk = (node: Element | Document | ShadowRoot) => {
      for (const child of Array.from(node.children)) {
        out.push(child);
        if (child.shadowRoot) walk(child.shadowRoot);
        walk(child);
      }
    };
    if (root instanceof Element && root.shadowRoot) walk(root.shadowRoot);
    walk(root);
    return out;
  };
  const ownText = (el: Element) => (el.shadowRoot ? el.shadowRoot.textContent ?? '' : '') + (el.textContent ?? '');
  let found: Array<Element | Document> = [document];
  for (const step of steps) {
    const next: Element[] = [];
    for (const root of found) {
      if ('css' in step) {
        let level: Array<Element | Document> = [root];
        for (const compound of step.css.trim().split(/\s+/)) {
          level = level.flatMap((r) => within(r).filter((el) => el.matches(compound)));
        }
        next.push(...(level as Element[]));
      } else if ('text' in step) {
        const re = new RegExp(step.text, step.flags);
        const hits = within(root).filter((el) => re.test(ownText(el)));
        next.push(...hits.filter((el) => !hits.some((other) => other !== el && el.contains(other))));
      } else if ('label' in step) {
        const re = new RegExp(step.label, step.flags);
        const all = within(root);
        const byLabel = all.flatMap((el) => (el instanceof HTMLLabelElement && el.control && re.test(el.textContent?.trim() ?? '') ? [el.control] : []));
        const byAria = all.filter((el) => el.matches('input, textarea, select') && re.test(el.getAttribute('aria-label') ?? '\u0000'));
        next.push(...byLabel, ...byAria);
      } else if ('role' in step) {
        const re = new RegExp(step.name, step.flags);
        const native = step.role === 'link' ? 'a[href]' : 'button';
        next.push(
          ...within(root).filter(
            (el) => (el.matches(native) || el.getAttribute('role') === step.role) && re.test(el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''),
          ),
        );
      }
    }
    // The n-th of what the steps before found (Playwright's `nth`).
    found = 'nth' in step ? (found.slice(step.nth, step.nth + 1) as Element[]) : [...new Set(next)];
  }
  let elements = found as Element[];
  if (visible) elements = elements.filter((el) => el.checkVisibility() && el.getBoundingClientRect().width > 0);
  return onlyFirst ? elements.slice(0, 1) : elements;
}

class FirefoxLocator implements E2eLocator {
  constructor(
    private readonly page: Page,
    private readonly steps: Step[],
    private readonly onlyFirst = false,
  ) {}
  first(): E2eLocator {
    return new FirefoxLocator(this.page, this.steps, true);
  }
  getByText(text: RegExp | string): E2eLocator {
    const { source, flags } = pattern(text);
    return new FirefoxLocator(this.page, [...this.steps, { text: source, flags }], this.onlyFirst);
  }
  nth(index: number): E2eLocator {
    return new FirefoxLocator(this.page, [...this.steps, { nth: index }], this.onlyFirst);
  }
  locator(selector: string): E2eLocator {
    return new FirefoxLocator(this.page, [...this.steps, { css: selector }], this.onlyFirst);
  }
  async evaluate<R>(fn: (el: Element) => R | Promise<R>): Promise<R> {
    return (await this.element()).evaluate(fn) as Promise<R>;
  }
  async getAttribute(name: string): Promise<string | null> {
    return (await this.element()).evaluate((el, attribute) => el.getAttribute(attribute), name);
  }
  getByRole(role: 'button' | 'link', options: { name: RegExp | string }): E2eLocator {
    const { source, flags } = pattern(options.name);
    return new FirefoxLocator(this.page, [...this.steps, { role, name: source, flags }], this.onlyFirst);
  }
  async waitFor(options: { state: 'visible'; timeout?: number }): Promise<void> {
    await this.page.waitForFunction(`${expression(resolve, this.steps, true, true)}.length > 0`, {
      timeout: options.timeout ?? 30_000,
      polling: 100,
    });
  }
  private async element(): Promise<ElementHandle<Element>> {
    const handle = await this.page.evaluateHandle(`${expression(resolve, this.steps, true, false)}[0] ?? null`);
    const element = handle.asElement() as ElementHandle<Element> | null;
    if (!element) throw new Error(`no element for ${JSON.stringify(this.steps)}`);
    return element;
  }
  async focus(): Promise<void> {
    await (await this.element()).focus();
  }
  async click(): Promise<void> {
    await (await this.element()).click();
  }
  async fill(value: string): Promise<void> {
    const element = await this.element();
    // Emptied first, as Playwright's fill does; then typed key by key (real input events).
    await element.evaluate((el) => {
      (el as HTMLInputElement).value = '';
    });
    await element.type(value);
  }
  async innerText(): Promise<string> {
    return (await this.element()).evaluate((el) => (el as HTMLElement).innerText);
  }
  async isVisible(): Promise<boolean> {
    return this.page.evaluate(`${expression(resolve, this.steps, true, true)}.length > 0`) as Promise<boolean>;
  }
  count(): Promise<number> {
    return this.page.evaluate(`${expression(resolve, this.steps, this.onlyFirst, false)}.length`) as Promise<number>;
  }
  async boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null> {
    return (await this.element()).boundingBox();
  }
}

class FirefoxPage implements E2ePage {
  readonly keyboard: { press(key: string): Promise<void> };
  constructor(
    readonly page: Page,
    private readonly device: FirefoxDevice,
  ) {
    // BiDi's keyboard has no key named "Space": it is " ".
    this.keyboard = { press: (key) => page.keyboard.press((key === 'Space' ? ' ' : key) as KeyInput) };
  }
  goto(url: string): Promise<unknown> {
    return this.page.goto(url);
  }
  async reload(): Promise<E2eResponse | null> {
    const response = await this.page.reload();
    // BiDi does not say who answered a navigation (and Firefox leaves the navigation entry's
    // workerStart at 0). A page the worker controls, loaded while the device is cut at the
    // proxy, can only have come from the worker.
    const controlled = await this.page.evaluate(() => navigator.serviceWorker?.controller != null);
    const fromWorker = controlled && this.device.offline;
    return response ? { fromServiceWorker: () => fromWorker } : null;
  }
  async close(): Promise<void> {
    this.device.pages.delete(this);
    await this.page.close();
  }
  url(): string {
    return this.page.url();
  }
  workers(): { url(): string }[] {
    return this.page.workers();
  }
  content(): Promise<string> {
    return this.page.content();
  }
  evaluate<R, A>(fn: ((arg: A) => R | Promise<R>) | string, arg?: A): Promise<R> {
    // A string is a script as it stands (Playwright's too); functions go as source text (see
    // `expression`): every argument the scenarios pass is JSON.
    return this.page.evaluate(typeof fn === 'string' ? fn : expression(fn, arg)) as Promise<R>;
  }
  async waitForFunction<A>(fn: (arg: A) => unknown, arg?: A, options?: { timeout: number; polling?: number }): Promise<unknown> {
    // Playwright's default wait is 30 s.
    return this.page.waitForFunction(expression(fn, arg), { timeout: options?.timeout ?? 30_000, polling: options?.polling ?? 100 });
  }
  /** Sizes the tab's viewport in CSS pixels (BiDi `setViewport`), as Playwright's does. */
  async setViewportSize(size: { width: number; height: number }): Promise<void> {
    await this.page.setViewport(size);
  }
  waitForSelector(selector: string, options: { timeout: number }): Promise<unknown> {
    return this.page.waitForSelector(selector, { timeout: options.timeout, visible: true });
  }
  waitForEvent(_event: 'load', options: { timeout: number }): Promise<unknown> {
    return this.page.waitForNavigation({ waitUntil: 'load', timeout: options.timeout });
  }
  locator(selector: string): E2eLocator {
    return new FirefoxLocator(this.page, [{ css: selector }]);
  }
  getByText(text: RegExp | string): E2eLocator {
    return new FirefoxLocator(this.page, []).getByText(text);
  }
  getByRole(role: 'button', options: { name: RegExp | string }): E2eLocator {
    return new FirefoxLocator(this.page, []).getByRole(role, options);
  }
  getByLabel(text: RegExp | string): E2eLocator {
    const { source, flags } = pattern(text);
    return new FirefoxLocator(this.page, [{ label: source, flags }]);
  }
  async waitForURL(url: string, options: { timeout?: number } = {}): Promise<void> {
    // The URL the tab is at, re-read until it is the one awaited (a navigation the page starts
    // itself, such as a form's redirect, has no promise to wait on here), then its load.
    const deadline = Date.now() + (options.timeout ?? 30_000);
    while (this.page.url() !== url) {
      if (Date.now() > deadline) throw new Error(`the tab did not reach ${url}; it is at ${this.page.url()}`);
      await nextPoll();
    }
    await this.page.waitForFunction(expression((href: string) => document.readyState === 'complete' && location.href === href, url), {
      timeout: Math.max(1, deadline - Date.now()),
      polling: 100,
    });
  }
}

class FirefoxDevice implements E2eDevice {
  readonly pages = new Set<FirefoxPage>();
  offline = false;
  constructor(
    private readonly context: BrowserContext,
    private readonly proxy: DemoProxy | null,
    private readonly id: string,
  ) {}
  async newPage(): Promise<E2ePage> {
    const page = new FirefoxPage(await this.context.newPage(), this);
    this.pages.add(page);
    if (this.offline) await page.page.setOfflineMode(true);
    return page;
  }
  async setOffline(offline: boolean): Promise<void> {
    if (!this.proxy) throw new Error('offline in Firefox needs the test proxy: its offline mode does not reach the worker');
    this.offline = offline;
    // Cut before the tabs hear "offline"; restore before they hear "online" and drain.
    if (offline) this.proxy.setDeviceOffline(this.id, true);
    await Promise.all([...this.pages].map((tab) => tab.page.setOfflineMode(offline)));
    if (!offline) this.proxy.setDeviceOffline(this.id, false);
  }
  close(): Promise<void> {
    return this.context.close();
  }
}

/** A fresh Firefox profile (BiDi user context) with `cookies` set for `origin`'s host. */
export async function newFirefoxDevice(
  browser: Browser,
  origin: string,
  cookies: Record<string, string>,
  proxy: DemoProxy | null,
  id: string,
): Promise<E2eDevice> {
  const context = await browser.createBrowserContext();
  const { hostname } = new URL(origin);
  await context.setCookie(...Object.entries(cookies).map(([name, value]) => ({ name, value, domain: hostname, path: '/' })));
  return new FirefoxDevice(context, proxy, id);
}

/** The launched Firefox, as the scenarios hold it. */
export type FirefoxBrowser = Browser & E2eBrowser;
