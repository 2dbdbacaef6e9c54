import { expect, oneEvent } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { OfflineReview, type OfflineReviewOptions } from '../../src/engine.js';
import { AnswersChangedEvent } from '../../src/engine/answers-changed.js';
import { api, signIn, unique } from '../support/server.js';
import { rejection, reviewRejection } from '../support/rejection.js';
import { isOfflineReviewError } from '../../src/errors.js';
import { localLearnerDay, normalizeSchedulerParameters, parametersKey } from '../../src/scheduler/index.js';
import { useEngineSuite } from './engine-suite.js';
import { waitUntil } from '../support/until.js';

const engines: OfflineReview[] = [];
const databases = new Set<string>();

/** An engine of `userId` on `dbName`; with `separate`, a second instance as another tab has. */
function engineOn(userId: string, dbName: string, separate = false): OfflineReview {
  const options: OfflineReviewOptions = { userId, dbName, autoSync: false, syncTuning: { writeDebounceMs: 0 } };
  const engine = separate ? new OfflineReview(options) : OfflineReview.for(options);
  engines.push(engine);
  databases.add(dbName);
  return engine;
}

function nextAnswersChanged(engine: OfflineReview): Promise<AnswersChangedEvent> {
  return oneEvent(engine, AnswersChangedEvent.type) as Promise<AnswersChangedEvent>;
}

/** Closes the tests' engines and drops their databases. */
async function cleanUp(): Promise<void> {
  for (const engine of engines.splice(0)) engine.close();
  for (const name of databases) await deleteDB(name);
  databases.clear();
}

