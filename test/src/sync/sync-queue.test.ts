import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../support/until.js';
import type { SyncState } from '../../../src/sync/sync-state.js';
import { api } from '../../support/server.js';
import { pushedIds, pushes, queueEntries, queueFixture, recordAnswers, secondDevice, stateWhere, useQueueSuite } from './queue-fixture.js';

describe('SyncQueue: delivery', () => {
  useQueueSuite();

  it('sends everything when online, and the server holds exactly the answers', async () => {
    const fixture = await queueFixture();
    const { answers } = await recordAnswers(fixture, 3);
    await fixture.queue.refresh();
    expect(fixture.queue.state.pending).to.equal(4);
    const complete = oneEvent(fixture.queue, 'sync-complete');
    await fixture.queue.process();
    const detail = ((await complete) as CustomEvent<SyncState>).detail;
    expect(detail.pending).to.equal(0);
    expect(detail.sent).to.equal(4);
    expect(detail.total).to.equal(4);
    expect(detail.lastSyncedAt).to.be.a('number');
    expect(detail.lastError).to.equal(null);
    expect(await queueEntries(fixture.dbName)).to.have.length(0);
    const server = await api.serverState(fixture.user);
    expect(server.answers.map((a) => a.id).sort()).to.deep.equal(answers.map((a) => a.id).sort());
    expect(server.sessions).to.have.length(1);
  });

  it('reports progress as "sent of total" while it drains', async () => {
    const fixture = await queueFixture({ batchSize: 2 });
    await recordAnswers(fixture, 5);
    const seen: Array<[number, number]> = [];
    fixture.queue.addEventListener('state-change', (event) => {
      const { sent, total, syncing } = (event as CustomEvent<SyncState>).detail;
      if (syncing) seen.push([sent, total]);
    });
    await fixture.queue.process();
    expect(seen).to.deep.include.members([
      [2, 6],
      [4, 6],
      [6, 6],
    ]);
    expect(fixture.queue.state.syncing).to.equal(false);
  });

  it('queues while offline and dead-letters nothing however many attempts fail', async () => {
    const fixture = await queueFixture();
    const { answers } = await recordAnswers(fixture, 3);
    await api.fault({ mode: 'down' });
    await fixture.queue.process();
    expect(fixture.queue.state.lastError?.code).to.equal('network');
    expect(fixture.queue.state.pending).to.equal(4);
    // The queue retries on its own (small backoff in tests): wait for many failed attempts.
    await waitUntil(async () => (await pushes()).length >= 12, 'twelve failed pushes', { timeout: 15_000 });
    const entries = await queueEntries(fixture.dbName);
    expect(entries).to.have.length(4);
    expect(entries.every((entry) => entry.retryCount === 0)).to.equal(true);
    expect(entries.every((entry) => entry.lastError?.code === 'network')).to.equal(true);
    expect(await fixture.storage.listDeadLetters(fixture.user)).to.have.length(0);
    expect(fixture.queue.state.deadLetters).to.equal(0);

    await api.clear();
    await stateWhere(fixture.queue, (state) => state.pending === 0 && state.lastError === null);
    const server = await api.serverState(fixture.user);
    expect(server.answers.map((a) => a.id).sort()).to.deep.equal(answers.map((a) => a.id).sort());
  });

  it('re-sends a push whose answer was lost after the server committed it, and the server keeps each answer once', async () => {
    const fixture = await queueFixture();
    const { answers } = await recordAnswers(fixture, 5);
    const kept = await queueEntries(fixture.dbName);
    // Twice: Chromium itself re-sends a POST once when a reused connection closes without an
    // answer, so the second drop is the one the queue sees (as `network`).
    await api.fault({ match: '/sync', mode: 'commit-then-drop', times: 2 });
    await fixture.queue.process();
    await stateWhere(fixture.queue, (state) => state.pending === 0 && !state.syncing);

    const sent = await pushes();
    expect(sent.length).to.be.at.least(2);
    expect(sent[0]!.fault).to.equal('commit-then-drop');
    expect(sent.at(-1)!.fault).to.equal(null);
    for (const push of sent) expect(push.mutationIds).to.deep.equal(kept.map((e) => e.mutation.id));
    const server = await api.serverState(fixture.user);
    expect(server.answers).to.have.length(5);
    expect(new Set(server.answers.map((a) => a.id)).size).to.equal(5);
    expect(server.answers.map((a) => a.id).sort()).to.deep.equal(answers.map((a) => a.id).sort());
    // The server knows every one of these mutation ids: a re-send is `duplicate`, not applied.
    const again = await fixture.client.push({ clientId: 'probe', mutations: kept.map((e) => e.mutation) });
    expect(again.results.map((r) => r.status)).to.deep.equal(Array(6).fill('duplicate'));
  });

  it('holds one batch at most: a long queue goes out in batches of batchSize, FIFO', async () => {
    const fixture = await queueFixture({ batchSize: 200 });
    const { session, answers } = await recordAnswers(fixture, 450);
    await fixture.queue.process();
    const sizes = (await pushes()).map((entry) => entry.mutationIds?.length);
    expect(sizes).to.deep.equal([200, 200, 51]);
    expect(await pushedIds()).to.have.length(451);
    const server = await api.serverState(fixture.user);
    expect(server.answers).to.have.length(450);
    expect(server.sessions.map((s) => s.id)).to.deep.equal([session.id]);
    expect(answers).to.have.length(450);
  });

  it('limits a batch by bytes as well as by count', async () => {
    const fixture = await queueFixture({ maxBatchBytes: 1500 });
    await recordAnswers(fixture, 8);
    const entries = await queueEntries(fixture.dbName);
    await fixture.queue.process();
    for (const entry of await pushes()) {
      const ids = entry.mutationIds ?? [];
      const bytes = entries.filter((e) => ids.includes(e.mutation.id)).reduce((sum, e) => sum + e.bytes, 0);
      expect(ids.length === 1 || bytes <= 1500, `batch of ${ids.length}, ${bytes} bytes`).to.equal(true);
    }
    expect((await pushes()).length).to.be.greaterThan(1);
    expect(fixture.queue.state.pending).to.equal(0);
  });

  it('sends only the signed-in user\'s entries', async () => {
    const fixture = await queueFixture();
    await recordAnswers(fixture, 2);
    const other = { storage: fixture.storage, user: `${fixture.user}-other` };
    await recordAnswers(other, 2);
    await fixture.queue.process();
    expect(await pushedIds()).to.have.length(3);
    expect(fixture.queue.state.pending).to.equal(0);
    expect(await fixture.storage.countQueue(other.user)).to.equal(3);
  });

  it('takes the counts a write made in its own transaction as they are, and counts again without them', async () => {
    const fixture = await queueFixture();
    await recordAnswers(fixture, 2);
    // What an answer's transaction counted (answer-store.ts) is taken without reading the queue:
    // these counts are not the stored ones (3 entries, 2 answers), so a recount would show.
    await fixture.queue.notifyWrite({ pending: 9, answers: 7 });
    expect(fixture.queue.state).to.include({ counted: true, pending: 9, pendingAnswers: 7 });
    await fixture.queue.notifyWrite();
    expect(fixture.queue.state).to.include({ pending: 3, pendingAnswers: 2 });
  });

  it('adds a mutation that no user action made, and sends it', async () => {
    const fixture = await queueFixture();
    const { session } = await recordAnswers(fixture, 1);
    const mutation = await fixture.queue.add({ type: 'statistics', action: 'update', data: { sessionId: session.id } }, session.id);
    expect(mutation.hlc).to.be.a('string');
    expect(fixture.queue.state.pending).to.equal(3);
    await fixture.queue.process();
    expect(await pushedIds()).to.include(mutation.id);
    expect(fixture.queue.state.pending).to.equal(0);
  });

  it('pulls page by page until the server has no more, and merges each page', async () => {
    const writer = await queueFixture();
    const { answers } = await recordAnswers(writer, 5);
    await writer.queue.process();
    // A second device of the same user: an empty database that pulls two changes at a time.
    const device = await secondDevice(writer.user, { pullLimit: 2 });
    await api.log({ clear: true });
    await device.queue.pull();
    const pulls = (await api.log()).filter((e) => e.path.endsWith('/changes'));
    expect(pulls.length).to.be.at.least(3);
    expect(pulls.every((e) => /limit=2/.test(e.query))).to.equal(true);
    const sessionId = answers[0]!.sessionId;
    const local = await device.storage.getSessionAnswers(sessionId);
    expect(local.map((a) => a.id).sort()).to.deep.equal(answers.map((a) => a.id).sort());
    expect(await device.storage.getPullCursor(writer.user)).to.be.a('string');
  });

  it('ends a drain that storage fails without rejecting, and says why', async () => {
    const fixture = await queueFixture();
    await recordAnswers(fixture, 1);
    fixture.storage.close();
    await fixture.queue.process();
    expect(fixture.queue.state.syncing).to.equal(false);
    expect(await pushes()).to.deep.equal([]);
  });

  it('refuses to add a mutation without a valid id', async () => {
    const fixture = await queueFixture();
    const error = await fixture.queue.add({ id: 'not-a-uuid', type: 'progress', action: 'update', data: {} }).then(
      () => null,
      (e: { code?: string }) => e,
    );
    expect(error?.code).to.equal('invalid-input');
    expect(await fixture.storage.countQueue(fixture.user)).to.equal(0);
  });
});
