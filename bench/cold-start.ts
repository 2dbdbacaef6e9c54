// f. Offline cold start: the demo started as `npm start` starts it; one profile loads it online
// (the worker installs and controls the page), then reloads while offline until the first card
// is visible, 10 times. Baseline in the same run: the same reload online. Both under 4× CPU
// throttling of the page (CDP Emulation.setCPUThrottlingRate; the service worker runs in its own
// target and is not throttled).
import type { Browser } from 'playwright-core';
import { newDevice, openDemo, waitForCard } from '../test/e2e/support/browser.js';
import { removeDir, startDemo } from '../test/e2e/support/demo.js';
import { stats } from './stats.js';

/** Milliseconds from the reload's start until the first card is visible, `runs` times. */
async function reloads(page: import('playwright-core').Page, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await page.reload({ waitUntil: 'commit' });
    await waitForCard(page);
    out.push(performance.now() - t0);
  }
  return out;
}

export interface ColdStartResult {
  offline: ReturnType<typeof stats>;
  online: ReturnType<typeof stats>;
  /** The page's CPU slowdown during both. */
  throttle: number;
}

const offlineConditions = { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };

/** Measures offline and online reload-to-first-card medians over `runs` reloads each. */
export async function measureColdStart(browser: Browser, runs = 10, throttle = 4): Promise<ColdStartResult> {
  const demo = await startDemo();
  try {
    const context = await newDevice(browser, demo.origin, 'bench-cold-start');
    try {
      const page = await openDemo(context, demo.origin);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
      const online = await reloads(page, runs);
      await context.setOffline(true);
      // A second CDP session makes Chromium drop Playwright's offline emulation on navigation:
      // this session says it too.
      await cdp.send('Network.emulateNetworkConditions', offlineConditions);
      const offline = await reloads(page, runs);
      const wasOffline = await page.evaluate(() => !navigator.onLine);
      if (!wasOffline) throw new Error('the offline reloads ran online');
      return { offline: stats(offline), online: stats(online), throttle };
    } finally {
      await context.close();
    }
  } finally {
    await demo.stop();
    removeDir(demo.dataDir);
  }
}
