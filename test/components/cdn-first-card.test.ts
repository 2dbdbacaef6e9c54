// Loading, through the CDN entry (components/cdn.ts): on a page with a review, the indicator's
// chunk is fetched only once the review's first card shows (the review fires review-ready), so
// it never competes with the first card for the network. This file imports the CDN entry alone
// (not the test helpers, which define the tags) and watches the page's resource entries.
import { expect } from '@open-wc/testing';
import '../../components/cdn.js';
import { unique } from '../support/server.js';
import { waitUntil } from '../support/until.js';

/** When this page started fetching the module at a path ending in `suffix`, or null if it did not. */
function fetchedAt(suffix: string): number | null {
  const entry = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith(suffix));
  return entry ? entry.startTime : null;
}

// Room for every fetch from here on (the default buffer of 250 entries could drop the one awaited).
performance.setResourceTimingBufferSize(5000);
const INDICATOR = '/components/sync-indicator/sync-indicator.ts';
/** components/cdn.ts's FIRST_CARD_WAIT_MS: the other tags wait at most this long after the review tag is defined. */
const FIRST_CARD_WAIT_MS = 5000;

describe('CDN entry: the indicator after the first card', () => {
  it("fetches and defines <sync-indicator> only once the review's first card shows", async () => {
    const user = unique('u');
    const db = unique('db');
    const wrapper = document.createElement('div');
    wrapper.innerHTML = `<sync-indicator user="${user}" db-name="${db}" api-base="/no-such-api"></sync-indicator>
      <review-session user="${user}" db-name="${db}" deck="${unique('deck')}" api-base="/no-such-api" schedule="drill"><script type="application/json">[{"id":"a","prompt":"one","answer":"1"}]</script></review-session>`;
    const review = wrapper.querySelector('review-session')!;
    const defined = customElements.whenDefined('review-session').then(() => performance.now());
    // What the page held when the review said its first card was on screen.
    const atReady = new Promise<{ reveal: boolean; defined: boolean; fetched: number | null; at: number }>((resolve) =>
      review.addEventListener(
        'review-ready',
        () => resolve({ reveal: Boolean(review.shadowRoot?.querySelector('[part~="reveal-button"]')), defined: Boolean(customElements.get('sync-indicator')), fetched: fetchedAt(INDICATOR), at: performance.now() }),
        { once: true },
      ),
    );
    document.body.append(wrapper);
    try {
      const ready = await atReady;
      const definedAt = await defined;
      expect(ready.reveal, 'the first card is shown').to.equal(true);
      // The indicator waits for the first card, or FIRST_CARD_WAIT_MS after the review tag is
      // defined, whichever comes first: on a machine so loaded that the first card took longer,
      // the wait is over before it and the indicator may come first (a review whose storage
      // hangs must not keep it off the page). Either way it is fetched after the earlier one.
      const waitEnded = definedAt + FIRST_CARD_WAIT_MS;
      if (ready.at < waitEnded - 250) {
        expect(ready.defined, 'the indicator is not defined yet').to.equal(false);
        expect(ready.fetched, "the indicator's module is not fetched yet").to.equal(null);
      }
      await customElements.whenDefined('sync-indicator');
      expect(fetchedAt(INDICATOR)).to.be.at.least(Math.min(ready.at, waitEnded - 250));
      const indicator = wrapper.querySelector('sync-indicator')!;
      await waitUntil(() => indicator.hasAttribute('state'), 'the indicator shows its state');
    } finally {
      wrapper.remove();
    }
  });
});
