// Loading: the define module registers <review-stats> only once a page uses the tag, so a page
// without it never fetches the stats module. This file imports the define module alone (not
// the test helpers, which mount the other tags) and watches the page's resource entries.
import { expect, fixture } from '@open-wc/testing';
import '../../components/define.js';

/** The stats modules this page fetched so far. */
function statsModules(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => url.includes('/components/review-stats/'));
}

// Room for every fetch from here on (the default buffer of 250 entries could drop the one awaited).
performance.setResourceTimingBufferSize(5000);

describe('<review-stats> loading', () => {
  it('is not fetched by a page without the tag, and is fetched and defined once one is added', async () => {
    expect(customElements.get('review-session')).to.not.equal(undefined);
    expect(customElements.get('review-stats')).to.equal(undefined);
    // The entries are complete: the define module is there and the buffer never filled up.
    const entries = performance.getEntriesByType('resource');
    expect(entries.some((entry) => entry.name.includes('/components/define'))).to.equal(true);
    expect(entries.length).to.be.below(250);
    expect(statsModules()).to.deep.equal([]);
    const el = await fixture('<div><review-stats></review-stats></div>');
    await customElements.whenDefined('review-stats');
    expect(el.querySelector('review-stats')).to.be.instanceOf(customElements.get('review-stats')!);
    expect(statsModules().some((url) => url.includes('/components/review-stats/define-review-stats'))).to.equal(true);
  });
});
