// A grade given before the engine arrives, then the element's deck changes before it does: the
// grade belonged to the review left, so it is dropped, never stored in a session of the new
// deck. A file of its own: the engine's module is held, and so fetched, once per page.
import { expect } from '@open-wc/testing';
import { unique } from '../support/server.js';
import { answersTo, freshLearner, gradeThenLeave, prompt, useFirstCardSuite } from './first-card-support.js';

describe('<review-session> grade before the engine, deck changed', () => {
  useFirstCardSuite();

  it('stores the grade in no deck', async () => {
    const learner = freshLearner();
    const other = unique('deck');
    const el = await gradeThenLeave(learner, (shown) => (shown.deck = other));
    expect(el.deck).to.equal(other);
    expect(await answersTo(learner.dbName, learner.user, 'card-1'), 'answers to the card graded').to.equal(0);
    expect(el.session, 'no session was started for the new deck').to.equal(null);
    expect(prompt(el), 'the new review starts at its first card').to.equal('prompt 1');
  });
});
