// A new device catching up: pulled pages only mark the items and sessions they touched, and
// the derivation runs once afterwards. What must hold: the device ends with exactly what the
// device that answered holds (card states, progress, statistics), a stale record is derived
// before it is read, and a catch-up cut short between pages is finished by the next pull or
// the next start.
import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import { OfflineReview } from '../../../src/engine.js';
import { encodeHlc } from '../../../src/hlc.js';
import { uuidv7 } from '../../../src/ids.js';
import { IndexedDBStorage } from '../../../src/storage/indexeddb-storage.js';
import { pullAll } from '../../../src/sync/pull.js';
import type { AnswerRecord, ReviewSession } from '../../../src/types.js';
import { unique } from '../../support/server.js';
import { queueFixture, secondDevice, useQueueSuite, type QueueFixture } from './queue-fixture.js';

const DAY = 86_400_000;
const ITEMS = ['a', 'b', 'c', 'd'];

/** What a database holds of derived data for `userId`, and its stale marks, read straight from IndexedDB. */
async function derivedData(dbName: string, userId: string) {
  const db = await openDB(dbName);
  try {
    const mine = <T extends { userId: string }>(records: T[]) => records.filter((r) => r.userId === userId);
    const byKey = <T>(records: T[], key: (r: T) => string) => Object.fromEntries(records.map((r) => [key(r), r]));
    return {
      cards: byKey(mine(await db.getAll('cardStates')) as Array<{ userId: string; itemId: string }>, (r) => r.itemId),
      progress: byKey(mine(await db.getAll('progress')) as Array<{ userId: string; itemId: string }>, (r) => r.itemId),
      statistics: byKey(mine(await db.getAll('statistics')) as Array<{ userId: string; sessionId: string }>, (r) => r.sessionId),
      answers: mine(await db.getAll('answers')) as AnswerRecord[],
      undone: new Set(mine(await db.getAll('retractions')).map((r) => r.answerId)),
      marks: ((await db.getAllKeys('meta')) as string[]).filter((key) => key.startsWith('stale:')),
    };
  } finally {
    db.close();
  }
}

/** A learner who answered every item of one session on five days, undid one answer, and synced. */
async function answeredElsewhere(): Promise<{ writer: QueueFixture; session: ReviewSession }> {
  const writer = await queueFixture();
  const start = Date.now() - 10 * DAY;
  const { session } = await writer.storage.createSession({
    id: uuidv7(start),
    userId: writer.user,
    deckId: unique('deck'),
    itemIds: ITEMS,
    mode: 'grade',
    status: 'active',
    startedAt: start,
    lastActivityAt: start,
    endedAt: null,
  });
  const deviceId = await writer.storage.getDeviceId();
  let undo = '';
  for (let round = 0; round < 5; round++) {
    for (const [i, itemId] of ITEMS.entries()) {
      const rating = ((round + i) % 4) + 1;
      const answer: AnswerRecord = {
        id: uuidv7(),
        sessionId: session.id,
        userId: writer.user,
        itemId,
        deviceId,
        answeredAt: start + round * DAY + i * 60_000,
        rating: rating as 1 | 2 | 3 | 4,
        correct: rating > 1,
        responseTimeMs: 800 + 100 * i,
      };
      await writer.storage.recordAnswer(answer);
      if (round === 2 && itemId === 'b') undo = answer.id;
    }
  }
  await writer.storage.retractAnswer(writer.user, { answerId: undo });
  await writer.queue.process();
  expect(writer.queue.state.pending).to.equal(0);
  return { writer, session };
}

