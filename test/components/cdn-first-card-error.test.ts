// Loading, through the CDN entry (components/cdn.ts): the indicator that waits for the review's
// first card also appears when the review shows an error instead (review-ready fires for it).
// Its own page, as cdn-first-card.test.ts: the entry alone, the page's resource entries watched.
import { expect } from '@open-wc/testing';
import '../../components/cdn.js';
import { unique } from '../support/server.js';
import { waitUntil } from '../support/until.js';

/** When this page started fetching the module at a path ending in `suffix`, or null if it did not. */
function fetchedAt(suffix: string): number | null {
  const entry = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith(suffix));
  return entry ? entry.startTime : null;
}

performance.setResourceTimingBufferSize(5000);

describe('CDN entry: the indicator after a review error', () => {
  it("fetches <sync-indicator> once the review shows its error, and the indicator appears", async () => {
    const user = unique('u');
    const db = unique('db');
    const wrapper = document.createElement('div');
    // Not JSON: the review cannot load its items and shows an error, never a card.
    wrapper.innerHTML = `<review-session user="${user}" db-name="${db}" api-base="/no-such-api"><script type="application/json">{not json</script></review-session>
      <sync-indicator user="${user}" db-name="${db}" api-base="/no-such-api"></sync-indicator>`;
    const review = wrapper.querySelector('review-session')!;
    const errorShown = new Promise<number>((resolve) => review.addEventListener('review-error', () => resolve(performance.now()), { once: true }));
    const atReady = new Promise<{ error: boolean; fetched: number | null; at: number }>((resolve) =>
      review.addEventListener(
        'review-ready',
        () => resolve({ error: Boolean(review.shadowRoot?.querySelector('[part~="error"]')), fetched: fetchedAt('/components/sync-indicator/sync-indicator.ts'), at: performance.now() }),
        { once: true },
      ),
    );
    document.body.append(wrapper);
    try {
      await errorShown;
      const ready = await atReady;
      expect(ready.error, 'the error is shown').to.equal(true);
      expect(ready.fetched, "the indicator's module is not fetched before").to.equal(null);
      const indicator = wrapper.querySelector('sync-indicator')!;
      await waitUntil(() => indicator.hasAttribute('state'), 'the indicator appears and shows its state');
      expect(fetchedAt('/components/sync-indicator/sync-indicator.ts')).to.be.at.least(ready.at);
    } finally {
      wrapper.remove();
    }
  });
});
