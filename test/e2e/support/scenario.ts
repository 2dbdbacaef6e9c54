// One scenario's world: a demo server (as `npm start` runs it) on a temp DATA_DIR, optionally
// the loopback proxy in front of it, a unique user, and fresh browser contexts (devices).
// `cleanup()` closes every context and stops every process, also after a failure.
import { randomUUID } from 'node:crypto';
import { after, before } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, newDevice } from './browser.js';
import { removeDir, startDemo, stopAllDemos, type DemoServer } from './demo.js';
import { startProxy, type DemoProxy } from './proxy.js';

export interface Scenario {
  demo: DemoServer;
  proxy: DemoProxy | null;
  /** Where the pages go: the proxy's origin, or the demo's without a proxy. */
  origin: string;
  user: string;
  /** A new device (fresh profile) signed in as the scenario's user. */
  device(): Promise<BrowserContext>;
  /** Stops the demo and starts it again on the same port and DATA_DIR. */
  restartDemo(): Promise<void>;
  cleanup(): Promise<void>;
}

/** Starts the demo (and the proxy unless `proxy: false`) for one scenario. */
export async function setupScenario(browser: Browser, options: { proxy?: boolean } = {}): Promise<Scenario> {
  const contexts: BrowserContext[] = [];
  let demo = await startDemo();
  const dataDir = demo.dataDir;
  let proxy: DemoProxy | null = null;
  try {
    if (options.proxy !== false) proxy = await startProxy(demo.port);
  } catch (error) {
    await demo.stop();
    removeDir(dataDir);
    throw error;
  }
  const scenario: Scenario = {
    demo,
    proxy,
    origin: proxy?.origin ?? demo.origin,
    user: `e2e-${randomUUID()}`,
    async device() {
      const context = await newDevice(browser, scenario.origin, scenario.user, proxy);
      contexts.push(context);
      return context;
    },
    async restartDemo() {
      await demo.stop();
      demo = await startDemo({ port: demo.port, dataDir });
      scenario.demo = demo;
    },
    async cleanup() {
      await Promise.allSettled(contexts.map((context) => context.close()));
      await proxy?.close();
      await demo.stop();
      removeDir(dataDir);
    },
  };
  return scenario;
}

/** Runs `body` in a fresh scenario and always cleans up; failures carry the server's output. */
export async function inScenario(
  browser: Browser,
  options: { proxy?: boolean },
  body: (scenario: Scenario) => Promise<void>,
): Promise<void> {
  const scenario = await setupScenario(browser, options);
  try {
    await body(scenario);
  } catch (error) {
    const output = scenario.demo.output();
    if (error instanceof Error && output) error.message += `\n--- demo server output ---\n${output}`;
    throw error;
  } finally {
    await scenario.cleanup();
  }
}

/**
 * The hooks of an end-to-end file: one browser (Chromium, or Firefox) for the file (each scenario still gets fresh
 * profiles), closed afterwards with every demo server still running. Resolves the browser.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stopAllDemos();
  });
  return () => {
    if (!browser) throw new Error('useBrowser(): the browser is not launched yet (use it inside a test)');
    return browser;
  };
}
