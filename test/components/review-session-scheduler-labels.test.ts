// The interval labels of the grade buttons need the scheduler, loaded after the first card:
// a card revealed before it arrives shows its grades without labels, and the labels fill in
// when it arrives, with nothing else happening. The test holds the scheduler's request for
// real; the file runs in a page of its own, so the module is fetched here for the first time.
import { expect } from '@open-wc/testing';
import { loadedDerivation } from '../../src/storage/derivation-loader.js';
import { api } from '../support/server.js';
import { cards, freshIdentity, mountSession, part, useEngineSuite, waitForPart } from './helpers.js';

describe('<review-session> interval labels', () => {
  useEngineSuite();

  it('fill in on a revealed card once the scheduler arrives', async () => {
    await api.fault({ match: '/src/storage/derivation.ts', mode: 'hold' });
    const el = await mountSession(freshIdentity(), { items: cards(2), attributes: { schedule: 'review' } });
    (await waitForPart(el, 'reveal-button')).click();
    await waitForPart(el, 'grade-good');
    expect(loadedDerivation()).to.equal(null);
    expect(part(el, 'interval')).to.equal(null);
    await api.release();
    await waitForPart(el, 'interval');
    expect(el.shadowRoot!.querySelectorAll('[part="interval"]')).to.have.length(4);
  });
});
