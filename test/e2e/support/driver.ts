// What the end-to-end scenarios ask of a browser, whichever engine runs them: the subset of
// Playwright's API they use. In Chromium these are Playwright's own objects; in Firefox
// (`E2E_ENGINE=firefox`), puppeteer-core over WebDriver BiDi behind the same shape
// (./firefox.ts), since playwright-core cannot drive a stock Firefox.

/** The engine this run drives: `E2E_ENGINE=firefox`, Chromium otherwise. */
export const ENGINE: 'chromium' | 'firefox' = process.env.E2E_ENGINE === 'firefox' ? 'firefox' : 'chromium';
/** The engine's name as the runner prints it. */
export const ENGINE_NAME = ENGINE === 'firefox' ? 'Firefox' : 'Chromium';

/** A navigation's answer. */
export interface E2eResponse {
  /** Whether the service worker answered it. */
  fromServiceWorker(): boolean;
}

/** Elements found by CSS (piercing shadow roots), by text, or by role and name. */
export interface E2eLocator {
  first(): E2eLocator;
  /** Resolves once an element matches and is visible; throws after `timeout` ms. */
  waitFor(options: { state: 'visible'; timeout?: number }): Promise<void>;
  focus(): Promise<void>;
  click(): Promise<void>;
  /** Types `value` into the form field, in place of what it held. */
  fill(value: string): Promise<void>;
  innerText(): Promise<string>;
  isVisible(): Promise<boolean>;
  /** How many elements match. */
  count(): Promise<number>;
  /** The first match's box in CSS pixels from the viewport's top left. */
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
  getByText(text: RegExp | string): E2eLocator;
  getByRole(role: 'button' | 'link', options: { name: RegExp | string }): E2eLocator;
  /** The `index`-th (from 0) of the elements found so far. */
  nth(index: number): E2eLocator;
  /** Elements matching `selector` within the elements found so far. */
  locator(selector: string): E2eLocator;
  /** Runs `fn` on the first match in the page; resolves its result. */
  evaluate<R>(fn: (el: Element) => R | Promise<R>): Promise<R>;
  getAttribute(name: string): Promise<string | null>;
}

/** One tab. */
export interface E2ePage {
  goto(url: string): Promise<unknown>;
  /** Reloads; resolves the navigation's answer (null when there was none). */
  reload(): Promise<E2eResponse | null>;
  close(): Promise<void>;
  url(): string;
  /** The page's dedicated workers (not its service worker). */
  workers(): { url(): string }[];
  content(): Promise<string>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  waitForFunction<A>(fn: (arg: A) => unknown, arg?: A, options?: { timeout: number; polling?: number }): Promise<unknown>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  /** A light-DOM selector, visible. */
  waitForSelector(selector: string, options: { timeout: number }): Promise<unknown>;
  /** Resolves at the next load of the tab (a reload the page makes itself). */
  waitForEvent(event: 'load', options: { timeout: number }): Promise<unknown>;
  /** Resolves once the tab is at `url` and loaded; throws after `timeout` ms (30 s unless told). */
  waitForURL(url: string, options?: { timeout?: number }): Promise<void>;
  locator(selector: string): E2eLocator;
  getByText(text: RegExp | string): E2eLocator;
  getByRole(role: 'button', options: { name: RegExp | string }): E2eLocator;
  /** The form field whose label (its `<label>` or `aria-label`) matches `text`. */
  getByLabel(text: RegExp | string): E2eLocator;
  readonly keyboard: { press(key: string): Promise<void> };
}

/** One device: a fresh profile with its own storage, service worker and network. */
export interface E2eDevice {
  newPage(): Promise<E2ePage>;
  /** Cuts (or restores) this device's network: its pages' and its service worker's requests. */
  setOffline(offline: boolean): Promise<void>;
  close(): Promise<void>;
}

/** A launched browser. */
export interface E2eBrowser {
  close(): Promise<void>;
}
