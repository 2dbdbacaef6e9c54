// A scheduled review's grades given before the engine arrives (its module held on the test
// server, fetched here for the first time: this file imports the review tag's module alone)
// wait for it, held, and are stored once each, in order.
import { expect } from '@open-wc/testing';
import type { ReviewAnswerEvent } from '../../components/review-session/review-session-events.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { api } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { answersTo, cardShown, deck, engineFetches, engineOf, freshLearner, holdEngine, mountReview, prompt, useFirstCardSuite } from './first-card-support.js';

async function revealAndGrade(el: ReviewSessionElement, grade: 'good' | 'again'): Promise<void> {
  el.shadowRoot!.querySelector<HTMLElement>('[part~="reveal-button"]')!.click();
  await waitUntil(() => el.shadowRoot!.querySelector(`[part~="grade-${grade}"]`), 'the grades never showed');
  el.shadowRoot!.querySelector<HTMLElement>(`[part~="grade-${grade}"]`)!.click();
}

describe('<review-session> grades before the engine', () => {
  useFirstCardSuite();

  it('holds two quick grades until the engine arrives, then stores each once, in order', async () => {
    const engineAsked = await holdEngine();
    const learner = freshLearner();
    const el = await mountReview(learner, deck(3));
    const seen: string[] = [];
    el.addEventListener('review-answer', (event) => seen.push((event as ReviewAnswerEvent).detail.answer.itemId));
    await waitUntil(() => cardShown(el), 'the first card never showed');
    await revealAndGrade(el, 'good');
    // The graded card leaves the queue while it waits: the next one shows.
    await waitUntil(() => cardShown(el) && prompt(el) === 'prompt 2', 'the second card never showed');
    await revealAndGrade(el, 'again');
    await engineAsked();
    expect(engineFetches(), 'the engine is still held').to.deep.equal([]);
    expect(seen, 'nothing is stored before the engine').to.deep.equal([]);
    await api.release();
    await waitUntil(() => seen.length === 2, 'the two answers were never stored');
    expect(seen).to.deep.equal(['card-1', 'card-2']);
    const engine = await engineOf(learner);
    expect((await engine.getSessionAnswers(el.session!.id)).map((answer) => answer.itemId)).to.deep.equal(['card-1', 'card-2']);
    expect(await answersTo(learner.dbName, learner.user, 'card-1')).to.equal(1);
    expect(await answersTo(learner.dbName, learner.user, 'card-2')).to.equal(1);
    await waitUntil(() => cardShown(el) && prompt(el) === 'prompt 3', 'the third card never showed');
    engine.close();
  });
});
