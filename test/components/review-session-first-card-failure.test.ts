// A first card read without the engine, then the engine's chunk cannot be loaded: the error
// screen replaces the card and `review-error` fires once. A file of its own: Firefox keeps a
// module whose fetch failed failed for the page.
import { expect } from '@open-wc/testing';
import type { ReviewErrorEvent } from '../../components/review-session/review-session-events.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { waitUntil } from '../support/until.js';
import { cardShown, deck, failEngine, freshLearner, mountReview, prompt, useFirstCardSuite } from './first-card-support.js';

describe('<review-session> engine failing after the first card', () => {
  useFirstCardSuite();

  it('shows the error screen in place of the first card, with review-error fired once', async () => {
    await failEngine();
    const codes: Array<{ code: string; chunk: unknown }> = [];
    document.addEventListener('review-error', (event) => {
      const { code, error } = (event as ReviewErrorEvent).detail;
      codes.push({ code, chunk: error.details['chunk'] });
    });
    // What the review showed first, read when it says so: the engine's 503 can replace the card
    // before a poll would see it (a run under load timed out waiting for the card).
    let first: { card: boolean; prompt: string } | null = null;
    document.addEventListener(
      'review-ready',
      (event) => {
        const shown = event.target as ReviewSessionElement;
        first = { card: cardShown(shown), prompt: prompt(shown) };
      },
      { once: true },
    );
    const el = await mountReview(freshLearner(), deck(2));
    await waitUntil(() => first, 'the review never showed anything');
    expect(first).to.deep.equal({ card: true, prompt: 'prompt 1' });
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="error"]'), 'the error screen never showed');
    expect(cardShown(el)).to.equal(false);
    expect(codes).to.deep.equal([{ code: 'content-unavailable', chunk: 'engine' }]);
    await expect(el).shadowDom.to.be.accessible();
  });
});
