// The worker drains the same queue with the core's own code, under the same lock: on a real
// Background Sync `sync` event (fired through CDP), on activate and when a page asks. The page
// registers Background Sync when answers wait while offline, and falls back to the queue's own
// page triggers where there is no Background Sync. In engines without it (Firefox, WebKit) the
// worker drains when a page asks, and the tests of the registration assert the fallback: what
// learners there get.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import { OfflineReview } from '../../src/index.js';
import { hasBackgroundSync, registerServiceWorker } from '../../sw/register.js';
import { api, cdp, pushedIds } from '../support/server.js';
import { activated, pageEngine, registerWorker, SCOPE, track, useWorkerSuite, workerDrain, workerUrl } from './sw-support.js';

const TAG = 'offline-review-sync';
/** A signed-in user's engine on a fresh database, with short backoffs; it drains only when told to. */
function engineFor(userId?: string, dbName?: string): Promise<OfflineReview> {
  return pageEngine({ userId, dbName, syncTuning: { backoffBaseMs: 5, backoffCapMs: 40, writeDebounceMs: 0 } });
}

/** Records `count` answers while pushes fail for lack of network; resolves their ids. */
async function answersWhileOffline(engine: OfflineReview, count: number): Promise<string[]> {
  await api.fault({ match: '/sync', mode: 'down' });
  const itemIds = Array.from({ length: count }, (_, i) => `item-${i}`);
  const { session } = await engine.startSession({ deckId: 'deck', itemIds, mode: 'grade' });
  const ids: string[] = [];
  for (const itemId of itemIds) ids.push((await engine.recordAnswer({ sessionId: session.id, itemId, rating: 3, responseTimeMs: 500 })).id);
  await engine.sync();
  expect(engine.state.pending).to.be.greaterThan(0);
  return ids;
}

/** Waits until the server holds exactly `ids` as the user's answers. */
async function serverHas(userId: string, ids: string[]): Promise<void> {
  await waitUntil(async () => (await api.serverState(userId)).answers.length >= ids.length, 'answers never reached the server', {
    timeout: 15_000,
  });
  const held = (await api.serverState(userId)).answers.map((answer) => answer.id).sort();
  expect(held).to.deep.equal([...ids].sort());
}

