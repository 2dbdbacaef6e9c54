// k. A new device catches up: a learner's 100,000 answers over 5,000 cards are pushed to the
// bench server (the reference server's handler, setup, not measured); a fresh profile's engine
// then pulls and applies them all (answers, sessions, statistics, progress, card states derived
// by the scheduler). Figures: the time, beside the IndexedDB floor of putting the same records
// (answers, sessions, statistics, progress, card states) into the same stores in the same
// browser; the JS heap growth (CDP: collect garbage, then Runtime.getHeapUsage,
// before and after); the long tasks throughout.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { makeAnswer, makeSession, mutation } from '../server/conformance/fixtures.js';
import { newDevice } from '../test/e2e/support/browser.js';

const DAY = 86_400_000;

export interface CatchUpResult {
  answers: number;
  cards: number;
  stored: { answers: number; cards: number };
  ms: number;
  /** Of `ms`, the time spent waiting for the server's pages (Resource Timing), and how many. */
  waitMs: number;
  pages: number;
  floorMs: number;
  /** The answers alone put into a store without indexes (the first, narrower floor). */
  bareFloorMs: number;
  heapBytes: number;
  longTasks: number[];
}

/** Pushes `answers` answers over `cards` items for `user`, in sessions of 100 items, 500 per push. */
async function seed(origin: string, user: string, cards: number, answers: number): Promise<void> {
  const perItem = answers / cards;
  const start = Date.now() - (perItem + 2) * DAY;
  const headers = { cookie: `offline_review_user=${user}`, 'content-type': 'application/json' };
  const send = async (mutations: unknown[]) => {
    const response = await fetch(`${origin}/api/review/sync`, { method: 'POST', headers, body: JSON.stringify({ protocol: 1, clientId: 'seed', mutations }) });
    if (!response.ok) throw new Error(`seed push answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  };
  for (let first = 0; first < cards; first += 100) {
    const itemIds = Array.from({ length: Math.min(100, cards - first) }, (_, i) => `card-${first + i}`);
    const session = makeSession(user, itemIds);
    let batch: unknown[] = [mutation('session', 'create', session)];
    for (let round = 0; round < perItem; round++) {
      for (const itemId of itemIds) {
        batch.push(mutation('answer', 'create', makeAnswer(session, itemId, { correct: round % 4 !== 3, answeredAt: start + round * DAY })));
        if (batch.length === 500) {
          await send(batch);
          batch = [];
        }
      }
    }
    if (batch.length) await send(batch);
  }
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usage.usedSize;
}

type Bench = {
  open(user: string): Promise<void>;
  pull(user: string): Promise<{ ms: number; answers: number; cards: number; longTasks: number[]; waitMs: number; pages: number }>;
  floor(user: string, perTransaction: number): Promise<{ ms: number; put: number; bareMs: number }>;
};

function call<K extends keyof Bench>(page: Page, name: K, ...args: Parameters<Bench[K]>): Promise<Awaited<ReturnType<Bench[K]>>> {
  return page.evaluate(
    ({ name, args }) => (globalThis as unknown as { catchUpBench: Record<string, (...a: unknown[]) => unknown> }).catchUpBench[name]!(...args),
    { name, args: args as unknown[] },
  ) as Promise<Awaited<ReturnType<Bench[K]>>>;
}

/** Seeds, then measures the catch-up and its floor on a fresh profile. */
export async function measureCatchUp(browser: Browser, origin: string, cards = 5000, answers = 100_000, log: (line: string) => void = () => {}): Promise<CatchUpResult> {
  const user = `catch-up-${randomUUID()}`;
  await seed(origin, user, cards, answers);
  log(`seeded ${answers} answers over ${cards} cards`);
  const context = await newDevice(browser, origin, user);
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/catch-up.html`);
    await page.waitForFunction(() => 'catchUpBench' in globalThis, undefined, { timeout: 30_000 });
    await call(page, 'open', user);
    const before = await heapAfterGc(page);
    const pulled = await call(page, 'pull', user);
    const heapBytes = (await heapAfterGc(page)) - before;
    const floor = await call(page, 'floor', user, 1000);
    return { answers, cards, stored: { answers: pulled.answers, cards: pulled.cards }, ms: pulled.ms, waitMs: pulled.waitMs, pages: pulled.pages, floorMs: floor.ms, bareFloorMs: floor.bareMs, heapBytes, longTasks: pulled.longTasks };
  } finally {
    await context.close();
  }
}
