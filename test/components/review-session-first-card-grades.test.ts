// A scheduled review's grades given before the engine arrives (its module held on the test
// server, fetched here for the first time: this file imports the review tag's module alone)
// wait for it, held, and are stored once each, in order.
import { expect } from '@open-wc/testing';
import type { ReviewAnswerEvent } from '../../components/review-session/review-session-events.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { api } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { cardShown, engineAskedSince, deck, engineFetches, engineOf, freshLearner, mountReview, prompt } from './first-card-support.js';

async function revealAndGrade(el: ReviewSessionElement, grade: 'good' | 'again'): Promise<void> {
  el.shadowRoot!.querySelector<HTMLElement>('[part~="reveal-button"]')!.click();
  await waitUntil(() => el.shadowRoot!.querySelector(`[part~="grade-${grade}"]`), 'the grades never showed');
  el.shadowRoot!.querySelector<HTMLElement>(`[part~="grade-${grade}"]`)!.click();
}

/** How many answers to `itemId` of `user` the database holds. */
async function storedCount(dbName: string, user: string, itemId: string): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const request = db.transaction('answers').objectStore('answers').index('userItem').count([user, itemId]);
  const count = await new Promise<number>((resolve) => (request.onsuccess = () => resolve(request.result)));
  db.close();
  return count;
}

describe('<review-session> grades before the engine', () => {
  before(async function () {
    this.timeout(90_000);
    await api.warm();
  });
  afterEach(() => api.clear());

  it('holds two quick grades until the engine arrives, then stores each once, in order', async () => {
    await api.fault({ match: '/src/engine.ts', mode: 'hold' });
    const engineAsked = await engineAskedSince();
    const learner = freshLearner();
    const el = await mountReview(learner, deck(3));
    const seen: string[] = [];
    el.addEventListener('review-answer', (event) => seen.push((event as ReviewAnswerEvent).detail.answer.itemId));
    await waitUntil(() => cardShown(el), 'the first card never showed');
    await revealAndGrade(el, 'good');
    // The graded card leaves the queue while it waits: the next one shows.
    await waitUntil(() => cardShown(el) && prompt(el) === 'prompt 2', 'the second card never showed');
    await revealAndGrade(el, 'again');
    await waitUntil(engineAsked, 'the engine was never asked for');
    expect(engineFetches(), 'the engine is still held').to.deep.equal([]);
    expect(seen, 'nothing is stored before the engine').to.deep.equal([]);
    await api.release();
    await waitUntil(() => seen.length === 2, 'the two answers were never stored');
    expect(seen).to.deep.equal(['card-1', 'card-2']);
    const engine = await engineOf(learner);
    expect((await engine.getSessionAnswers(el.session!.id)).map((answer) => answer.itemId)).to.deep.equal(['card-1', 'card-2']);
    expect(await storedCount(learner.dbName, learner.user, 'card-1')).to.equal(1);
    expect(await storedCount(learner.dbName, learner.user, 'card-2')).to.equal(1);
    await waitUntil(() => cardShown(el) && prompt(el) === 'prompt 3', 'the third card never showed');
    engine.close();
  });
});
