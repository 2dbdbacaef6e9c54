// The in-browser benchmarks (a, b, c), bundled with esbuild by bench/run.ts and driven from
// Node through page.evaluate. Each figure is measured beside its baseline in the same page.
import { openDB } from 'idb';
import { OfflineReview } from '../../src/engine.js';
import { uuidv7 } from '../../src/ids.js';
import type { IndexedDBStorage } from '../../src/storage/indexeddb-storage.js';
import type { AnswerRecord, QueueEntry } from '../../src/types.js';
import { answerTemplate, cloneEntry, openExisting, plainStore, seedAnswers, seedClones, stats } from './fixtures.js';

const API = '/api/review';
// Keep every request's timing: b reads how long the pushes took.
performance.setResourceTimingBufferSize(100_000);
const ITEMS = Array.from({ length: 50 }, (_, i) => ({
  id: `item-${i}`,
  contentType: 'vocab',
  prompt: `prompt ${i}`,
  answer: `answer ${i}`,
  version: 1,
}));

/** An engine with its first session and one answer: its queue holds a real answer entry. */
async function engineWithSession(userId: string, dbName: string, autoSync: boolean) {
  const engine = OfflineReview.for({ userId, dbName, apiBase: API, autoSync });
  await engine.ready;
  await engine.loadContent(ITEMS);
  const { session } = await engine.startSession({ deckId: 'bench', itemIds: ITEMS.map((i) => i.id), mode: 'grade' });
  return { engine, session };
}

/** a. engine.recordAnswer latency over `count` answers vs one raw idb put per answer (blocks interleaved). */
async function recordAnswer(userId: string, count: number) {
  const { engine, session } = await engineWithSession(userId, `bench-a-${userId}`, false);
  const raw = await openDB('bench-a-raw', 1, { upgrade: (db) => void db.createObjectStore('answers', { keyPath: 'id' }) });
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const engineMs: number[] = [];
  const rawMs: number[] = [];
  for (let block = 0; block < count / 100; block++) {
    for (let i = 0; i < 100; i++) {
      const itemId = ITEMS[(block * 100 + i) % ITEMS.length]!.id;
      const answer: AnswerRecord = {
        id: uuidv7(), sessionId: session.id, userId, itemId, deviceId: 'raw', answeredAt: Date.now(),
        rating: 3, correct: true, responseTimeMs: 1200,
      };
      const t0 = performance.now();
      await raw.put('answers', answer);
      rawMs.push(performance.now() - t0);
    }
    for (let i = 0; i < 100; i++) {
      const itemId = ITEMS[(block * 100 + i) % ITEMS.length]!.id;
      const t0 = performance.now();
      await engine.recordAnswer({ sessionId: session.id, itemId, rating: 3, correct: true, responseTimeMs: 1200 });
      engineMs.push(performance.now() - t0);
    }
  }
  // Long tasks are reported asynchronously: let the observer's queue flush before reading it.
  await new Promise((resolve) => setTimeout(resolve, 0));
  observer.disconnect();
  raw.close();
  engine.close();
  return { engine: stats(engineMs), raw: stats(rawMs), longTasks: longTasks.length, longestTaskMs: Math.max(0, ...longTasks) };
}

/**
 * Wraps the async methods of `target` (the engine's storage) to add up their time per name:
 * where a drain spends its time when it is not waiting for the server. Overlapping calls
 * are counted each, so the sum can exceed the wall time.
 */
function timeMethods(target: Record<string, unknown>): Record<string, { calls: number; ms: number }> {
  const out: Record<string, { calls: number; ms: number }> = {};
  let proto: object | null = Object.getPrototypeOf(target) as object | null;
  const names = new Set<string>();
  while (proto && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') names.add(name);
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  for (const name of names) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = function timed(this: unknown, ...args: unknown[]) {
      const t0 = performance.now();
      const result = (original as (...a: unknown[]) => unknown).apply(this, args);
      if (!(result instanceof Promise)) return result;
      return result.finally(() => {
        const slot = (out[name] ??= { calls: 0, ms: 0 });
        slot.calls += 1;
        slot.ms += performance.now() - t0;
      });
    };
  }
  return out;
}

/** Time spent waiting for requests to `path` (network + server) from `t0` to `t1`, from Resource Timing. */
function requestTime(path: string, t0: number, t1 = Infinity): number {
  return performance
    .getEntriesByType('resource')
    .filter((e) => e.name.includes(`${API}${path}`) && e.startTime >= t0 && e.startTime < t1)
    .reduce((sum, e) => sum + e.duration, 0);
}

/** Time spent waiting for pushes since `t0`. */
const pushTime = (t0: number) => requestTime('/sync', t0);

/** Counts the answers the server holds for the signed-in user, through the pull endpoint. */
async function serverAnswerCount(): Promise<number> {
  let since = '';
  let total = 0;
  for (;;) {
    const response = await fetch(`${API}/changes?limit=500${since ? `&since=${encodeURIComponent(since)}` : ''}`);
    const body = (await response.json()) as { changes: { answers: unknown[] }; cursor: string; hasMore: boolean };
    total += body.changes.answers.length;
    since = body.cursor;
    if (!body.hasMore) return total;
  }
}

/** The answer entry b1 cloned: b2 and b3 replay and read the same kind of record. */
let drainTemplate: QueueEntry | null = null;

