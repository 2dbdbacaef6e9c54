// A grade given before the engine arrives, then the element's user changes before it does: the
// grade belonged to the review left, so it is dropped, stored for no one, and never for the new
// user. A file of its own: the engine's module is held, and so fetched, once per page.
import { expect } from '@open-wc/testing';
import type { ReviewAnswerEvent } from '../../components/review-session/review-session-events.js';
import { signIn, unique } from '../support/server.js';
import { answersTo, freshLearner, gradeThenLeave, prompt, useFirstCardSuite } from './first-card-support.js';

describe('<review-session> grade before the engine, user changed', () => {
  useFirstCardSuite();

  it("stores nothing for the new user, nor for the one who left", async () => {
    const learner = freshLearner();
    const other = unique('u');
    const seen: string[] = [];
    const el = await gradeThenLeave(learner, (shown) => {
      shown.addEventListener('review-answer', (event) => seen.push((event as ReviewAnswerEvent).detail.answer.userId));
      signIn(other);
      shown.user = other;
    });
    expect(el.user).to.equal(other);
    expect(await answersTo(learner.dbName, other, 'card-1'), "the other user's answers").to.equal(0);
    expect(await answersTo(learner.dbName, learner.user, 'card-1'), "the first user's answers").to.equal(0);
    expect(seen, 'no answer was announced').to.deep.equal([]);
    expect(prompt(el), 'the new review starts at its first card').to.equal('prompt 1');
  });
});
