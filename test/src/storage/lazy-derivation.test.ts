// The derivation (ts-fsrs, the merge rules and the transactions that derive) is a module of its
// own, loaded on demand: a first card's reads never fetch it, and a read that meets a stale
// mark loads it before the transaction that derives. This file imports nothing that reaches the
// derivation statically, and its tests run in this order in one page: the first proves the
// module was never fetched, the second that the stale read fetched it.
import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import { newCardState } from '../../../src/scheduler/card-types.js';
import { defaultSchedulerParameters, parametersKey } from '../../../src/scheduler/parameters.js';
import { loadedDerivation } from '../../../src/storage/derivation-loader.js';
import { staleItemKey } from '../../../src/storage/stale-marks.js';
import { unique } from '../../support/server.js';
import { cleanupStorages, makeStorage, newAnswer, newSession } from './helpers.js';

const DAY = { timeZone: 'UTC', dayStartHour: 4 };

/** Whether this page has fetched a module whose URL contains `part`. */
function fetched(part: string): boolean {
  return performance.getEntriesByType('resource').some((entry) => entry.name.includes(part));
}

// Room for every fetch (the default buffer of 250 entries could drop the one looked for).
performance.setResourceTimingBufferSize(5000);

describe('the derivation is loaded only when something derives', () => {
  afterEach(cleanupStorages);

  it("reads a deck's stored and never-answered card states, starts a drill and stores an empty pulled page without fetching it", async () => {
    const storage = makeStorage();
    const user = unique('u');
    await storage.initialize();
    // A state stored as a derivation leaves it, with the key the deck asks for.
    const key = parametersKey(defaultSchedulerParameters, DAY);
    const stored = { ...newCardState('known', defaultSchedulerParameters, DAY), phase: 'review' as const, due: Date.now() + 86_400_000, reps: 3, answerCount: 3, lastReviewAt: Date.now() - 1000, stability: 4.5, difficulty: 5, scheduledDays: 1 };
    await (await storage.db()).put('cardStates', { ...stored, userId: user });
    const states = await storage.cardStates(user, ['known', 'fresh'], defaultSchedulerParameters, DAY);
    expect(states.get('known')).to.deep.equal(stored);
    expect(states.get('fresh')).to.deep.equal(newCardState('fresh', defaultSchedulerParameters, DAY));
    expect(key).to.equal(stored.parametersKey);
    const { session } = await storage.createSession(newSession(user));
    expect(await storage.getSessionAnswers(session.id)).to.deep.equal([]);
    expect(await storage.deriveStale(user)).to.deep.equal({ items: 0, sessions: 0 });
    expect(await storage.applyRemoteChanges(user, { answers: [], sessions: [], progress: [], retractions: [] }, 'c-1')).to.deep.equal({ answersAdded: 0, sessionsChanged: 0, sessionIds: [] });
    expect(await storage.getPullCursor(user)).to.equal('c-1');
    // The resource entries are complete: storage's own modules are there.
    expect(fetched('/src/storage/indexeddb-storage.ts')).to.equal(true);
    expect(fetched('/src/storage/derivation.ts')).to.equal(false);
    expect(fetched('ts-fsrs')).to.equal(false);
    expect(loadedDerivation()).to.equal(null);
  });

  it('a read that meets a stale mark loads the derivation first, then derives and reads in one transaction', async () => {
    expect(loadedDerivation()).to.equal(null);
    const storage = makeStorage();
    const user = unique('u');
    await storage.initialize();
    // A pulled answer as a page stores it: the answer and its item's mark, nothing derived yet.
    const answer = newAnswer({ id: unique('s'), userId: user }, { itemId: 'pulled', answeredAt: Date.now() - 3_600_000 });
    const db = await openDB(storage.dbName);
    await db.put('answers', answer);
    await db.put('meta', { userId: user, itemId: 'pulled' }, staleItemKey(user, 'pulled'));
    db.close();
    const states = await storage.cardStates(user, ['pulled', 'other'], defaultSchedulerParameters, DAY);
    expect(fetched('/src/storage/derivation.ts')).to.equal(true);
    const { deriveCardState } = await import('../../../src/scheduler/card-state.js');
    expect(states.get('pulled')).to.deep.equal(deriveCardState('pulled', [answer], new Set(), defaultSchedulerParameters, DAY));
    expect(states.get('other')!.phase).to.equal('new');
    const raw = await storage.db();
    expect(await raw.getKey('meta', staleItemKey(user, 'pulled'))).to.equal(undefined);
    expect(await raw.get('cardStates', [user, 'pulled'])).to.deep.include({ answerCount: 1, phase: 'learning' });
  });
});
