// Loading: <sync-indicator> paints its state before the engine's modules are fetched (it reads
// the stored counts itself) and takes the engine once the page is loaded and idle. This file
// imports the indicator's module alone (not the test helpers, which import the engine) and
// watches the page's resource entries.
import { expect, fixture } from '@open-wc/testing';
import { SyncIndicatorElement } from '../../components/sync-indicator/sync-indicator.js';
import { IndexedDBStorage } from '../../src/storage/indexeddb-storage.js';
import { uuidv7 } from '../../src/ids.js';
import type { ReviewSession } from '../../src/types.js';
import { unique } from '../support/server.js';
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

    const el = await fixture<SyncIndicatorElement>(`<sync-indicator user="${user}" db-name="${dbName}" api-base="/no-such-api"></sync-indicator>`);
    // The first paint has a state, and nothing of the engine was asked for.
    expect(el.getAttribute('state')).to.equal('synced');
    expect(engineModules()).to.deep.equal([]);
    await waitUntil(() => el.pending === 2, 'the stored answers are counted');
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
  });
});
