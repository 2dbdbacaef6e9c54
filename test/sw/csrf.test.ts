// The worker cannot read the page's CSRF token (a cookie the page reads, a meta tag): a site
// whose sync endpoint demands the header refuses the worker's pushes as a whole (403). Those
// refusals must never spend a retry nor dead-letter an answer; the page sends them with its
// header. Real worker, real Background Sync events (where the engine has them), the test server's
// CSRF check.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import { OfflineReview } from '../../src/index.js';
import { api, pushes, signIn, unique } from '../support/server.js';
import { queueEntries } from '../src/sync/queue-fixture.js';
import { registerWorker, useWorkerSuite, workerDrain } from './sw-support.js';

describe('service worker: a site with CSRF checks', () => {
  useWorkerSuite();
  let engine: OfflineReview | null = null;
  afterEach(() => engine?.close());

  it("the worker's refused pushes spend no retry and dead-letter nothing; the page sends them", async function () {
    this.timeout(90_000);
    const userId = unique('u');
    signIn(userId);
    engine = OfflineReview.for({ userId, dbName: unique('db'), autoSync: false, headers: () => ({ 'X-CSRFToken': 'page-token' }) });
    await engine.ready;
    await registerWorker({ db: engine.dbName });
    await api.fault({ match: '/sync', mode: 'down' });
    const { session } = await engine.startSession({ deckId: 'deck', itemIds: ['a', 'b'], mode: 'grade' });
    for (const itemId of ['a', 'b']) await engine.recordAnswer({ sessionId: session.id, itemId, rating: 3, responseTimeMs: 300 });
    await engine.sync();
    // No page open: the worker alone (an open page drains what the worker was refused).
    engine.close();
    await api.clear();
    await api.fault({ match: '/sync', mode: 'status', status: 403, unlessHeader: 'x-csrftoken' });
    await api.log({ clear: true });

    // Background Sync events (a page's asks where there is none) until the worker has pushed
    // twice (between two of them the entries may still wait out a backoff, and nothing is sent).
    for (let push = 1; push <= 2; push++) {
      await waitUntil(
        async () => {
          await workerDrain(engine!.dbName);
          return (await pushes()).length >= push;
        },
        `the worker never pushed (${push})`,
        { timeout: 40_000, interval: 500 },
      );
    }
    const refused = await pushes();
    expect(refused.map((entry) => [entry.status, entry.headers?.['x-csrftoken']]), JSON.stringify(refused)).to.deep.equal(refused.map(() => [403, undefined]));
    const entries = await queueEntries(engine.dbName);
    expect(entries.length).to.be.greaterThan(0);
    expect(entries.map((entry) => entry.retryCount)).to.deep.equal(entries.map(() => 0));
    // A page again, with its header: it sends them.
    engine = OfflineReview.for({ userId, dbName: engine.dbName, autoSync: false, headers: () => ({ 'X-CSRFToken': 'page-token' }) });
    await engine.ready;
    expect(engine.state.deadLetters).to.equal(0);
    // The worker may still be draining after the last push the loop above saw (its sync event
    // holds the drain lock, and a drainer that finds the lock taken skips it: src/sync/drain-lock.ts),
    // so one page drain may have nothing to do: the page drains until one of its drains sends.
    await waitUntil(
      async () => {
        await engine!.sync();
        return engine!.state.pending === 0;
      },
      'the page never sent them',
      { timeout: 40_000, interval: 500 },
    );
    expect((await api.serverState(userId)).answers).to.have.length(2);
  });
});
