// Loading: a scheduled review's first card is read without the engine (a read-only reader of
// the database), and the engine's chunk is fetched after that card's paint. This file imports
// the review tag's module alone (first-card-support.ts, not the helpers, which import the
// engine) and holds the engine's module on the test server, so the page fetches it here first.
import { expect } from '@open-wc/testing';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { readFirstCardStates } from '../../src/storage/first-card-states.js';
import { staleItemKey } from '../../src/storage/stale-marks.js';
import type { OfflineReview } from '../../src/index.js';
import { api } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { cardShown, databaseExists, deck, engineFetches, engineOf, freshLearner, holdEngine, mountReview, prompt, useFirstCardSuite } from './first-card-support.js';

/** Stores an Easy answer to each of `itemIds` through the engine: due days from now. */
async function answerEasy(engine: OfflineReview, itemIds: string[]): Promise<void> {
  const { session } = await engine.startSession({ deckId: 'earlier', itemIds, mode: 'grade' });
  for (const itemId of itemIds) await engine.recordAnswer({ sessionId: session.id, itemId, rating: 4, responseTimeMs: 500 });
}

/** Puts a stale mark on `itemId` of `user`, as a pulled page does before its derivation. */
async function markStale(dbName: string, user: string, itemId: string): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tx = db.transaction('meta', 'readwrite');
  tx.objectStore('meta').put({ userId: user, itemId }, staleItemKey(user, itemId));
  await new Promise((resolve) => (tx.oncomplete = resolve));
  db.close();
}

/** The scheduling configuration of a review tag with `attributes`' values (the tag's defaults otherwise). */
function configWith(attributes: Partial<ReviewSessionElement> = {}): ReturnType<ReviewSessionElement['scheduleConfig']> {
  return Object.assign(document.createElement('review-session'), attributes).scheduleConfig();
}

describe('<review-session> first card without the engine', () => {
  useFirstCardSuite();

  it("paints the first card before the engine's chunk is requested, creating no database in a fresh profile", async () => {
    const engineAsked = await holdEngine();
    const learner = freshLearner();
    let readyAt = -1;
    document.addEventListener('review-ready', () => (readyAt = performance.now()), { once: true });
    const el = await mountReview(learner, deck(3));
    await waitUntil(() => cardShown(el), 'the first card never showed');
    expect(prompt(el)).to.equal('prompt 1');
    expect(readyAt, 'review-ready fired with the first card').to.be.greaterThan(0);
    expect(await databaseExists(learner.dbName), 'the reader made no database').to.equal(false);
    // The engine is asked for after the paint, and held: it cannot have made the database.
    await engineAsked();
    expect(await databaseExists(learner.dbName)).to.equal(false);
    await api.release();
    await waitUntil(() => engineFetches().length > 0, 'the engine never arrived');
    expect(engineFetches()[0]!.startTime, 'the engine was requested after the first card').to.be.greaterThan(readyAt);
    // Once in, the engine makes the database; its states agree with the card on screen.
    await waitUntil(() => databaseExists(learner.dbName), 'the engine never opened the database');
    expect(prompt(el)).to.equal('prompt 1');
  });

  it("reads stored states as the engine does: cards answered earlier and due later are not shown", async () => {
    const learner = freshLearner();
    const engine = await engineOf(learner);
    await answerEasy(engine, ['card-1', 'card-2']);
    const { params, day } = configWith();
    const ids = ['card-1', 'card-2', 'card-3'];
    const fromEngine = await engine.cardStates(ids, params, day);
    const read = await readFirstCardStates(learner.dbName, learner.user, ids, params, day);
    expect(read, 'the reader answered').to.not.equal(null);
    expect(read).to.deep.equal(new Map(fromEngine));
    expect(read!.get('card-1')!.due).to.be.greaterThan(Date.now());
    const el = await mountReview(learner, deck(3));
    await waitUntil(() => cardShown(el), 'the first card never showed');
    expect(prompt(el)).to.equal('prompt 3');
    engine.close();
  });

  it('leaves to the engine what it cannot read exactly (a stale mark, other parameters, an older schema), which still shows the right card', async () => {
    const learner = freshLearner();
    const engine = await engineOf(learner);
    await answerEasy(engine, ['card-1']);
    const ids = ['card-1', 'card-2'];
    const { params, day } = configWith();
    await engine.cardStates(ids, params, day);
    expect(await readFirstCardStates(learner.dbName, learner.user, ids, params, day)).to.not.equal(null);
    // Derived with other parameters: the engine derives again, card 1 is still due later.
    const other = configWith({ desiredRetention: 0.8 });
    expect(await readFirstCardStates(learner.dbName, learner.user, ids, other.params, other.day)).to.equal(null);
    const otherEl = await mountReview(learner, deck(2), 'desired-retention="0.8"');
    await waitUntil(() => cardShown(otherEl), 'the first card never showed');
    expect(prompt(otherEl)).to.equal('prompt 2');
    // Gone before the next case: stored states keep the parameters they were last derived with
    // (src/storage/card-state-store.ts), so a review with other parameters still on the page
    // could derive them again after the engine's derivation below, and the reader would answer
    // null for the default parameters however long it was asked.
    otherEl.remove();
    // Marked stale (answers arrived that are not derived yet): the engine derives, then reads.
    await markStale(learner.dbName, learner.user, 'card-1');
    expect(await readFirstCardStates(learner.dbName, learner.user, ids, params, day)).to.equal(null);
    const el = await mountReview(learner, deck(2));
    await waitUntil(() => cardShown(el), 'the first card never showed');
    expect(prompt(el)).to.equal('prompt 2');
    await waitUntil(async () => (await readFirstCardStates(learner.dbName, learner.user, ids, params, day)) !== null, 'the engine never derived the marked card');
    engine.close();
    // A database of an older schema version is the engine's to upgrade: not read, and left as it is.
    const old = freshLearner();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(old.dbName, 3);
      request.onupgradeneeded = () => request.result.createObjectStore('meta');
      request.onsuccess = () => (request.result.close(), resolve());
      request.onerror = () => reject(request.error);
    });
    expect(await readFirstCardStates(old.dbName, old.user, ids, params, day)).to.equal(null);
    expect((await indexedDB.databases()).find((info) => info.name === old.dbName)?.version).to.equal(3);
  });
});
