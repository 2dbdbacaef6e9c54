// The sync code as a chunk of its own (src/sync/sync-runtime.ts): the queue's state, counts and
// triggers work before it is loaded, the first drain at start waits for an idle moment and
// sends everything once, and a chunk that cannot be loaded leaves the queue as it was.
import { expect } from '@open-wc/testing';
import { OfflineReview } from '../../../src/engine.js';
import type { SyncRuntimeModule } from '../../../src/sync/sync-options.js';
import type { AnswerRecord } from '../../../src/types.js';
import { api, signIn, unique } from '../../support/server.js';
import { waitUntil } from '../../support/until.js';
import { pushedIds, queueEntries, queueFixture, recordAnswers, stateWhere, useQueueSuite } from './queue-fixture.js';

/** A loader of the real chunk that counts its calls and waits for `release()` before loading. */
function heldLoader(): { load: () => Promise<SyncRuntimeModule>; calls: () => number; release: () => void } {
  let calls = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    load: async () => {
      calls += 1;
      await released;
      return import('../../../src/sync/sync-runtime.js');
    },
    calls: () => calls,
    release,
  };
}

/** Every queued mutation was pushed once (`count` of them, no id twice) and the server holds exactly `answers`. */
async function sentOnce(user: string, answers: AnswerRecord[], count: number): Promise<void> {
  const sent = await pushedIds();
  expect(sent).to.have.length(count);
  expect(new Set(sent).size).to.equal(count);
  const server = await api.serverState(user);
  expect(server.answers.map((a) => a.id).sort()).to.deep.equal(answers.map((a) => a.id).sort());
}

describe('SyncQueue: the sync chunk', () => {
  useQueueSuite();
  const engines: OfflineReview[] = [];
  afterEach(() => {
    for (const engine of engines.splice(0)) engine.close();
  });

  it('counts and reports writes before the chunk is loaded, then sends each once', async () => {
    const loader = heldLoader();
    const fixture = await queueFixture({ loadRuntime: loader.load });
    const { answers } = await recordAnswers(fixture, 3);
    await fixture.queue.notifyWrite();
    expect(fixture.queue.state.pending).to.equal(4);
    expect(loader.calls()).to.equal(0);
    const drained = fixture.queue.process();
    expect(loader.calls()).to.equal(1);
    // Held: nothing is sent, and the state still answers.
    expect(fixture.queue.state.pending).to.equal(4);
    expect(await pushedIds()).to.deep.equal([]);
    loader.release();
    await drained;
    expect(fixture.queue.state.pending).to.equal(0);
    await sentOnce(fixture.user, answers, 4);
    expect(await queueEntries(fixture.dbName)).to.have.length(0);
  });

  it('starts the first drain at an idle moment after startAutoSync, not at once', async () => {
    const loader = heldLoader();
    const fixture = await queueFixture({ loadRuntime: loader.load });
    await recordAnswers(fixture, 2);
    await fixture.queue.refresh();
    fixture.queue.startAutoSync(0);
    // Still in the caller's task: a drain started at once would have asked for the chunk.
    expect(loader.calls()).to.equal(0);
    loader.release();
    await stateWhere(fixture.queue, (state) => state.pending === 0 && state.lastSyncedAt !== null);
    expect(loader.calls()).to.equal(1);
    expect(await pushedIds()).to.have.length(3);
  });

  it('keeps the queue when the chunk cannot be loaded, says so as a network failure, and loads it again', async () => {
    let calls = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const load = async (): Promise<SyncRuntimeModule> => {
      calls += 1;
      if (calls === 1) throw new TypeError('Failed to fetch dynamically imported module');
      await released;
      return import('../../../src/sync/sync-runtime.js');
    };
    const fixture = await queueFixture({ loadRuntime: load });
    const { answers } = await recordAnswers(fixture, 2);
    await fixture.queue.refresh();
    await fixture.queue.process();
    const failed = fixture.queue.state;
    expect(failed.lastError?.code).to.equal('network');
    expect(failed.lastError?.kind).to.equal('unreachable');
    expect(failed.pending).to.equal(3);
    // The retry the failure scheduled asks for the chunk again; held, the queue is as it was.
    await waitUntil(() => calls === 2, 'a retry loads the chunk again');
    expect(await queueEntries(fixture.dbName)).to.have.length(3);
    expect(await fixture.storage.listDeadLetters(fixture.user)).to.have.length(0);
    expect(await pushedIds()).to.deep.equal([]);
    release();
    await stateWhere(fixture.queue, (state) => state.pending === 0 && state.lastError === null);
    expect(calls).to.equal(2);
    await sentOnce(fixture.user, answers, 3);
  });

  it('lists dead letters and pulls through the chunk', async () => {
    const fixture = await queueFixture();
    expect(await fixture.queue.listDeadLetters()).to.deep.equal([]);
    await fixture.queue.pull();
    await fixture.queue.discardDeadLetters();
    expect(fixture.queue.state.deadLetters).to.equal(0);
  });

  it('records an answer and shows it pending while the engine\'s sync chunk is held', async () => {
    const loader = heldLoader();
    const userId = unique('u');
    signIn(userId);
    const engine = OfflineReview.for({ userId, dbName: unique('db'), syncTuning: { backoffBaseMs: 5, backoffCapMs: 40, writeDebounceMs: 0, loadRuntime: loader.load } });
    engines.push(engine);
    await engine.ready;
    // Ready, with auto sync on: the first drain waits for an idle moment, so nothing was asked yet.
    expect(loader.calls()).to.equal(0);
    const { session } = await engine.startSession({ deckId: 'jp', itemIds: ['neko'], mode: 'grade' });
    const answer = await engine.recordAnswer({ sessionId: session.id, itemId: 'neko', rating: 3, responseTimeMs: 900 });
    await stateWhere(engine, (state) => state.pending === 2);
    await waitUntil(() => loader.calls() === 1, 'the first drain asks for the chunk');
    expect(engine.state.pending).to.equal(2);
    loader.release();
    await stateWhere(engine, (state) => state.pending === 0);
    const server = await api.serverState(userId);
    expect(server.answers.map((a) => a.id)).to.deep.equal([answer.id]);
  });

  it('refuses a bad request timeout when the engine is made, before the client is loaded', () => {
    expect(() => new OfflineReview({ userId: unique('u'), timeoutMs: -1 })).to.throw().with.property('code', 'invalid-input');
  });
});
