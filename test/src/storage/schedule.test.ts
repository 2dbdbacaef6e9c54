import { expect } from '@open-wc/testing';
import { deriveProgress, deriveSessionStatistics } from '../../../src/merge/derive.js';
import { defaultSchedulerParameters, deriveCardState, localLearnerDay, normalizeSchedulerParameters } from '../../../src/scheduler/index.js';
import { DB_VERSION } from '../../../src/storage/connect.js';
import type { AnswerRecord, QueueEntry } from '../../../src/types.js';
import { isOfflineReviewError } from '../../../src/errors.js';
import { rejection } from '../../support/rejection.js';
import { unique } from '../../support/server.js';
import { cleanupStorages, makeStorage, newAnswer, newSession } from './helpers.js';

const HOUR = 3_600_000;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** A database at version 2 exactly as that release made it, holding `answers` and their queue entries. */
async function createV2(name: string, answers: AnswerRecord[]): Promise<void> {
  const open = indexedDB.open(name, 2);
  open.onupgradeneeded = () => {
    const db = open.result;
    const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
    for (const index of ['userId', 'status', 'startedAt']) sessions.createIndex(index, index, { unique: false });
    sessions.createIndex('userDeck', ['userId', 'deckId'], { unique: false });
    const content = db.createObjectStore('content', { keyPath: 'id' });
    content.createIndex('contentType', 'contentType', { unique: false });
    content.createIndex('lastAccessed', 'lastAccessed', { unique: false });
    db.createObjectStore('statistics', { keyPath: 'sessionId' }).createIndex('userId', 'userId', { unique: false });
    const store = db.createObjectStore('answers', { keyPath: 'id' });
    store.createIndex('sessionId', 'sessionId', { unique: false });
    store.createIndex('userItem', ['userId', 'itemId'], { unique: false });
    db.createObjectStore('progress', { keyPath: ['userId', 'itemId'] }).createIndex('userId', 'userId', { unique: false });
    const dead = db.createObjectStore('deadLetters', { keyPath: 'id' });
    dead.createIndex('userId', 'userId', { unique: false });
    dead.createIndex('sessionId', 'sessionId', { unique: false });
    db.createObjectStore('meta').put('device-v2', 'deviceId');
    const queue = db.createObjectStore('syncQueue', { keyPath: 'seq', autoIncrement: true });
    for (const index of ['userId', 'sessionId', 'status']) queue.createIndex(index, index, { unique: false });
    for (const answer of answers) {
      store.put(answer);
      const mutation = { id: `m-${answer.id}`, type: 'answer', action: 'create', data: answer, hlc: '001732470000000:00000:device-v2', clientTimestamp: answer.answeredAt };
      const entry: QueueEntry = { userId: answer.userId, mutation: mutation as QueueEntry['mutation'], status: 'pending', leaseUntil: 0, retryCount: 0, nextAttemptAt: 0, bytes: 100, createdAt: answer.answeredAt, sessionId: answer.sessionId };
      queue.add(entry);
    }
  };
  (await request(open)).close();
}

