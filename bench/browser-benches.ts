// Drives the in-browser benchmarks (a, b, c) in Chromium through playwright-core, against the
// bench origin (bundled bench page + the reference server's handler). Node side only.
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newDevice } from '../test/e2e/support/browser.js';
import type { Stats } from './stats.js';

/** What each page-side function resolves (see bench/browser/bench-page.ts). */
interface PageBench {
  recordAnswer(userId: string, count: number): Promise<{ engine: Stats; raw: Stats; longTasks: number; longestTaskMs: number }>;
  drainEngine(userId: string, count: number): Promise<{ ms: number; queued: number; left: number; pushes: number; pushMs: number; pullMs: number; storageMs: Record<string, { calls: number; ms: number }>; serverAnswers: number }>;
  drainPerItem(userId: string, count: number): Promise<{ ms: number; count: number; failures: number; pushMs: number }>;
  idbFloor(userId: string, count: number): Promise<{ ms: number; read: number }>;
  seedPending(userId: string, count: number): Promise<{ dbName: string; stored: number }>;
  startPendingQueue(userId: string, dbName: string, expected: number): Promise<{ pending: number }>;
  holdQueueInMemory(dbName: string): Promise<{ held: number }>;
}

type BenchName = keyof PageBench;

/** Calls `bench[name](...args)` in the page. */
async function call<K extends BenchName>(page: Page, name: K, ...args: Parameters<PageBench[K]>): Promise<Awaited<ReturnType<PageBench[K]>>> {
  return page.evaluate(
    ({ name, args }) => {
      const bench = (globalThis as unknown as { bench: Record<string, (...a: unknown[]) => Promise<unknown>> }).bench;
      return bench[name]!(...args);
    },
    { name, args: args as unknown[] },
  ) as Promise<Awaited<ReturnType<PageBench[K]>>>;
}

async function openBenchPage(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'bench' in globalThis, undefined, { timeout: 30_000 });
  return page;
}

/** Used JS heap after a full garbage collection, in bytes. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usage.usedSize;
}

export interface BrowserBenchResults {
  a: Awaited<ReturnType<PageBench['recordAnswer']>> & { count: number };
  b: {
    engine: Awaited<ReturnType<PageBench['drainEngine']>>;
    perItem: Awaited<ReturnType<PageBench['drainPerItem']>>;
    perItemScaledMs: number;
    floor: Awaited<ReturnType<PageBench['idbFloor']>>;
    count: number;
  };
  c: { entries: number; engineBytes: number; inMemoryBytes: number; enginePending: number };
}

/** Runs a, b and c, each in its own fresh browser context (profile). */
export async function runBrowserBenches(
  browser: Browser,
  origin: string,
  sizes = { answers: 1000, drain: 10_000, perItem: 1000, pending: 100_000 },
  log: (line: string) => void = () => {},
): Promise<BrowserBenchResults> {
  const fresh = async () => {
    const user = `bench-${randomUUID()}`;
    return { user, context: await newDevice(browser, origin, user) };
  };

  log(`a. record-answer latency, ${sizes.answers} answers`);
  const ctxA = await fresh();
  const a = { ...(await call(await openBenchPage(ctxA.context, origin), 'recordAnswer', ctxA.user, sizes.answers)), count: sizes.answers };
  await ctxA.context.close();

  log(`b. drain ${sizes.drain} queued answers; per-item replay of ${sizes.perItem}; IndexedDB floor`);
  const ctxB = await fresh();
  const pageB = await openBenchPage(ctxB.context, origin);
  const engine = await call(pageB, 'drainEngine', ctxB.user, sizes.drain);
  const perItem = await call(pageB, 'drainPerItem', ctxB.user, sizes.perItem);
  const floor = await call(pageB, 'idbFloor', ctxB.user, sizes.drain);
  await ctxB.context.close();
  const b = { engine, perItem, perItemScaledMs: (perItem.ms * sizes.drain) / sizes.perItem, floor, count: sizes.drain };

  log(`c. heap with ${sizes.pending} pending entries`);
  const ctxC = await fresh();
  const seeder = await openBenchPage(ctxC.context, origin);
  const seeded = await call(seeder, 'seedPending', ctxC.user, sizes.pending);
  await seeder.close();
  const enginePage = await openBenchPage(ctxC.context, origin);
  await ctxC.context.setOffline(true); // they stay pending: the queue counts them but cannot send
  const before = await heapAfterGc(enginePage);
  const started = await call(enginePage, 'startPendingQueue', ctxC.user, seeded.dbName, seeded.stored);
  const engineBytes = (await heapAfterGc(enginePage)) - before;
  await enginePage.close();
  await ctxC.context.setOffline(false);
  const specPage = await openBenchPage(ctxC.context, origin);
  const specBefore = await heapAfterGc(specPage);
  await call(specPage, 'holdQueueInMemory', seeded.dbName);
  const inMemoryBytes = (await heapAfterGc(specPage)) - specBefore;
  await ctxC.context.close();
  return { a, b, c: { entries: seeded.stored, engineBytes, inMemoryBytes, enginePending: started.pending } };
}