/** b1. Time for the engine to drain `count` queued answers into the reference server. */
async function drainEngine(userId: string, count: number) {
  const dbName = `bench-b-${userId}`;
  const { engine, session } = await engineWithSession(userId, dbName, false);
  await engine.recordAnswer({ sessionId: session.id, itemId: ITEMS[0]!.id, rating: 3, correct: true, responseTimeMs: 900 });
  drainTemplate = await answerTemplate(dbName);
  await seedAnswers(dbName, drainTemplate, count - 1);
  // The engine's storage is private: the bench times its methods through the same object.
  const storage = (engine as unknown as { storage: IndexedDBStorage }).storage;
  const queued = await storage.countQueue(userId);
  const storageMs = timeMethods(storage as unknown as Record<string, unknown>);
  const t0 = performance.now();
  for (let round = 0; round < 1000 && (await storage.countQueue(userId)) > 0; round++) await engine.sync();
  const ms = performance.now() - t0;
  const left = await storage.countQueue(userId);
  engine.close();
  const pushes = performance.getEntriesByType('resource').filter((e) => e.name.includes(`${API}/sync`) && e.startTime >= t0);
  // The drain ends with a pull (the other devices' changes): its pages are part of the time.
  const pullMs = requestTime('/changes', t0, t0 + ms);
  return { ms, queued, left, pushes: pushes.length, pushMs: pushTime(t0), pullMs, storageMs, serverAnswers: await serverAnswerCount() };
}

/** b2. Workbox-style replay: take one stored request, send it alone, next. Measured on `count`. */
async function drainPerItem(userId: string, count: number) {
  const template = drainTemplate ?? (await answerTemplate(`bench-b-${userId}`));
  const db = await plainStore(`bench-b-replay-${userId}`, 'requests');
  const tx = db.transaction('requests', 'readwrite');
  for (let i = 0; i < count; i++) {
    const entry = cloneEntry(template, Date.now());
    void tx.store.add({ url: `${API}/sync`, body: JSON.stringify({ protocol: 1, clientId: 'replay', mutations: [entry.mutation] }) });
  }
  await tx.done;
  let failures = 0;
  const t0 = performance.now();
  for (;;) {
    const shift = db.transaction('requests', 'readwrite');
    const cursor = await shift.store.openCursor();
    if (!cursor) break;
    const request = cursor.value as { url: string; body: string };
    await cursor.delete();
    await shift.done;
    const response = await fetch(request.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: request.body });
    await response.arrayBuffer();
    if (!response.ok) failures++;
  }
  const ms = performance.now() - t0;
  db.close();
  return { ms, count, failures, pushMs: pushTime(t0) };
}

/** b3. The floor: read and delete the same records in IndexedDB, 200 at a time, nothing sent. */
async function idbFloor(userId: string, count: number) {
  const template = drainTemplate ?? (await answerTemplate(`bench-b-${userId}`));
  const name = `bench-b-floor-${userId}`;
  (await plainStore(name, 'queue')).close();
  await seedClones(name, 'queue', template, count);
  const db = await openExisting(name);
  const t0 = performance.now();
  let read = 0;
  for (;;) {
    const keys = await db.getAllKeys('queue', null, 200);
    if (keys.length === 0) break;
    const batch = (await db.getAll('queue', IDBKeyRange.bound(keys[0], keys[keys.length - 1]))) as QueueEntry[];
    read += batch.length;
    const del = db.transaction('queue', 'readwrite');
    for (const key of keys) void del.store.delete(key);
    await del.done;
  }
  const ms = performance.now() - t0;
  db.close();
  return { ms, read };
}

/** c (setup). Seeds `count` pending answers for `userId` into an engine database. */
async function seedPending(userId: string, count: number) {
  const dbName = `bench-c-${userId}`;
  const { engine, session } = await engineWithSession(userId, dbName, false);
  await engine.recordAnswer({ sessionId: session.id, itemId: ITEMS[0]!.id, rating: 3, correct: true, responseTimeMs: 900 });
  engine.close();
  const template = await answerTemplate(dbName);
  for (let done = 1; done < count; done += 20_000) await seedClones(dbName, 'syncQueue', template, Math.min(20_000, count - done));
  const db = await openExisting(dbName);
  const stored = await db.count('syncQueue');
  db.close();
  return { dbName, stored };
}

const held: unknown[] = [];

/** c1. Starts the engine's queue over the seeded database; resolves once it counted the entries. */
async function startPendingQueue(userId: string, dbName: string, expected: number) {
  const engine = OfflineReview.for({ userId, dbName, apiBase: API, autoSync: true });
  held.push(engine);
  await engine.ready;
  const deadline = performance.now() + 60_000;
  while (engine.state.pending < expected && performance.now() < deadline) {
    // Wait for the next state change; re-read now and then in case the count came without one.
    await new Promise((resolve) => {
      engine.addEventListener('state-change', resolve, { once: true });
      setTimeout(resolve, 500);
    });
  }
  return { pending: engine.state.pending };
}

/** c2. The first design's queue (docs/design.md, "Where it started"): all of it in an array in memory. */
async function holdQueueInMemory(dbName: string) {
  const db = await openExisting(dbName);
  const items = (await db.getAll('syncQueue')) as QueueEntry[];
  db.close();
  // The first design's SyncQueueItem: the mutation's fields plus its bookkeeping, one object per item.
  held.push(items.map((e, i) => ({ id: i, type: e.mutation.type, action: e.mutation.action, data: e.mutation.data, timestamp: e.createdAt, retryCount: 0, status: 'pending' })));
  return { held: items.length };
}

Object.assign(globalThis, { bench: { recordAnswer, drainEngine, drainPerItem, idbFloor, seedPending, startPendingQueue, holdQueueInMemory } });
