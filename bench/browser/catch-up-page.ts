// A new device catches up (bench k), in the page: the engine of a fresh profile pulls and
// applies a learner's whole history from the bench server (deriving card states as it goes),
// then the floor: the same answer records bulk-put into a fresh database, in transactions of
// the pull's page size. Long tasks are observed throughout.
import { openDB } from 'idb';
import { OfflineReview } from '../../src/engine.js';
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

/** The floor: the same answers put into a fresh database `perTransaction` at a time. */
async function floor(userId: string, perTransaction: number): Promise<{ ms: number; put: number }> {
  const source = await openDB(`catch-up-${userId}`);
  const all = (await source.getAll('answers')) as AnswerRecord[];
  source.close();
  const db = await openDB(`catch-up-floor-${userId}`, 1, { upgrade: (d) => void d.createObjectStore('answers', { keyPath: 'id' }) });
  const t0 = performance.now();
  for (let at = 0; at < all.length; at += perTransaction) {
    const tx = db.transaction('answers', 'readwrite');
    for (const answer of all.slice(at, at + perTransaction)) void tx.store.put(answer);
    await tx.done;
  }
  const ms = performance.now() - t0;
  db.close();
  return { ms, put: all.length };
}

Object.assign(globalThis, { catchUpBench: { open, pull, floor } });
