// The device refuses up front what a server would refuse forever: the engine and its storage
// check every record against the same field tables as the server, before anything is stored
// or queued, so nothing ends up as a dead letter the learner is asked to discard.
import { expect } from '@open-wc/testing';
import { OfflineReview } from '../../src/engine.js';
import { RECORD_LIMITS } from '../../src/records/index.js';
import { unique } from '../support/server.js';
import { reviewRejection } from '../support/rejection.js';
import { closeEngineStorages, storageOf } from './engine-storage.js';

const engines: OfflineReview[] = [];

function makeEngine(): OfflineReview {
  // No sync: what matters is what is stored and queued on the device.
  const engine = new OfflineReview({ userId: unique('u'), dbName: unique('db'), autoSync: false });
  engines.push(engine);
  return engine;
}

describe('OfflineReview: records refused up front', () => {
  afterEach(() => {
    closeEngineStorages();
    for (const engine of engines.splice(0)) engine.close();
  });

  it('refuses a user id a server would refuse, naming userId', () => {
    for (const userId of ['a b', '', 'x'.repeat(RECORD_LIMITS.maxIdLength + 1), 'nul\u0000']) {
      expect(() => new OfflineReview({ userId, dbName: unique('db'), autoSync: false }), JSON.stringify(userId))
        .to.throw()
        .that.deep.includes({ code: 'invalid-input', details: { key: 'userId', field: 'userId' } });
    }
  });

  it('refuses a session whose deck or item ids a server would refuse, and queues nothing', async () => {
    const engine = makeEngine();
    const deck = await reviewRejection(engine.startSession({ deckId: 'Lesson 1', itemIds: ['q1'], mode: 'grade' }));
    expect(deck.code).to.equal('invalid-input');
    expect(deck.details).to.include({ record: 'session', field: 'deckId' });
    const items = await reviewRejection(engine.startSession({ deckId: 'lesson-1', itemIds: ['q1', 'Lesson 1 / Q2'], mode: 'grade' }));
    expect(items.details).to.include({ record: 'session', field: 'itemIds' });
    const many = Array.from({ length: RECORD_LIMITS.maxSessionItems + 1 }, (_, i) => `q${i}`);
    const tooMany = await reviewRejection(engine.startSession({ deckId: 'lesson-1', itemIds: many, mode: 'grade' }));
    expect(tooMany.details).to.include({ field: 'itemIds', tooLarge: true });
    await engine.refresh();
    expect(engine.state.pending).to.equal(0);
  });

  it('refuses a typed answer a server would refuse, naming the item, and stores nothing of it', async () => {
    const engine = makeEngine();
    const { session } = await engine.startSession({ deckId: 'typed', itemIds: ['neko'], mode: 'typed' });
    for (const [typedAnswer, flag] of [
      ['x'.repeat(RECORD_LIMITS.maxTypedAnswerLength + 1), 'tooLarge'],
      ['nul \u0000', 'unstorable'],
      ['\udc00 lone', 'unstorable'],
    ] as const) {
      const error = await reviewRejection(engine.recordAnswer({ sessionId: session.id, itemId: 'neko', correct: false, typedAnswer, responseTimeMs: 5 }));
      expect(error.code).to.equal('invalid-input');
      expect(error.details).to.include({ record: 'answer', field: 'typedAnswer', itemId: 'neko', [flag]: true });
    }
    const refusedItem = await reviewRejection(engine.recordAnswer({ sessionId: session.id, itemId: 'ne ko', rating: 3, responseTimeMs: 5 }));
    expect(refusedItem.details).to.include({ record: 'answer', field: 'itemId', itemId: 'ne ko' });
    expect(await engine.getSessionAnswers(session.id)).to.deep.equal([]);
    await engine.refresh();
    expect(engine.state.pending).to.equal(1);
    // At the limit it is taken.
    const typedAnswer = 'x'.repeat(RECORD_LIMITS.maxTypedAnswerLength);
    await engine.recordAnswer({ sessionId: session.id, itemId: 'neko', correct: false, typedAnswer, responseTimeMs: 5 });
    expect((await engine.getSessionAnswers(session.id)).map((a) => a.typedAnswer)).to.deep.equal([typedAnswer]);
  });

  it('caches items through the item table: defaults filled in, a bad item refused and named, nothing cached', async () => {
    const engine = makeEngine();
    await engine.loadContent([{ id: 'q1', prompt: 'p', answer: 'a' } as never]);
    expect(await storageOf(engine).getContent(['q1'])).to.have.length(1);
    const error = await reviewRejection(
      engine.loadContent([
        { id: 'q2', prompt: 'p', answer: 'a' },
        { id: 'Lesson 1 / Q3', prompt: 'p', answer: 'a' },
      ] as never),
    );
    expect(error.code).to.equal('invalid-input');
    expect(error.details).to.include({ index: 1, id: 'Lesson 1 / Q3', field: 'id' });
    expect(await storageOf(engine).getContent(['q2'])).to.deep.equal([]);
    const [stored] = await storageOf(engine).getContent(['q1']);
    expect(stored).to.include({ contentType: 'card', version: 1 });
  });
});