describe('OfflineReview answers-changed', () => {
  useEngineSuite(cleanUp);

  it('fires for its own answers with the answers, and for another tab\'s with the session only', async () => {
    const userId = unique('u');
    signIn(userId);
    const dbName = unique('db');
    const here = engineOn(userId, dbName);
    const { session } = await here.startSession({ deckId: 'd', itemIds: ['a', 'b'], mode: 'grade' });

    const own = nextAnswersChanged(here);
    const answer = await here.recordAnswer({ sessionId: session.id, itemId: 'a', rating: 3, responseTimeMs: 500 });
    const local = await own;
    expect([local.origin, local.sessionIds, local.concerns(session.id)]).to.deep.equal(['local', [session.id], true]);
    expect(local.answers).to.deep.equal([answer]);

    // Another tab: its own engine instance on the same database, talking over BroadcastChannel.
    const tab = engineOn(userId, dbName, true);
    const fromTab = nextAnswersChanged(here);
    await tab.recordAnswer({ sessionId: session.id, itemId: 'b', rating: 1, responseTimeMs: 700 });
    const event = await fromTab;
    expect([event.origin, event.sessionIds, event.answers]).to.deep.equal(['tab', [session.id], null]);
    expect((await here.getSessionAnswers(session.id)).map((a) => a.itemId)).to.deep.equal(['a', 'b']);
  });

  it('fires after a pull brought another device\'s answers', async () => {
    const userId = unique('u');
    signIn(userId);
    const other = engineOn(userId, unique('db'));
    const { session } = await other.startSession({ deckId: 'd', itemIds: ['a'], mode: 'grade' });
    await other.recordAnswer({ sessionId: session.id, itemId: 'a', rating: 4, responseTimeMs: 300 });
    await other.sync();
    expect([other.state.pending, other.state.lastError]).to.deep.equal([0, null]);

    const here = engineOn(userId, unique('db'));
    await here.ready;
    const pulled = nextAnswersChanged(here);
    await here.pull();
    const event = await pulled;
    expect([event.origin, event.sessionIds, event.answers]).to.deep.equal(['pull', [session.id], null]);
  });

  it('answerHistory() holds every answer of the user on the device, pulled ones too, without undone ones', async () => {
    const userId = unique('u');
    signIn(userId);
    const other = engineOn(userId, unique('db'));
    const { session: away } = await other.startSession({ deckId: 'd', itemIds: ['a'], mode: 'grade' });
    const fromAway = await other.recordAnswer({ sessionId: away.id, itemId: 'a', rating: 4, responseTimeMs: 300 });
    await other.sync();
    expect([other.state.pending, other.state.lastError]).to.deep.equal([0, null]);

    const dbName = unique('db');
    const here = engineOn(userId, dbName);
    const { session } = await here.startSession({ deckId: 'd', itemIds: ['a', 'b'], mode: 'grade' });
    const kept = await here.recordAnswer({ sessionId: session.id, itemId: 'b', rating: 3, responseTimeMs: 500 });
    const undone = await here.recordAnswer({ sessionId: session.id, itemId: 'a', rating: 1, responseTimeMs: 500 });
    await here.retractAnswer(undone.id);
    // Another learner on the same device: never in this learner's figures.
    const stranger = engineOn(unique('u'), dbName);
    const { session: theirs } = await stranger.startSession({ deckId: 'd', itemIds: ['a'], mode: 'grade' });
    await stranger.recordAnswer({ sessionId: theirs.id, itemId: 'a', rating: 2, responseTimeMs: 500 });
    expect((await here.answerHistory()).map((a) => a.id)).to.deep.equal([kept.id]);

    await here.pull();
    const history = await here.answerHistory();
    expect(history.map((a) => a.id)).to.deep.equal([fromAway.id, kept.id]);
    expect(history.every((a) => a.userId === userId)).to.equal(true);
  });

  it("recordAnswerWithState() resolves the answered card's state with the deck's parameters, as cardStates() reads it after, and the answer as recordAnswer() does", async () => {
    const userId = unique('u');
    signIn(userId);
    const here = engineOn(userId, unique('db'));
    const { session } = await here.startSession({ deckId: 'd', itemIds: ['a'], mode: 'grade' });
    const params = normalizeSchedulerParameters({ learningSteps: ['2m', '20m'] });
    const day = localLearnerDay();
    const first = await here.recordAnswerWithState({ sessionId: session.id, itemId: 'a', rating: 3, responseTimeMs: 400 }, params, day);
    expect(first.answer).to.deep.include({ sessionId: session.id, itemId: 'a', rating: 3, userId });
    expect(first.cardState).to.deep.equal((await here.cardStates(['a'], params, day)).get('a'));
    expect(first.cardState).to.deep.include({ phase: 'learning', answerCount: 1, parametersKey: parametersKey(params, day) });
    // Queued like any answer: sent with the session.
    await here.sync();
    expect([here.state.pending, here.state.lastError]).to.deep.equal([0, null]);
    const again = await rejection(here.recordAnswerWithState({ sessionId: session.id, itemId: 'a', responseTimeMs: 1 }, params, day));
    expect(isOfflineReviewError(again, 'invalid-input')).to.equal(true);
    // Parameters or a day that do not check: refused before anything is written.
    const zone = await rejection(here.recordAnswerWithState({ sessionId: session.id, itemId: 'a', rating: 3, responseTimeMs: 1 }, params, { ...day, timeZone: 'Nope/Zone' }));
    expect(isOfflineReviewError(zone, 'invalid-input')).to.equal(true);
    const retention = await rejection(here.recordAnswerWithState({ sessionId: session.id, itemId: 'a', rating: 3, responseTimeMs: 1 }, { ...params, desiredRetention: 2 }));
    expect(isOfflineReviewError(retention, 'invalid-input')).to.equal(true);
    expect((await here.getSessionAnswers(session.id)).map((answer) => answer.id)).to.deep.equal([first.answer.id]);
  });

  it('cancels a deck fetch through an AbortSignal, without falling back to the cache', async () => {
    const userId = unique('u');
    signIn(userId);
    const engine = engineOn(userId, unique('db'));
    await engine.ready;
    await api.fault({ match: '/changes', mode: 'hang' });
    const controller = new AbortController();
    const loading = engine.loadContentFrom('/api/review/changes?deck=1', { signal: controller.signal });
    controller.abort();
    expect((await reviewRejection(loading)).code).to.equal('aborted');
  });
});

/**
 * Logs the page's questions to the browser about persistence (`persisted()`, `persist()`); each
 * goes on to the real StorageManager, which answers. `restore()` removes the log.
 */
