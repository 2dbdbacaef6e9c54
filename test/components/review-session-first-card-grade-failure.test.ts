// A grade given before the engine arrives, and the engine's chunk cannot be loaded: the error
// screen shows at once and `review-error` fires once, without waiting for the page's load and
// the idle moment after it (the grade is not dropped silently meanwhile). The review runs in a
// frame whose `load` event the test server holds (an image of it held), so the grade surely
// comes first. A file of its own: Firefox keeps a module whose fetch failed failed for the page.
import { expect } from '@open-wc/testing';
import type { ReviewErrorEvent } from '../../components/review-session/review-session-events.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { api, unique } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { cardShown, deck, failEngine, freshLearner, useFirstCardSuite } from './first-card-support.js';

describe('<review-session> grade before an engine that fails', () => {
  useFirstCardSuite();

  it('shows the error screen at the grade, with review-error fired once', async () => {
    await failEngine();
    await api.fault({ match: '/test/sw/scope/held-load-', mode: 'hold' });
    const learner = freshLearner();
    const json = JSON.stringify(deck(3)).replace(/</g, '\\u003c');
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><body>
      <review-session user="${learner.user}" db-name="${learner.dbName}" deck="${unique('deck')}"><script type="application/json">${json}</script></review-session>
      <img src="/test/sw/scope/held-load-pixel.png" alt="">
      <script type="module">
        import { ReviewSessionElement } from '/components/review-session/review-session.ts';
        customElements.define('review-session', ReviewSessionElement);
      </script></body>`;
    document.body.append(frame);
    try {
      await waitUntil(() => frame.contentDocument?.querySelector('review-session')?.shadowRoot, 'the review never started');
      const win = frame.contentWindow!;
      const loaded = new Promise((resolve) => win.addEventListener('load', resolve, { once: true }));
      const el = frame.contentDocument!.querySelector('review-session') as ReviewSessionElement;
      const codes: Array<{ code: string; chunk: unknown }> = [];
      el.addEventListener('review-error', (event) => {
        const { code, error } = (event as ReviewErrorEvent).detail;
        codes.push({ code, chunk: error.details['chunk'] });
      });
      await waitUntil(() => cardShown(el), 'the first card never showed');
      expect(frame.contentDocument!.readyState, "the frame's load is held").to.not.equal('complete');
      el.shadowRoot!.querySelector<HTMLElement>('[part~="reveal-button"]')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="grade-good"]'), 'the grades never showed');
      el.shadowRoot!.querySelector<HTMLElement>('[part~="grade-good"]')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="error"]'), 'the error screen never showed');
      expect(frame.contentDocument!.readyState, "the frame's load is still held").to.not.equal('complete');
      expect(cardShown(el)).to.equal(false);
      expect(codes).to.deep.equal([{ code: 'content-unavailable', chunk: 'engine' }]);
      // The wait after the first card ends as well: it reports nothing more.
      await api.release();
      await loaded;
      await new Promise((resolve) => (typeof win.requestIdleCallback === 'function' ? win.requestIdleCallback(resolve) : win.setTimeout(resolve)));
      expect(codes).to.deep.equal([{ code: 'content-unavailable', chunk: 'engine' }]);
      expect(el.shadowRoot!.querySelector('[part~="error"]')).to.not.equal(null);
    } finally {
      frame.remove();
    }
  });
});
