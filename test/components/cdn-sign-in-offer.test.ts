// The sign-in a tag carries reaches the engine whatever comes first, through the CDN entry: a page
// script's `OfflineReview.for({ userId, dbName })` made before `<review-session>` or
// `<sync-indicator>` connected gets their sign-in (src/engine/offered-options.ts). The real
// reference server refuses a push without the CSRF header.
import { expect } from '@open-wc/testing';
import { loadCore } from '../../components/cdn.js';
import { waitUntil } from '../support/until.js';
import { api, signIn, unique } from '../support/server.js';

const CSRF = 'csrf-header="X-CSRFToken" csrf-cookie="csrftoken"';

/**
 * A page script makes the engine first; then the tag `markup` gives (with the sign-in) connects
 * and shows (`shown`); an answer then reaches the server, which refuses a push without the
 * CSRF header (the fault of `beforeEach`).
 */
async function scriptEngineThenTag(markup: (user: string, dbName: string) => string, shown: () => unknown): Promise<void> {
  const user = unique('u');
  const dbName = unique('db');
  signIn(user);
  const { OfflineReview } = await loadCore();
  const engine = OfflineReview.for({ userId: user, dbName });
  try {
    await engine.ready;
    document.body.insertAdjacentHTML('beforeend', markup(user, dbName));
    await waitUntil(shown, 'the tag never showed');
    const { session } = await engine.startSession({ deckId: unique('deck'), itemIds: ['a'], mode: 'grade' });
    await engine.recordAnswer({ sessionId: session.id, itemId: 'a', rating: 3, responseTimeMs: 300 });
    await engine.sync();
    expect(engine.state.lastError, JSON.stringify(engine.state.lastError)).to.equal(null);
    expect((await api.serverState(user)).answers.length).to.equal(1);
  } finally {
    engine.close();
  }
}

describe('CDN entry: the sign-in a tag offers', () => {
  beforeEach(async () => {
    await api.warm();
    await api.clear();
    await api.fault({ match: '/sync', mode: 'status', status: 403, unlessHeader: 'x-csrftoken' });
    document.cookie = 'csrftoken=indicator-token; path=/';
  });

  afterEach(async () => {
    document.body.replaceChildren();
    document.cookie = 'csrftoken=; path=/; max-age=0';
    await api.clear();
  });

  it("reaches an engine a page script made before the review tag loaded: a deck page whose review carries the sign-in", () =>
    scriptEngineThenTag(
      (user, dbName) =>
        `<review-session user="${user}" db-name="${dbName}" deck="${unique('deck')}" schedule="drill" ${CSRF}><script type="application/json">[{"id":"a","prompt":"one","answer":"1"}]</script></review-session>`,
      () => document.querySelector('review-session')?.shadowRoot?.querySelector('[part~="reveal-button"]'),
    ));

  it("reaches an engine a page script made before the indicator connected: its pushes carry the tag's CSRF header", () =>
    scriptEngineThenTag(
      (user, dbName) => `<sync-indicator user="${user}" db-name="${dbName}" ${CSRF}></sync-indicator>`,
      () => document.querySelector('sync-indicator[state]'),
    ));
});
