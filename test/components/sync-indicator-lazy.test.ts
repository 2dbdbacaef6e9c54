// Loading: <sync-indicator> paints its state before the engine's modules are fetched (it reads
// the stored counts itself) and takes the engine once the page is loaded and idle. This file
// imports the indicator's module alone (not the test helpers, which import the engine) and
// watches the page's resource entries. The engine made first by the page's own script, before
// the indicator's engine chunk arrives, still signs in as the tag says (its CSRF header).
import { expect, fixture } from '@open-wc/testing';
import { SyncIndicatorElement } from '../../components/sync-indicator/sync-indicator.js';
import { IndexedDBStorage } from '../../src/storage/indexeddb-storage.js';
import { uuidv7 } from '../../src/ids.js';
import type { ReviewSession } from '../../src/types.js';
import { api, pushes, signIn, unique } from '../support/server.js';
import { waitUntil } from '../support/until.js';

/** The engine's modules this page fetched so far. */
function engineModules(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.endsWith('/src/engine.ts') || path.endsWith('/components/shared/engine-controller.ts'));
}

// Room for every fetch from here on (the default buffer of 250 entries could drop the one awaited).
performance.setResourceTimingBufferSize(5000);
if (!customElements.get('sync-indicator')) customElements.define('sync-indicator', SyncIndicatorElement);

/** Starts a session of `user` in `storage`, as a review page would. */
async function startSession(storage: IndexedDBStorage, user: string): Promise<ReviewSession> {
  const now = Date.now();
  const { session } = await storage.createSession({
    id: uuidv7(now),
    userId: user,
    deckId: unique('deck'),
    itemIds: ['a', 'b', 'c'],
    mode: 'grade',
    status: 'active',
    startedAt: now,
    lastActivityAt: now,
    endedAt: null,
  });
  return session;
}

/** Records an answer to `itemId` in `session`, through storage (it queues itself). */
async function answer(storage: IndexedDBStorage, session: ReviewSession, itemId: string): Promise<void> {
  const deviceId = await storage.getDeviceId();
  await storage.recordAnswer({ id: uuidv7(), sessionId: session.id, userId: session.userId, itemId, deviceId, answeredAt: Date.now(), rating: 3, correct: true, responseTimeMs: 900 });
}

describe('<sync-indicator> loading', () => {
  it('shows the stored counts before the engine is fetched, then takes the engine once the page is idle', async () => {
    // Two answers (and their session) queued by an earlier page, through storage alone.
    const user = unique('u');
    const dbName = unique('db');
    const storage = new IndexedDBStorage({ dbName });
    await storage.initialize();
    const session = await startSession(storage, user);
    await answer(storage, session, 'a');
    await answer(storage, session, 'b');
    storage.close();

    // Every value `state` takes, from before the element exists.
    const host = await fixture<HTMLDivElement>('<div></div>');
    const states: Array<string | null> = [];
    const watch = new MutationObserver((records) => states.push(...records.map((record) => record.oldValue)));
    watch.observe(host, { subtree: true, attributeFilter: ['state'], attributeOldValue: true });
    host.innerHTML = `<sync-indicator user="${user}" db-name="${dbName}" api-base="/no-such-api"></sync-indicator>`;
    const el = host.querySelector('sync-indicator') as SyncIndicatorElement;
    await el.updateComplete;
    // The first paint comes before the count: it says nothing (no state, busy), and nothing of the engine was asked for.
    expect(el.state).to.equal(null);
    expect(el.hasAttribute('state')).to.equal(false);
    expect(el.hasAttribute('pending')).to.equal(false);
    expect(el.shadowRoot!.querySelector('[part~="status"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(engineModules()).to.deep.equal([]);
    await waitUntil(() => el.pending === 2, 'the stored answers are counted');
    expect(el.getAttribute('state')).to.equal('syncing');
    await expect(el).shadowDom.to.be.accessible();

    await waitUntil(() => engineModules().length === 2, 'the engine is loaded once the page is idle');
    // A third answer, then the engine recounts: only the engine's state (the first count is read once) shows it.
    const { OfflineReview } = await import('../../src/index.js');
    const engine = OfflineReview.for({ userId: user, dbName, apiBase: '/no-such-api' });
    const again = new IndexedDBStorage({ dbName });
    await again.initialize();
    await answer(again, session, 'c');
    again.close();
    await engine.refresh();
    await waitUntil(() => el.pending === 3, "the engine's count is shown");
    watch.disconnect();
    // Never "synced" over the answers waiting, nor a blank when the engine took over before its first count.
    expect([...states, el.getAttribute('state')]).to.deep.equal([null, 'syncing']);
  });

  it("gives a page script's engine, made before the indicator's engine chunk, the tag's CSRF header", async function () {
    this.timeout(90_000);
    await api.warm();
    // The site's CSRF check, as csrf.test.ts: pushes without the header are refused (403).
    await api.fault({ match: '/sync', mode: 'status', status: 403, unlessHeader: 'x-csrftoken' });
    document.cookie = 'csrftoken=indicator-token; path=/';
    const user = unique('u');
    const dbName = unique('db');
    signIn(user);
    const { OfflineReview } = await import('../../src/index.js');
    const el = document.createElement('sync-indicator') as SyncIndicatorElement;
    for (const [name, value] of Object.entries({ user, 'db-name': dbName, 'csrf-header': 'X-CSRFToken', 'csrf-cookie': 'csrftoken' })) el.setAttribute(name, value);
    document.body.append(el);
    // The page's script asks in the same task: the indicator has not even painted, let alone loaded the engine's controller.
    const engine = OfflineReview.for({ userId: user, dbName });
    try {
      await engine.ready;
      const { session } = await engine.startSession({ deckId: unique('deck'), itemIds: ['a'], mode: 'grade' });
      const answer = await engine.recordAnswer({ sessionId: session.id, itemId: 'a', rating: 3, responseTimeMs: 300 });
      await engine.sync();
      expect(engine.state.lastError).to.equal(null);
      expect(engine.state.pending).to.equal(0);
      expect((await api.serverState(user)).answers.map((stored) => stored.id)).to.deep.equal([answer.id]);
      const accepted = (await pushes()).filter((entry) => entry.status === 200);
      expect(accepted.at(-1)?.headers?.['x-csrftoken']).to.equal('indicator-token');
      // The indicator takes that engine when its chunk arrives (the stored counts know no sync time).
      const synced = engine.state.lastSyncedAt;
      expect(synced).to.not.equal(null);
      await waitUntil(() => el.syncState?.lastSyncedAt === synced, "the indicator shows the script's engine");
    } finally {
      engine.close();
      el.remove();
      document.cookie = 'csrftoken=; path=/; max-age=0';
      await api.clear();
    }
  });
});
