// The worker signs in with the site's token URL too (the engine stores it in the configuration),
// so Background Sync keeps sending when the site authenticates with tokens rather than cookies.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import { OfflineReview } from '../../src/index.js';
import { api, pushes, signIn, signOut, unique } from '../support/server.js';
import { registerWorker, useWorkerSuite, workerDrain } from './sw-support.js';
import { queueEntries } from '../src/sync/queue-fixture.js';

describe('service worker: tokens', () => {
  useWorkerSuite();
  let engine: OfflineReview | null = null;
  afterEach(() => engine?.close());

  it('fetches a token from the site\'s token URL and sends with it on a Background Sync (a page\'s ask without one)', async () => {
    const userId = unique('u');
    signIn(userId);
    engine = OfflineReview.for({ userId, dbName: unique('db'), autoSync: false, tokenUrl: '/test/token' });
    await engine.ready;
    await registerWorker({ db: engine.dbName });
    await api.fault({ match: '/sync', mode: 'down' });
    const { session } = await engine.startSession({ deckId: 'deck', itemIds: ['a'], mode: 'grade' });
    const answer = await engine.recordAnswer({ sessionId: session.id, itemId: 'a', rating: 3, responseTimeMs: 300 });
    await engine.sync();
    // Pending is recounted at the next idle moment after a write (2 s at most), not at once.
    await waitUntil(() => engine!.state.pending > 0, 'the answer was never counted as pending');
    const queued = (await queueEntries(engine.dbName)).map((entry) => entry.mutation.id);

    // No cookie the sync server could fall back on: only the token says who the learner is (the
    // site's token URL knows them from its own session).
    signOut();
    await api.clear();
    await api.tokens({ subject: userId });
    await workerDrain(engine.dbName);
    await waitUntil(async () => (await api.serverState(userId)).answers.some((entry) => entry.id === answer.id), 'the worker never sent', {
      timeout: 15_000,
    });
    // Every push of these answers the server took went with the token. Found in the whole log
    // by their mutation ids, not after a clear: Chromium may retry the failed Background Sync by
    // itself as soon as the fault is gone, before the test asks (a clean-clone run saw no push
    // after the clear), and other files' pushes share the log.
    const sent = (await pushes()).filter((entry) => entry.status === 200 && entry.mutationIds?.some((id) => queued.includes(id)));
    expect(sent.length).to.be.greaterThan(0);
    expect(sent.map((entry) => entry.headers?.authorization?.slice(0, 7))).to.deep.equal(sent.map(() => 'Bearer '));
  });
});
