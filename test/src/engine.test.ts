import { expect, oneEvent } from '@open-wc/testing';
import { OfflineReview, type OfflineReviewOptions } from '../../src/engine.js';
import { encodeHlc } from '../../src/hlc.js';
import { uuidv7 } from '../../src/ids.js';
import { MetaKey } from '../../src/storage/meta-keys.js';
import type { SyncState } from '../../src/sync/sync-state.js';
import type { AnswerRecord, ReviewableContent, ReviewSession } from '../../src/types.js';
import { api, signIn, unique } from '../support/server.js';
import { stateWhere } from './sync/queue-fixture.js';
import { reviewRejection } from '../support/rejection.js';
import { closeEngineStorages, storageOf } from './engine-storage.js';
import { useEngineSuite } from './engine-suite.js';

const ITEMS: ReviewableContent[] = [
  { id: 'neko', contentType: 'vocab', prompt: '猫', answer: 'cat', version: 1 },
  { id: 'inu', contentType: 'vocab', prompt: '犬', answer: 'dog', version: 1 },
  { id: 'tori', contentType: 'vocab', prompt: '鳥', answer: 'bird', version: 1 },
];

const engines: OfflineReview[] = [];

/** A signed-in user with a fresh database; no auto sync unless asked. */
function makeEngine(options: Partial<OfflineReviewOptions> = {}): OfflineReview {
  const userId = options.userId ?? unique('u');
  signIn(userId);
  const engine = OfflineReview.for({
    userId,
    dbName: unique('db'),
    autoSync: false,
    syncTuning: { backoffBaseMs: 5, backoffCapMs: 40, writeDebounceMs: 0 },
    ...options,
  });
  engines.push(engine);
  return engine;
}