describe('card states and undo on the device', () => {
  afterEach(cleanupStorages);

  it('upgrades a version 2 database holding unsynced answers: every card state is derived from them, nothing unsent is lost', async () => {
    const name = unique('v2');
    const session = { id: 's1', userId: unique('u') };
    const t = Date.UTC(2026, 0, 10, 9);
    const answers = [
      newAnswer(session, { itemId: 'neko', answeredAt: t, rating: 3 }),
      newAnswer(session, { itemId: 'neko', answeredAt: t + 10 * 60_000, rating: 3 }),
      newAnswer(session, { itemId: 'inu', answeredAt: t + HOUR, rating: 1, correct: false }),
      newAnswer({ id: 's2', userId: unique('v') }, { itemId: 'neko', answeredAt: t, rating: 4 }),
    ];
    await createV2(name, answers);
    const storage = makeStorage({ dbName: name });
    await storage.initialize();
    expect((await storage.db()).version).to.equal(DB_VERSION);
    expect(await storage.countQueue()).to.equal(answers.length);
    const day = localLearnerDay();
    for (const answer of answers) {
      const [state] = [...(await storage.cardStates(answer.userId, [answer.itemId], defaultSchedulerParameters, day)).values()];
      expect(state).to.deep.equal(deriveCardState(answer.itemId, answers.filter((a) => a.userId === answer.userId), new Set(), defaultSchedulerParameters, day));
    }
    const stored = await (await storage.db()).getAll('cardStates');
    expect(stored.map((s) => [s.userId, s.itemId]).sort()).to.deep.equal(
      [[session.userId, 'inu'], [session.userId, 'neko'], [answers[3]!.userId, 'neko']].sort(),
    );
  });

  it('derives the card state with each answer, and again for a deck with other parameters', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user));
    const first = newAnswer(session, { answeredAt: Date.now() - HOUR });
    await storage.recordAnswer(first);
    const day = localLearnerDay();
    const stored = await (await storage.db()).get('cardStates', [user, 'i1']);
    expect(stored).to.deep.include({ phase: 'learning', answerCount: 1 });
    const other = normalizeSchedulerParameters({ learningSteps: ['5m'] });
    const states = await storage.cardStates(user, ['i1', 'i2'], other, day);
    expect(states.get('i1')).to.deep.equal(deriveCardState('i1', [first], new Set(), other, day));
    expect(states.get('i2')!.phase).to.equal('new');
    // A later answer is derived with the parameters the card was last derived with.
    const second = newAnswer(session, { answeredAt: Date.now() });
    await storage.recordAnswer(second);
    expect((await storage.cardStates(user, ['i1'], other, day)).get('i1')).to.deep.equal(deriveCardState('i1', [first, second], new Set(), other, day));
  });

  it("gives back the answered card's state from the answer's own transaction: as stored, derived with the parameters asked for, undone answers left out", async () => {
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user));
    const day = localLearnerDay();
    const other = normalizeSchedulerParameters({ learningSteps: ['5m'] });
    const a1 = newAnswer(session, { answeredAt: Date.now() - 3 * HOUR, rating: 3 });
    const a2 = newAnswer(session, { answeredAt: Date.now() - 2 * HOUR, rating: 1, correct: false });
    const first = await storage.recordAnswer(a1);
    // Without parameters: the card's stored ones, the defaults for a card never answered.
    expect(first.cardState).to.deep.equal(deriveCardState('i1', [a1], new Set(), defaultSchedulerParameters, day));
    await storage.recordAnswer(a2);
    await storage.retractAnswer(user, { answerId: a2.id });
    const a3 = newAnswer(session, { answeredAt: Date.now() - HOUR, rating: 4 });
    const third = await storage.recordAnswer(a3, { params: other, day });
    const expected = deriveCardState('i1', [a1, a2, a3], new Set([a2.id]), other, day);
    expect(third.cardState).to.deep.equal(expected);
    expect(third.cardState!.answerCount).to.equal(2);
    // What a read right after finds, with no derivation: stored with that key.
    expect((await storage.cardStates(user, ['i1'], other, day)).get('i1')).to.deep.equal(expected);
    const row = (await (await storage.db()).get('cardStates', [user, 'i1']))!;
    expect(row.parametersKey).to.equal(expected.parametersKey);
    // A duplicate: the stored state when it was derived with the parameters asked for, else null.
    expect((await storage.recordAnswer(a3, { params: other, day })).cardState).to.deep.equal(expected);
    expect((await storage.recordAnswer(a3)).cardState).to.deep.equal(expected);
    const again = await storage.recordAnswer(a3, { params: defaultSchedulerParameters, day });
    expect([again.duplicate, again.cardState]).to.deep.equal([true, null]);
  });

  it('undo: a retraction in one transaction with its queue entry; counts and schedule leave the answer out; twice is a no-op', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const { session } = await storage.createSession(newSession(user));
    const a1 = newAnswer(session, { answeredAt: Date.now() - 2000 });
    const a2 = newAnswer(session, { answeredAt: Date.now() - 1000, rating: 1, correct: false });
    await storage.recordAnswer(a1);
    await storage.recordAnswer(a2);
    const undo = (await storage.retractAnswer(user, { sessionId: session.id }))!;
    expect(undo.answer.id).to.equal(a2.id);
    expect(undo.mutation).to.deep.include({ type: 'retraction', action: 'create' });
    expect(undo.retraction).to.deep.include({ answerId: a2.id, userId: user });
    expect(undo.card).to.deep.equal(deriveCardState('i1', [a1], new Set(), defaultSchedulerParameters, localLearnerDay()));
    const stats = (await storage.getStatistics(session.id))!;
    expect([stats.answered, stats.correct]).to.deep.equal([1, 1]);
    const progress = (await storage.getProgress(user, ['i1']))[0]!;
    expect(progress.reviewCount).to.equal(deriveProgress(user, 'i1', [a1]).reviewCount);
    expect(stats.totalResponseTimeMs).to.equal(deriveSessionStatistics(session.id, user, [a1]).totalResponseTimeMs);
    const queued = await storage.leaseBatch({ userId: user, maxCount: 10, maxBytes: 1e9, leaseMs: 1, now: Date.now() + 1e6 });
    expect(queued.map((e) => e.mutation.type)).to.deep.equal(['session', 'answer', 'answer', 'retraction']);
    expect((await storage.retractAnswer(user, { answerId: a2.id }))!.mutation).to.equal(null);
    expect((await storage.retractAnswer(user, { sessionId: session.id }))!.answer.id).to.equal(a1.id);
    expect(await storage.retractAnswer(user, { sessionId: session.id })).to.equal(null);
    const missing = await rejection(storage.retractAnswer(user, { answerId: 'nope' }));
    expect(isOfflineReviewError(missing, 'not-found')).to.equal(true);
    const foreign = await rejection(storage.retractAnswer(unique('v'), { answerId: a1.id }));
    expect(isOfflineReviewError(foreign, 'invalid-input')).to.equal(true);
  });

  it('pulled retractions leave the answer out, whether the answer is here already or arrives later', async () => {
    const storage = makeStorage();
    const user = unique('u');
    const session = { id: 's-remote', userId: user };
    const here = newAnswer(session, { itemId: 'neko', answeredAt: Date.now() - 5000 });
    const later = newAnswer(session, { itemId: 'inu', answeredAt: Date.now() - 4000 });
    const keep = newAnswer(session, { itemId: 'inu', answeredAt: Date.now() - 3000 });
    const undo = (answer: AnswerRecord) => ({ id: `r-${answer.id}`, answerId: answer.id, userId: user, deviceId: 'dev-b', retractedAt: Date.now() });
    await storage.applyRemoteChanges(user, { sessions: [], answers: [here, keep], progress: [] }, '1');
    await storage.applyRemoteChanges(user, { sessions: [], answers: [], progress: [], retractions: [undo(here), undo(later)] }, '2');
    await storage.applyRemoteChanges(user, { sessions: [], answers: [later], progress: [], retractions: [undo(later)] }, '3');
    const progress = await storage.getProgress(user, ['neko', 'inu']);
    expect(progress.map((p) => [p.itemId, p.reviewCount]).sort()).to.deep.equal([['inu', 1], ['neko', 0]]);
    expect((await storage.getStatistics(session.id))!.answered).to.equal(1);
    const states = await storage.cardStates(user, ['neko', 'inu'], defaultSchedulerParameters, localLearnerDay());
    expect(states.get('neko')!.phase).to.equal('new');
    expect(states.get('inu')).to.deep.equal(deriveCardState('inu', [keep], new Set(), defaultSchedulerParameters, localLearnerDay()));
    expect(await (await storage.db()).count('retractions')).to.equal(2);
  });
});
