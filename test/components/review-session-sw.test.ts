import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import { cards, freshIdentity, mountSession, waitForPart, useEngineSuite } from './helpers.js';

const WORKER = '/test/components/fixtures/sw/noop-sw.js';
const SCOPE = new URL('/test/components/fixtures/sw/', location.href).href;

describe('<review-session sw>', () => {
  useEngineSuite();

  afterEach(async () => {
    for (const registration of await navigator.serviceWorker.getRegistrations()) {
      if (registration.scope === SCOPE) await registration.unregister();
    }
  });

  it('registers the worker named by the sw attribute, for its database', async () => {
    const id = freshIdentity();
    const el = await mountSession(id, { items: cards(1), attributes: { sw: WORKER } });
    await waitForPart(el, 'reveal-button');
    let worker: ServiceWorker | null = null;
    await waitUntil(
      async () => {
        const registration = await navigator.serviceWorker.getRegistration(SCOPE);
        worker = registration?.scope === SCOPE ? (registration.active ?? registration.waiting ?? registration.installing) : null;
        return worker;
      },
      'registered',
      { timeout: 10_000 },
    );
    const url = new URL(worker!.scriptURL);
    expect(url.pathname).to.equal(WORKER);
    // A database other than the default is named, so the worker drains the right one.
    expect(url.searchParams.get('db')).to.equal(id.db);
    await expect(el).to.be.accessible();
  });
});