describe('OfflineReview', () => {
  useEngineSuite(() => {
    for (const engine of engines.splice(0)) engine.close();
    closeEngineStorages();
  });

  it('keeps one engine per database and user', async () => {
    const engine = makeEngine();
    expect(OfflineReview.for({ userId: engine.userId, dbName: engine.dbName })).to.equal(engine);
    const other = OfflineReview.for({ userId: `${engine.userId}-b`, dbName: engine.dbName, autoSync: false });
    engines.push(other);
    expect(other).not.to.equal(engine);
    engine.close();
    expect(engine.closed).to.equal(true);
    const again = OfflineReview.for({ userId: engine.userId, dbName: engine.dbName, autoSync: false });
    engines.push(again);
    expect(again).not.to.equal(engine);
    expect(() => OfflineReview.for({ userId: '' })).to.throw().with.property('code', 'invalid-input');
  });

  it('stores the config the service worker needs', async () => {
    const engine = makeEngine({ apiBase: '/api/review' });
    await engine.ready;
    expect(await storageOf(engine).getMeta(MetaKey.Config)).to.deep.equal({
      apiBase: '/api/review',
      userId: engine.userId,
      dbName: engine.dbName,
    });
    expect(engine.state).to.include({ pending: 0, syncing: false, paused: false, updateAvailable: false });
    await engine.signOut();
    expect(engine.closed).to.equal(true);
  });

  it('starts, resumes, records and completes a session, and the server ends up with it', async () => {
    const engine = makeEngine();
    await engine.loadContent(ITEMS);
    const itemIds = ITEMS.map((item) => item.id);
    const { session, answers } = await engine.startSession({ deckId: 'jp', itemIds, mode: 'grade' });
    expect(session).to.include({ userId: engine.userId, deckId: 'jp', status: 'active', mode: 'grade' });
    expect(answers).to.deep.equal([]);

    const wrong = await engine.recordAnswer({ sessionId: session.id, itemId: 'neko', rating: 1, responseTimeMs: 1500 });
    const right = await engine.recordAnswer({ sessionId: session.id, itemId: 'inu', rating: 3, responseTimeMs: 900 });
    expect(wrong).to.include({ correct: false, rating: 1, userId: engine.userId, deviceId: await storageOf(engine).getDeviceId() });
    expect(right.correct).to.equal(true);
    expect(right.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);

    // A reload: the same deck resumes the same session with its answers.
    const resumed = await engine.startSession({ deckId: 'jp', itemIds, mode: 'grade' });
    expect(resumed.session.id).to.equal(session.id);
    expect(resumed.answers.map((a) => a.id).sort()).to.deep.equal([wrong.id, right.id].sort());

    const stats = await engine.getStatistics(session.id);
    expect(stats).to.include({ answered: 2, correct: 1, totalResponseTimeMs: 2400 });
    const completed = await engine.completeSession(session.id);
    expect(completed.status).to.equal('completed');
    expect(completed.endedAt).to.be.a('number');

    // The count follows the writes without holding them up.
    await stateWhere(engine, (state) => state.pending === 4);
    await engine.sync();
    expect(engine.state).to.include({ pending: 0, deadLetters: 0 });
    const server = await api.serverState(engine.userId);
    expect(server.answers.map((a) => a.id).sort()).to.deep.equal([wrong.id, right.id].sort());
    expect(server.sessions.map((s) => [s.id, s.status])).to.deep.equal([[session.id, 'completed']]);

    // A completed session is not resumed.
    const next = await engine.startSession({ deckId: 'jp', itemIds, mode: 'grade' });
    expect(next.session.id).not.to.equal(session.id);
  });

  it('records typed answers and refuses invalid ones with invalid-input', async () => {
    const engine = makeEngine();
    const { session } = await engine.startSession({ deckId: 'typed', itemIds: ['neko'], mode: 'typed' });
    const typed = await engine.recordAnswer({ sessionId: session.id, itemId: 'neko', correct: true, typedAnswer: 'cat', responseTimeMs: 2000.4 });
    expect(typed).to.include({ correct: true, typedAnswer: 'cat', responseTimeMs: 2000 });
    expect(typed).not.to.have.property('rating');
    const base = { sessionId: session.id, itemId: 'neko', responseTimeMs: 1 };
    for (const input of [
      { ...base },
      { ...base, rating: 7 },
      { ...base, rating: 2, responseTimeMs: -1 },
      { ...base, sessionId: '', rating: 2 },
      { ...base, itemId: '', rating: 2 },
      { ...base, correct: 'yes' },
      { ...base, correct: true, typedAnswer: 5 },
    ]) {
      expect((await reviewRejection(engine.recordAnswer(input as never))).code, JSON.stringify(input)).to.equal('invalid-input');
    }
    expect((await reviewRejection(engine.recordAnswer({ ...base, sessionId: uuidv7(), rating: 3 }))).code).to.equal('not-found');
  });

  it('drains by itself after a write when auto sync is on', async () => {
    const engine = makeEngine({ autoSync: true });
    await engine.ready;
    const { session } = await engine.startSession({ deckId: 'auto', itemIds: ['neko'], mode: 'grade' });
    await engine.recordAnswer({ sessionId: session.id, itemId: 'neko', rating: 4, responseTimeMs: 700 });
    for (;;) {
      const event = (await oneEvent(engine, 'sync-complete')) as CustomEvent<SyncState>;
      if (event.detail.pending === 0) break;
    }
    expect((await api.serverState(engine.userId)).answers).to.have.length(1);
  });

  it('pulls and merges another device\'s answers', async () => {
    const engine = makeEngine();
    await engine.ready;
    const now = Date.now();
    const session: ReviewSession = {
      id: uuidv7(now),
      userId: engine.userId,
      deckId: 'elsewhere',
      itemIds: ['neko', 'inu'],
      mode: 'grade',
      status: 'active',
      statusHlc: encodeHlc({ wall: now, counter: 0, node: 'other-device' }),
      startedAt: now,
      lastActivityAt: now,
      endedAt: null,
      deviceId: 'other-device',
    };
    const answers: AnswerRecord[] = ['neko', 'inu'].map((itemId, i) => ({
      id: uuidv7(now + i),
      sessionId: session.id,
      userId: engine.userId,
      itemId,
      deviceId: 'other-device',
      answeredAt: now + i,
      rating: 3,
      correct: true,
      responseTimeMs: 800,
    }));
    const mutation = (type: 'session' | 'answer', data: unknown, i: number) => ({
      id: uuidv7(now + i),
      type,
      action: 'create',
      data,
      hlc: encodeHlc({ wall: now, counter: i, node: 'other-device' }),
      clientTimestamp: now,
    });
    // The other device pushes straight to the server.
    const response = await fetch('/api/review/sync', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        protocol: 1,
        clientId: 'other-device',
        mutations: [mutation('session', session, 0), ...answers.map((a, i) => mutation('answer', a, i + 1))],
      }),
    });
    expect(response.status).to.equal(200);

    await engine.pull();
    const local = await engine.getSessionAnswers(session.id);
    expect(local.map((a) => a.id).sort()).to.deep.equal(answers.map((a) => a.id).sort());
    expect((await storageOf(engine).getSession(session.id))?.deckId).to.equal('elsewhere');
    const progress = await engine.getProgress(['neko']);
    expect(progress[0]).to.include({ reviewCount: 1, correctCount: 1 });
    expect(await storageOf(engine).getPullCursor(engine.userId)).to.be.a('string');
    // Pulling again changes nothing.
    await engine.pull();
    expect(await engine.getSessionAnswers(session.id)).to.have.length(2);
  });

  it('forwards auth-required and rejects a pull with the client error code', async () => {
    const engine = makeEngine();
    await engine.ready;
    await api.fault({ mode: 'status', status: 401 });
    expect((await reviewRejection(engine.pull())).code).to.equal('auth-required');
    const { session } = await engine.startSession({ deckId: 'auth', itemIds: ['neko'], mode: 'grade' });
    expect(session.status).to.equal('active');
    const auth = oneEvent(engine, 'auth-required');
    await engine.sync();
    await auth;
    expect(engine.state.paused).to.equal(true);
  });

  it('offers a waiting update and applies it once', async () => {
    const engine = makeEngine();
    await engine.applyUpdate(); // nothing waits: a no-op
    let applied = 0;
    const offered = oneEvent(engine, 'update-available');
    const changed = oneEvent(engine, 'state-change');
    engine.notifyUpdateAvailable(() => {
      applied += 1;
    });
    await offered;
    expect(((await changed) as CustomEvent<SyncState>).detail.updateAvailable).to.equal(true);
    expect(engine.state.updateAvailable).to.equal(true);
    await engine.applyUpdate();
    await engine.applyUpdate();
    expect(applied).to.equal(1);
    expect(engine.state.updateAvailable).to.equal(false);
  });
});
