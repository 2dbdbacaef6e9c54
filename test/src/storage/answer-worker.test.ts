// Answers are recorded in a dedicated worker (src/storage/answer-worker.ts) on its own
// connection: the page opens no transaction for them. What the worker wrote is what the page
// reads; its errors arrive as the same errors; a database deleted under it is not held open;
// closing waits for what it holds; and where the worker cannot start, the page records the
// answers itself.
import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { isOfflineReviewError } from '../../../src/errors.js';
import { fromWire, toWire } from '../../../src/storage/answer-messages.js';
import { loadedDerivation } from '../../../src/storage/derivation-loader.js';
import { OfflineReviewError } from '../../../src/errors.js';
import { api, unique } from '../../support/server.js';
import { rejection } from '../../support/rejection.js';
import { waitUntil } from '../../support/until.js';
import { cleanupStorages, makeStorage, newAnswer, newSession } from './helpers.js';

/** Counts the transactions this page opens while `run` runs (the page's own IndexedDB, instrumented, not replaced). */
async function pageTransactions<T>(run: () => Promise<T>): Promise<{ result: T; opened: string[][] }> {
  const original = IDBDatabase.prototype.transaction;
  const opened: string[][] = [];
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    const scope = args[0];
    opened.push(typeof scope === 'string' ? [scope] : Array.from(scope));
    return original.apply(this, args);
  } as IDBDatabase['transaction'];
  try {
    return { result: await run(), opened };
  } finally {
    IDBDatabase.prototype.transaction = original;
  }
}

const ANSWER_STORES = ['answers', 'sessions', 'statistics', 'progress', 'meta', 'syncQueue', 'retractions', 'cardStates'];
const answerTransactions = (opened: string[][]) => opened.filter((stores) => stores.length === ANSWER_STORES.length && ANSWER_STORES.every((s) => stores.includes(s)));

