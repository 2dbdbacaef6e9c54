// Shared pieces of the in-browser benchmarks: timing statistics, raw IndexedDB access to the
// queue store (to seed many entries fast: seeding is setup, never what is measured), and clones
// of a real queue entry made by the engine, so that every seeded mutation is one the server accepts.
import { openDB, type IDBPDatabase } from 'idb';
import { uuidv7 } from '../../src/ids.js';
import { deriveProgress, deriveSessionStatistics } from '../../src/merge/derive.js';
import type { AnswerRecord, QueueEntry } from '../../src/types.js';

export { stats } from '../stats.js';

/** Opens an existing database at its current version, without upgrading it. */
export function openExisting(name: string): Promise<IDBPDatabase> {
  return openDB(name);
}

/** The engine's queue entry for an answer: the template every clone is made from. */
export async function answerTemplate(dbName: string): Promise<QueueEntry> {
  const db = await openExisting(dbName);
  const entries = (await db.getAll('syncQueue')) as QueueEntry[];
  db.close();
  const template = entries.find((entry) => entry.mutation.type === 'answer');
  if (!template) throw new Error(`no answer entry in ${dbName}'s queue (${entries.length} entries)`);
  return template;
}

/** A copy of `template` for a new answer: new mutation id, new answer id, same shape. */
export function cloneEntry(template: QueueEntry, now: number): QueueEntry {
  const answer = { ...(template.mutation.data as AnswerRecord), id: uuidv7(now) };
  const mutation = { ...template.mutation, id: uuidv7(now), data: answer };
  const entry: QueueEntry = { ...template, mutation, status: 'pending', leaseUntil: 0, retryCount: 0, nextAttemptAt: 0 };
  delete entry.seq;
  return entry;
}

/** Adds `count` clones of `template` to `store` of `dbName` in one transaction. */
export async function seedClones(dbName: string, store: string, template: QueueEntry, count: number): Promise<void> {
  const db = await openExisting(dbName);
  const tx = db.transaction(store, 'readwrite');
  const now = Date.now();
  for (let i = 0; i < count; i++) void tx.store.add(cloneEntry(template, now));
  await tx.done;
  db.close();
}

/**
 * Seeds `count` answers as `recordAnswer` leaves them on a device, in one transaction: each
 * clone's answer in `answers` and its entry in `syncQueue`, then the session's statistics and
 * the item's progress derived over all their answers. So a drain's pull finds its own answers
 * already stored, as on a real device (seeding the queue alone made the pull insert them all).
 */
export async function seedAnswers(dbName: string, template: QueueEntry, count: number): Promise<void> {
  const db = await openExisting(dbName);
  const tx = db.transaction(['answers', 'syncQueue', 'statistics', 'progress'], 'readwrite');
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const entry = cloneEntry(template, now);
    void tx.objectStore('answers').add(entry.mutation.data);
    void tx.objectStore('syncQueue').add(entry);
  }
  const answer = template.mutation.data as AnswerRecord;
  const [sessionAnswers, itemAnswers] = (await Promise.all([
    tx.objectStore('answers').index('sessionId').getAll(answer.sessionId),
    tx.objectStore('answers').index('userItem').getAll([answer.userId, answer.itemId]),
  ])) as [AnswerRecord[], AnswerRecord[]];
  void tx.objectStore('statistics').put(deriveSessionStatistics(answer.sessionId, answer.userId, sessionAnswers));
  void tx.objectStore('progress').put(deriveProgress(answer.userId, answer.itemId, itemAnswers));
  await tx.done;
  db.close();
}

/** Creates a plain database with one auto-increment store (the baselines' storage). */
export async function plainStore(dbName: string, store: string): Promise<IDBPDatabase> {
  return openDB(dbName, 1, {
    upgrade(db) {
      db.createObjectStore(store, { autoIncrement: true });
    },
  });
}