function logPersistence(manager: StorageManager): { calls: string[]; restore(): void } {
  const calls: string[] = [];
  for (const name of ['persist', 'persisted'] as const) {
    const real = manager[name];
    Object.defineProperty(manager, name, {
      configurable: true,
      value(this: StorageManager) {
        calls.push(name);
        return real.call(this);
      },
    });
  }
  return {
    calls,
    restore() {
      delete (manager as Partial<StorageManager>).persist;
      delete (manager as Partial<StorageManager>).persisted;
    },
  };
}

describe('OfflineReview persistent storage', () => {
  useEngineSuite(cleanUp);

  it('is asked for once, when the first answer is stored: not when a session starts (a prompt then follows what the learner did)', async () => {
    const userId = unique('u');
    signIn(userId);
    const engine = engineOn(userId, unique('db'));
    const manager = (navigator as Partial<Navigator>).storage;
    if (!manager) {
      // WebKitGTK: no StorageManager, nothing to ask; the answers are stored all the same.
      const { session } = await engine.startSession({ deckId: 'd', itemIds: ['a'], mode: 'grade' });
      await engine.recordAnswer({ sessionId: session.id, itemId: 'a', rating: 3, responseTimeMs: 500 });
      expect(await engine.getSessionAnswers(session.id)).to.have.length(1);
      return;
    }
    const log = logPersistence(manager);
    try {
      const { session } = await engine.startSession({ deckId: 'd', itemIds: ['a', 'b', 'c'], mode: 'grade' });
      expect(log.calls, 'nothing asked when the session starts').to.deep.equal([]);
      await engine.recordAnswer({ sessionId: session.id, itemId: 'a', rating: 3, responseTimeMs: 500 });
      // Asked as the answer is stored: persisted() first (no prompt once granted), then persist().
      expect(log.calls[0], 'asked at the first answer').to.equal('persisted');
      await engine.recordAnswer({ sessionId: session.id, itemId: 'b', rating: 3, responseTimeMs: 500 });
      await engine.recordAnswer({ sessionId: session.id, itemId: 'c', rating: 1, responseTimeMs: 500 });
      expect(log.calls.filter((name) => name === 'persisted'), 'asked once').to.have.length(1);
    } finally {
      log.restore();
    }
    // Firefox's run grants persistence as a learner who allowed it would
    // (`permissions.default.persistent-storage`): the origin is now kept under storage pressure.
    if (navigator.userAgent.includes('Firefox/')) expect(await navigator.storage.persisted()).to.equal(true);
  });
});

describe('OfflineReview answer counts', () => {
  useEngineSuite(cleanUp);

  it('counts an answer in the sync state as the answer resolves, from its own transaction (in the answer worker)', async () => {
    const userId = unique('u');
    signIn(userId);
    const engine = engineOn(userId, unique('db'));
    const { session } = await engine.startSession({ deckId: 'd', itemIds: ['a', 'b'], mode: 'grade' });
    await waitUntil(() => engine.state.counted && engine.state.pending === 1, 'the session\'s entry counted');
    const opened: string[][] = [];
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      opened.push(typeof args[0] === 'string' ? [args[0]] : [...args[0]]);
      return transaction.apply(this, args);
    };
    try {
      await engine.recordAnswer({ sessionId: session.id, itemId: 'a', rating: 3, responseTimeMs: 500 });
      // No recount to wait for: the answer's transaction counted the queue it left.
      expect(engine.state).to.include({ pending: 2, pendingAnswers: 1 });
      await engine.recordAnswer({ sessionId: session.id, itemId: 'b', rating: 1, responseTimeMs: 700 });
      expect(engine.state).to.include({ pending: 3, pendingAnswers: 2 });
    } finally {
      IDBDatabase.prototype.transaction = transaction;
    }
    // The answers' transactions ran in the answer worker (src/storage/answer-worker.ts), not on
    // this page, and the page counted the queue in none of its own after them.
    expect(opened.filter((stores) => stores.includes('answers'))).to.deep.equal([]);
    expect(opened.filter((stores) => stores.includes('syncQueue'))).to.deep.equal([]);
  });
});