describe('the answer worker', () => {
  afterEach(async () => {
    await api.clear();
    await cleanupStorages();
  });

  // First in this file: no test before it has loaded the derivation chunk on this page.
  it("stores answers while the page's derivation chunk cannot be fetched: the worker carries its own", async () => {
    await api.fault({ match: '/src/storage/derivation.ts', mode: 'status', status: 503 });
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user));
    const written = await storage.recordAnswer(newAnswer(session));
    expect(written.cardState).to.include({ itemId: 'i1', answerCount: 1 });
    expect(loadedDerivation()).to.equal(null);
    expect((await storage.getSessionAnswers(session.id)).map((a) => a.id)).to.deep.equal([written.answer.id]);
  });

  it('records answers off the page: the page opens no transaction for them, and reads what the worker wrote', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user, { startedAt: 1000, lastActivityAt: 1000 }));
    const answer = newAnswer(session, { answeredAt: 5000 });
    const { result: written, opened } = await pageTransactions(() => storage.recordAnswer(answer));
    expect(answerTransactions(opened)).to.deep.equal([]);
    expect(written).to.include({ duplicate: false });
    expect(written.answer).to.deep.equal(answer);
    expect(written.queued).to.deep.equal({ pending: 2, answers: 1 });
    expect(written.cardState).to.include({ itemId: 'i1', answerCount: 1 });
    // What the page reads is what the worker's transaction committed before it replied.
    expect(await storage.getSessionAnswers(session.id)).to.deep.equal([answer]);
    expect((await storage.getSession(session.id))!.lastActivityAt).to.equal(5000);
    expect(await storage.countQueue(user)).to.equal(2);
    // The same id again: a duplicate, nothing queued.
    const again = await storage.recordAnswer(answer);
    expect(again).to.include({ duplicate: true, mutation: null, queued: null });
  });

  it('keeps the order answers were given in, several in flight at once', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user));
    const answers = Array.from({ length: 12 }, (_, i) => newAnswer(session, { itemId: `i${i % 3}`, answeredAt: 10_000 + i }));
    const written = await Promise.all(answers.map((a) => storage.recordAnswer(a)));
    // Each saw the queue as it stood after it: one more answer each time.
    expect(written.map((w) => w.queued!.answers)).to.deep.equal(answers.map((_, i) => i + 1));
    // The queue in its own order (key `seq`): the answers' entries in the order given.
    const queue = (await (await storage.db()).getAll('syncQueue')).filter((e) => e.userId === user);
    expect(queue.filter((e) => e.mutation.type === 'answer').map((e) => (e.mutation.data as { id: string }).id)).to.deep.equal(answers.map((a) => a.id));
  });

  it("starts from a module of another origin (a CDN's) through a module of the page's origin", async () => {
    // The same server under its other loopback name is another origin (web-test-runner.config.mjs sends the modules with CORS).
    const other = new URL(location.href);
    other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const url = `${other.origin}/src/storage/indexeddb-storage.ts`;
    const { IndexedDBStorage } = (await import(url)) as typeof import('../../../src/storage/indexeddb-storage.js');
    const storage = new IndexedDBStorage({ dbName: unique('db') });
    try {
      const user = unique('u');
      const { session } = await storage.createSession(newSession(user));
      const { result, opened } = await pageTransactions(() => storage.recordAnswer(newAnswer(session)));
      expect(answerTransactions(opened)).to.deep.equal([]);
      expect(result.queued).to.deep.equal({ pending: 2, answers: 1 });
      expect((await storage.getSessionAnswers(session.id)).map((a) => a.id)).to.deep.equal([result.answer.id]);
      expect((await api.log()).some((e) => e.path.startsWith('/src/storage/answer-worker') && e.status === 200)).to.equal(true);
    } finally {
      storage.close();
      await deleteDB(storage.dbName);
    }
  });

  it('rejects as recording on the page does: the same codes and details, nothing stored', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user));
    const missing = await rejection(storage.recordAnswer(newAnswer({ id: 'no-such-session', userId: user })));
    expect(isOfflineReviewError(missing, 'not-found')).to.equal(true);
    expect((missing as OfflineReviewError).details).to.deep.equal({ sessionId: 'no-such-session' });
    const bad = await rejection(storage.recordAnswer({ ...newAnswer(session), responseTimeMs: -1 }));
    expect(isOfflineReviewError(bad, 'invalid-input')).to.equal(true);
    const other = await rejection(storage.recordAnswer(newAnswer({ id: session.id, userId: unique('other') })));
    expect(isOfflineReviewError(other, 'invalid-input')).to.equal(true);
    expect(await storage.getSessionAnswers(session.id)).to.deep.equal([]);
    // A good answer after the bad ones is stored.
    expect((await storage.recordAnswer(newAnswer(session))).duplicate).to.equal(false);
  });

  it('carries errors across as the same kind: an OfflineReviewError with its code and details, a DOMException with its name', () => {
    const viaMessage = (error: unknown) => fromWire(structuredClone(toWire(error)));
    const storageError = viaMessage(new OfflineReviewError('storage-full', 'Full.', { details: { evicted: 3 } }));
    expect(isOfflineReviewError(storageError, 'storage-full')).to.equal(true);
    expect((storageError as OfflineReviewError).details).to.deep.equal({ evicted: 3 });
    const quota = viaMessage(new DOMException('No room.', 'QuotaExceededError'));
    expect(quota).to.be.instanceOf(DOMException);
    expect(quota).to.include({ name: 'QuotaExceededError', message: 'No room.' });
    const bug = viaMessage(new TypeError('x is undefined'));
    expect(bug).to.be.instanceOf(Error).and.not.instanceOf(DOMException);
    expect(bug).to.include({ name: 'TypeError', message: 'x is undefined' });
    expect(viaMessage('thrown text')).to.include({ name: 'Error', message: 'thrown text' });
  });

  it('does not hold a deleted database open, and records again once it is made anew', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user));
    await storage.recordAnswer(newAnswer(session));
    // The worker holds a connection now: a deletion asks it to close, and must not be blocked.
    let blocked = false;
    await deleteDB(storage.dbName, { blocked: () => (blocked = true) });
    expect(blocked).to.equal(false);
    const { session: again } = await storage.createSession(newSession(user));
    const written = await storage.recordAnswer(newAnswer(again));
    expect(written.queued).to.deep.equal({ pending: 2, answers: 1 });
    expect(await storage.getSessionAnswers(session.id)).to.deep.equal([]);
  });

  it('stores what it holds before it closes; later answers are refused as closed', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user));
    const answers = [newAnswer(session, { itemId: 'i1' }), newAnswer(session, { itemId: 'i2' })];
    const pending = answers.map((a) => storage.recordAnswer(a));
    // Close once both are posted to the worker (each awaits the device id first).
    await new Promise((resolve) => setTimeout(resolve, 0));
    storage.close();
    const written = await Promise.all(pending);
    expect(written.map((w) => w.duplicate)).to.deep.equal([false, false]);
    const reader = makeStorage({ dbName: storage.dbName });
    expect((await reader.getSessionAnswers(session.id)).map((a) => a.id).sort()).to.deep.equal(answers.map((a) => a.id).sort());
    expect(isOfflineReviewError(await rejection(storage.recordAnswer(newAnswer(session))), 'closed')).to.equal(true);
  });

  it('is started ahead of the first answer by prepareAnswers', async () => {
    const storage = makeStorage();
    await storage.initialize();
    await api.log({ clear: true });
    storage.prepareAnswers();
    await waitUntil(async () => (await api.log()).some((e) => e.path.startsWith('/src/storage/answer-worker')), 'the worker was not fetched');
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user));
    const { opened } = await pageTransactions(() => storage.recordAnswer(newAnswer(session)));
    expect(answerTransactions(opened)).to.deep.equal([]);
  });

  it('stores an answer given before a status change first, though it goes to another connection', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user));
    // Not awaited one by one: the worker is still starting when the status change is asked for.
    const [written, ended] = await Promise.all([storage.recordAnswer(newAnswer(session)), storage.setSessionStatus(session.id, 'completed')]);
    expect(written.duplicate).to.equal(false);
    expect(ended.session.status).to.equal('completed');
    expect((await storage.getSessionAnswers(session.id)).map((a) => a.id)).to.deep.equal([written.answer.id]);
  });

  it('records on the page when the worker is not running in time (READY_MS), and never twice', async () => {
    await api.fault({ match: '/src/storage/answer-worker', mode: 'hold' });
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user));
    const { result, opened } = await pageTransactions(() => storage.recordAnswer(newAnswer(session)));
    // Stored while the worker's script was still held (READY_MS), by the page.
    expect((await api.held()).some((path) => path.startsWith('/src/storage/answer-worker'))).to.equal(true);
    expect(answerTransactions(opened)).to.have.length(1);
    expect(result.duplicate).to.equal(false);
    // The script arrives late: the worker was ended, nothing is posted to it.
    await api.release();
    const { opened: later } = await pageTransactions(() => storage.recordAnswer(newAnswer(session, { itemId: 'i2' })));
    expect(answerTransactions(later)).to.have.length(1);
    expect(await storage.countQueue(user, 'answer')).to.equal(2);
  });

  it('records on the page when the worker script cannot be fetched, and for storages asked not to use one', async () => {
    await api.fault({ match: '/src/storage/answer-worker', mode: 'status', status: 503 });
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user));
    const first = newAnswer(session, { itemId: 'i1' });
    const { result, opened } = await pageTransactions(() => storage.recordAnswer(first));
    expect(result.duplicate).to.equal(false);
    expect(answerTransactions(opened)).to.have.length(1);
    expect((await api.log()).some((e) => e.path.includes('/src/storage/answer-worker') && e.status === 503)).to.equal(true);
    // Every later answer too, without asking the worker again.
    const { opened: later } = await pageTransactions(() => storage.recordAnswer(newAnswer(session, { itemId: 'i2' })));
    expect(answerTransactions(later)).to.have.length(1);
    expect((await storage.getSessionAnswers(session.id)).length).to.equal(2);
    await api.clear();
    const onPage = makeStorage({ answerWorker: false });
    const { session: s2 } = await onPage.createSession(newSession(user));
    const { opened: own } = await pageTransactions(() => onPage.recordAnswer(newAnswer(s2)));
    expect(answerTransactions(own)).to.have.length(1);
  });
});
