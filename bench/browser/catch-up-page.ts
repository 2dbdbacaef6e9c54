// A new device catches up (bench k), in the page: the engine of a fresh profile pulls and
// applies a learner's whole history from the bench server (deriving card states as it goes),
// then the floor: the same records (answers, sessions and what is derived) bulk-put into a
// fresh database with the same stores and indexes, in transactions of the pull's page size. Long tasks are observed throughout.
import { openDB } from 'idb';
import { OfflineReview } from '../../src/engine.js';
import { openReviewDatabase } from '../../src/storage/upgrades.js';
import type { AnswerRecord } from '../../src/types.js';

const longTasks: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: false });

let engine: OfflineReview | null = null;
performance.setResourceTimingBufferSize(100_000);

/** Time spent waiting for pull pages (Resource Timing of /changes) since `from`. */
function pullWaitMs(from: number): { ms: number; pages: number } {
  const entries = performance.getEntriesByType('resource').filter((e) => e.name.includes('/changes') && e.startTime >= from);
  return { ms: entries.reduce((sum, e) => sum + e.duration, 0), pages: entries.length };
}

/** Opens the engine for `userId` (no automatic sync); resolves when it is ready. */
async function open(userId: string): Promise<void> {
  engine = OfflineReview.for({ userId, dbName: `catch-up-${userId}`, apiBase: '/api/review', autoSync: false });
  await engine.ready;
  longTasks.length = 0;
}

/** Pulls everything; resolves the milliseconds, the answers stored and the long tasks seen. */
async function pull(userId: string): Promise<{ ms: number; answers: number; cards: number; longTasks: number[]; waitMs: number; pages: number }> {
  const t0 = performance.now();
  await engine!.pull();
  const ms = performance.now() - t0;
  const wait = pullWaitMs(t0);
  const tasks = [...longTasks];
  const db = await openDB(`catch-up-${userId}`);
  const answers = await db.count('answers');
  const cards = await db.count('cardStates');
  db.close();
  return { ms, answers, cards, longTasks: tasks, waitMs: wait.ms, pages: wait.pages };
}

/** Every record of the stores a catch-up fills, read from the caught-up database. */
async function caughtUp(userId: string): Promise<Array<[(typeof FILLED)[number], unknown[]]>> {
  const source = await openDB(`catch-up-${userId}`);
  const out = await Promise.all(FILLED.map(async (store) => [store, await source.getAll(store)] as [(typeof FILLED)[number], unknown[]]));
  source.close();
  return out;
}

/** The stores a catch-up fills: the answers, their sessions and what is derived from them. */
const FILLED = ['answers', 'sessions', 'statistics', 'progress', 'cardStates'] as const;

/**
 * The floor: the records the catch-up stored (answers, sessions, statistics, progress, card
 * states) bulk-put into a fresh database with the library's own schema (the same stores and
 * indexes), `perTransaction` at a time; and, for comparison, the answers alone put into a
 * store without indexes (the floor this bench used first).
 */
async function floor(userId: string, perTransaction: number): Promise<{ ms: number; put: number; bareMs: number }> {
  const records = await caughtUp(userId);
  const db = await openReviewDatabase(`catch-up-floor-${userId}`);
  let put = 0;
  const t0 = performance.now();
  for (const [store, all] of records) {
    for (let at = 0; at < all.length; at += perTransaction) {
      const tx = db.transaction(store, 'readwrite');
      for (const record of all.slice(at, at + perTransaction)) void tx.store.put(record as never);
      await tx.done;
    }
    put += all.length;
  }
  const ms = performance.now() - t0;
  db.close();
  const answers = records[0]![1] as AnswerRecord[];
  const bare = await openDB(`catch-up-bare-${userId}`, 1, { upgrade: (d) => void d.createObjectStore('answers', { keyPath: 'id' }) });
  const t1 = performance.now();
  for (let at = 0; at < answers.length; at += perTransaction) {
    const tx = bare.transaction('answers', 'readwrite');
    for (const answer of answers.slice(at, at + perTransaction)) void tx.store.put(answer);
    await tx.done;
  }
  const bareMs = performance.now() - t1;
  bare.close();
  return { ms, put, bareMs };
}

Object.assign(globalThis, { catchUpBench: { open, pull, floor } });
