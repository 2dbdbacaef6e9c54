import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { defaultSchedulerParameters, deriveCardStates } from '../../../src/scheduler/index.js';
import type { AnswerRecord, AnswerRetraction, ChangeSet } from '../../../src/types.js';
import { unique } from '../../support/server.js';
import { cleanupStorages, makeStorage, newAnswer } from './helpers.js';

const DAY = 86_400_000;
const ITEMS = ['neko', 'inu'];
const LEARNER_DAY = { timeZone: 'Asia/Kolkata', dayStartHour: 4 };

// The browser storage path of convergence: two devices' IndexedDB receive the same answers and
// undos as pulled pages, in different orders, split and duplicated; both end with the card
// states, progress and statistics of one replay of the union.
describe('card states converge in IndexedDB whatever the delivery order', () => {
  afterEach(cleanupStorages);

  it('two devices given the same events in shuffled, duplicated pages hold one replay of the union', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ item: fc.nat(1), rating: fc.constantFrom(1, 2, 3, 4), gap: fc.integer({ min: 60_000, max: 5 * DAY }), undo: fc.boolean() }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { minLength: 2, maxLength: 2 }),
        async (steps, seeds) => {
          const user = unique('u');
          const session = { id: unique('s'), userId: user };
          let t = Date.UTC(2026, 4, 1, 8);
          const answers: AnswerRecord[] = [];
          const retractions: AnswerRetraction[] = [];
          for (const step of steps) {
            const answer = newAnswer(session, { itemId: ITEMS[step.item]!, answeredAt: (t += step.gap), rating: step.rating as 1 | 2 | 3 | 4, correct: step.rating > 1 });
            answers.push(answer);
            if (step.undo) retractions.push({ id: unique('r'), answerId: answer.id, userId: user, deviceId: 'dev-b', retractedAt: t + 1000 });
          }
          const events: Array<{ answer?: AnswerRecord; retraction?: AnswerRetraction }> = [
            ...answers.map((answer) => ({ answer })),
            ...retractions.map((retraction) => ({ retraction })),
          ];
          const expected = deriveCardStates(answers, new Set(retractions.map((r) => r.answerId)), defaultSchedulerParameters, LEARNER_DAY);
          for (const seed of seeds) {
            // A deterministic shuffle, in pages of up to three, the first page delivered twice.
            const order = events.map((e, i) => ({ e, k: (i * 7919 + seed * 104729) % 1009 })).sort((a, b) => a.k - b.k).map((x) => x.e);
            const pages: ChangeSet[] = [];
            for (let i = 0; i < order.length; i += 3) {
              const slice = order.slice(i, i + 3);
              pages.push({ sessions: [], progress: [], answers: slice.flatMap((x) => (x.answer ? [x.answer] : [])), retractions: slice.flatMap((x) => (x.retraction ? [x.retraction] : [])) });
            }
            pages.push(pages[0]!);
            const storage = makeStorage();
            for (const [i, page] of pages.entries()) await storage.applyRemoteChanges(user, page, String(i));
            const states = await storage.cardStates(user, ITEMS, defaultSchedulerParameters, LEARNER_DAY);
            for (const item of ITEMS) {
              const want = expected.get(item);
              if (want) expect(states.get(item)).to.deep.equal(want);
              else expect(states.get(item)!.phase).to.equal('new');
              const kept = answers.filter((a) => a.itemId === item && !retractions.some((r) => r.answerId === a.id));
              const progress = (await storage.getProgress(user, [item]))[0];
              expect(progress?.reviewCount ?? 0).to.equal(kept.length);
            }
            expect((await storage.getStatistics(session.id))!.answered).to.equal(answers.length - retractions.length);
          }
          await cleanupStorages();
        },
      ),
      { numRuns: 25 },
    );
  });
});