describe('service worker: sync', () => {
  useWorkerSuite();

  it('a real Background Sync event (a page\'s ask without one) drains the queue to the server, and the page sees it', async () => {
    const engine = await engineFor();
    await registerWorker({ db: engine.dbName });
    const ids = await answersWhileOffline(engine, 3);
    // A fresh engine with no timers: only the worker can send; this page only listens.
    engine.close();
    const watcher = await engineFor(engine.userId, engine.dbName);
    expect(watcher.state.pending).to.be.greaterThan(0);
    await api.clear();
    // Every window of the origin hears from the worker, controlled or not (this one is not).
    const told = new Promise<MessageEvent>((resolve) => {
      const listener = (event: MessageEvent): void => {
        if ((event.data as { type?: string } | null)?.type !== 'offline-review:sync-complete') return;
        navigator.serviceWorker.removeEventListener('message', listener);
        resolve(event);
      };
      navigator.serviceWorker.addEventListener('message', listener);
    });
    // Asked until it has sent, as a browser fires `sync` again: one ask may find the entries
    // still waiting out the backoff of the failed push, or the drain lock held by this page's
    // engine as it starts; the worker's drain then leaves them (a clean-clone Firefox run).
    await waitUntil(
      async () => {
        await workerDrain(engine.dbName);
        return (await api.serverState(engine.userId)).answers.length >= ids.length;
      },
      'the worker never sent the answers',
      { timeout: 15_000, interval: 500 },
    );
    await serverHas(engine.userId, ids);
    // The worker's queue told this page over the BroadcastChannel, and the worker by message.
    await waitUntil(() => watcher.state.pending === 0, 'the page never saw the worker drain');
    expect((await told).data).to.deep.include({ dbName: engine.dbName, userId: engine.userId });
  });

  it('drains on activate', async () => {
    const engine = await engineFor();
    const ids = await answersWhileOffline(engine, 2);
    engine.close();
    await api.clear();
    await registerWorker({ db: engine.dbName });
    await serverHas(engine.userId, ids);
  });

  it('drains when a page asks', async () => {
    const engine = await engineFor();
    const handle = registerServiceWorker(engine, workerUrl(), { scope: SCOPE, backgroundSync: true, reload: () => undefined });
    track(handle);
    await activated(await handle.registration);
    const ids = await answersWhileOffline(engine, 2);
    await api.clear();
    await api.log({ clear: true });
    expect(await handle.requestSync()).to.equal(true);
    await serverHas(engine.userId, ids);
  });

  it('a page drain and a worker drain started at the same moment send each mutation once', async () => {
    const engine = await engineFor();
    await registerWorker({ db: engine.dbName });
    const ids = await answersWhileOffline(engine, 20);
    // Log from here on: a retry of the page's queue may push as soon as the network is back.
    await api.log({ clear: true });
    await api.clear();
    // The first push is slow, so that whichever drainer starts second finds the first at work.
    await api.fault({ match: '/sync', mode: 'delay', delayMs: 500, times: 1 });
    await Promise.all([engine.sync(), workerDrain(engine.dbName)]);
    await serverHas(engine.userId, ids);
    await waitUntil(() => engine.state.pending === 0, 'page never saw the queue empty');
    const pushed = await pushedIds({ answered: true });
    // Every answer's mutation went once; nothing was pushed twice by the two drainers.
    expect(new Set(pushed).size).to.equal(pushed.length);
    expect(pushed.length).to.be.greaterThanOrEqual(ids.length);
  });

  it('the page registers Background Sync when answers wait while offline (without it, drains when back online)', async () => {
    const engine = await engineFor();
    const handle = registerServiceWorker(engine, workerUrl(), { scope: SCOPE, reload: () => undefined });
    track(handle);
    expect(handle.backgroundSync).to.equal(hasBackgroundSync());
    const registration = await activated(await handle.registration);
    if (!hasBackgroundSync()) {
      // What learners get there: the page's own triggers. The device goes offline for real and
      // comes back: the `online` event drains the queue (the interval, 30 s, is far off).
      await cdp.offline(true);
      let ids: string[];
      try {
        ids = await answersWhileOffline(engine, 2);
        expect(await handle.registerBackgroundSync()).to.equal(false);
        await api.clear();
      } finally {
        await cdp.offline(false);
      }
      await serverHas(engine.userId, ids);
      return;
    }
    const ids = await answersWhileOffline(engine, 2);
    const sync = (registration as ServiceWorkerRegistration & { sync: { getTags(): Promise<string[]> } }).sync;
    await waitUntil(async () => (await sync.getTags()).includes(TAG), 'no Background Sync registered');
    await api.clear();
    // The browser may already have fired the event while the network was down; the worker's
    // queue then backs off (its default, seconds), so the event is fired until it has sent.
    await waitUntil(
      async () => {
        await cdp.sync(TAG, false, SCOPE);
        return (await api.serverState(engine.userId)).answers.length === ids.length;
      },
      'the worker never sent the answers',
      { timeout: 15_000, interval: 500 },
    );
    await serverHas(engine.userId, ids);
  });

  it('without Background Sync, the queue\'s page triggers drain instead', async () => {
    const engine = await engineFor();
    const handle = registerServiceWorker(engine, workerUrl(), {
      scope: SCOPE,
      backgroundSync: false,
      fallbackIntervalMs: 50,
      reload: () => undefined,
    });
    track(handle);
    expect(handle.backgroundSync).to.equal(false);
    const registration = await activated(await handle.registration);
    const ids = await answersWhileOffline(engine, 2);
    expect(await handle.registerBackgroundSync()).to.equal(false);
    // Nothing registered, where the engine has Background Sync at all.
    const sync = (registration as ServiceWorkerRegistration & { sync?: { getTags(): Promise<string[]> } }).sync;
    const tags = async (): Promise<string[]> => (sync ? sync.getTags() : []);
    expect(await tags()).to.deep.equal([]);
    await api.clear();
    // Nothing asks the worker: the queue's interval trigger (started by the registration) sends.
    await serverHas(engine.userId, ids);
    expect(await tags()).to.deep.equal([]);
  });
});