describe('a new device catches up', () => {
  useQueueSuite();

  it('pulled in many pages, it ends with the card states, progress and statistics of the device that answered, and no mark left', async () => {
    const { writer } = await answeredElsewhere();
    const device = await secondDevice(writer.user, { pullLimit: 3 });
    await device.queue.pull();
    const want = await derivedData(writer.dbName, writer.user);
    const got = await derivedData(device.dbName, writer.user);
    expect(got.answers.length).to.equal(want.answers.length);
    expect(got.marks).to.deep.equal([]);
    expect(got.cards).to.deep.equal(want.cards);
    expect(got.progress).to.deep.equal(want.progress);
    expect(got.statistics).to.deep.equal(want.statistics);
  });

  it('a page marks what it touched, and whatever reads a stale record derives it first', async () => {
    const { writer, session } = await answeredElsewhere();
    const want = await derivedData(writer.dbName, writer.user);
    const device = await secondDevice(writer.user);
    const page = await device.client.pull(null, 500);
    expect(page.hasMore).to.equal(false);
    await device.storage.applyRemoteChanges(writer.user, page.changes, page.cursor);
    const stale = await derivedData(device.dbName, writer.user);
    expect(stale.answers.length).to.equal(want.answers.length);
    expect(stale.marks.length).to.equal(ITEMS.length + 1);
    expect(stale.cards).to.deep.equal({});

    // Card states, progress and statistics each come back derived from every stored answer.
    const cards = await device.storage.cardStates(writer.user, ['a']);
    expect({ ...cards.get('a'), userId: writer.user }).to.deep.equal(want.cards.a);
    expect((await device.storage.getProgress(writer.user, ['b']))[0]).to.deep.equal(want.progress.b);
    expect(await device.storage.getStatistics(session.id)).to.deep.equal(want.statistics[session.id]);
    expect((await derivedData(device.dbName, writer.user)).marks).to.have.length(ITEMS.length + 1 - 3);

    // An answer to a stale item adds to exact counts.
    const wantC = want.progress.c as unknown as { reviewCount: number };
    const written = await device.storage.recordAnswer({
      id: uuidv7(),
      sessionId: session.id,
      userId: writer.user,
      itemId: 'c',
      deviceId: await device.storage.getDeviceId(),
      answeredAt: Date.now(),
      rating: 3,
      correct: true,
      responseTimeMs: 500,
    });
    expect(written.progress.reviewCount).to.equal(wantC.reviewCount + 1);
    expect(written.statistics.answered).to.equal((want.statistics[session.id] as unknown as { answered: number }).answered + 1);
    expect((await derivedData(device.dbName, writer.user)).marks).to.have.length(1);
  });

  it('closed between pages, it is finished by the next pull', async () => {
    const { writer } = await answeredElsewhere();
    const device = await secondDevice(writer.user);
    const first = await device.client.pull(null, 7);
    expect(first.hasMore).to.equal(true);
    await device.storage.applyRemoteChanges(writer.user, first.changes, first.cursor);
    device.storage.close();
    expect((await derivedData(device.dbName, writer.user)).marks).to.not.deep.equal([]);

    const reopened = new IndexedDBStorage({ dbName: device.dbName });
    try {
      await pullAll(reopened, device.client, writer.user, 7);
    } finally {
      reopened.close();
    }
    const want = await derivedData(writer.dbName, writer.user);
    const got = await derivedData(device.dbName, writer.user);
    expect(got.marks).to.deep.equal([]);
    expect(got.cards).to.deep.equal(want.cards);
    expect(got.progress).to.deep.equal(want.progress);
    expect(got.statistics).to.deep.equal(want.statistics);
  });

  it('closed between pages, what it stored is derived when an engine starts on the database', async () => {
    const { writer } = await answeredElsewhere();
    const device = await secondDevice(writer.user);
    const first = await device.client.pull(null, 7);
    await device.storage.applyRemoteChanges(writer.user, first.changes, first.cursor);
    device.storage.close();
    const before = await derivedData(device.dbName, writer.user);
    expect(before.marks).to.not.deep.equal([]);
    expect(before.cards).to.deep.equal({});

    const engine = new OfflineReview({ userId: writer.user, dbName: device.dbName, autoSync: false });
    try {
      await engine.ready;
    } finally {
      engine.close();
    }
    const after = await derivedData(device.dbName, writer.user);
    expect(after.marks).to.deep.equal([]);
    // Every item with a stored answer has its card state and progress, counting exactly the
    // answers stored and not undone.
    const kept = (item: string) => after.answers.filter((a) => a.itemId === item && !after.undone.has(a.id)).length;
    const items = [...new Set(after.answers.map((a) => a.itemId))].sort();
    expect(items.length).to.be.greaterThan(0);
    expect(Object.keys(after.cards).sort()).to.deep.equal(items);
    for (const item of items) {
      expect((after.cards[item] as unknown as { answerCount: number }).answerCount).to.equal(kept(item));
      expect((after.progress[item] as unknown as { reviewCount: number }).reviewCount).to.equal(kept(item));
    }
  });

  it('a page of hundreds of new answers, written in chunks in its one transaction, is stored whole and counted once, sent twice or not', async () => {
    const user = unique('u');
    const dbName = unique('db');
    const storage = new IndexedDBStorage({ dbName });
    try {
      const start = Date.now() - 5 * DAY;
      const session: ReviewSession = {
        id: uuidv7(start), userId: user, deckId: 'd', itemIds: ITEMS, mode: 'grade', status: 'active',
        startedAt: start, lastActivityAt: start, endedAt: null, statusHlc: encodeHlc({ wall: start, counter: 0, node: 'dev-b' }), deviceId: 'dev-b',
      };
      const answers: AnswerRecord[] = Array.from({ length: 250 }, (_, i) => ({
        id: uuidv7(start + i), sessionId: session.id, userId: user, itemId: ITEMS[i % ITEMS.length]!, deviceId: 'dev-b',
        answeredAt: start + i * 60_000, rating: 3, correct: i % 5 !== 0, responseTimeMs: 1000,
      }));
      const page = { sessions: [session], answers, progress: [] };
      await storage.applyRemoteChanges(user, page, '1');
      await storage.applyRemoteChanges(user, page, '2');
      await storage.deriveStale(user);
      const got = await derivedData(dbName, user);
      expect(got.answers.length).to.equal(250);
      expect(got.marks).to.deep.equal([]);
      expect(Object.values(got.progress).map((p) => (p as unknown as { reviewCount: number }).reviewCount)).to.deep.equal(ITEMS.map((_, i) => answers.filter((a) => a.itemId === ITEMS[i]).length));
      expect((got.statistics[session.id] as unknown as { answered: number; correct: number })).to.include({ answered: 250, correct: 200 });
    } finally {
      storage.close();
    }
  });
});
