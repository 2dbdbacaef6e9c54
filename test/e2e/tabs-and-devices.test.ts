// Scenarios 2 and 5 (docs/testing.md, "The end-to-end suite"): two tabs of one profile answering offline at the same time, and
// two devices (two profiles, one user) answering offline, then both online. Every answer must
// reach the server once, and derived counts must be exact sums, never the max of two sides.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnswerRecord, ProgressData } from '../../src/types.js';
import { answerCards, duplicates, eventually, idbAll, openDemo, progressText, serverState, sortedIds, waitSynced } from './support/browser.js';
import { inScenario, useBrowser } from './support/scenario.js';

const browser = useBrowser();

describe('several tabs and devices', () => {
  it('2. two tabs answering offline, then online: every answer once, both tabs show the same progress', async () => {
    await inScenario(browser(), {}, async ({ origin, user, device }) => {
      const context = await device();
      const first = await openDemo(context, origin);
      const second = await openDemo(context, origin);
      await context.setOffline(true);

      await answerCards(first, 2);
      await answerCards(second, 3);
      await answerCards(first, 2);

      await context.setOffline(false);
      await Promise.all([waitSynced(first), waitSynced(second)]);
      const local = await idbAll<AnswerRecord>(first, 'answers');
      assert.equal(local.length, 7, 'seven answers recorded in the profile');
      const server = await serverState(origin, user);
      assert.deepEqual(duplicates(server.answers.map((a) => a.id)), []);
      assert.deepEqual(sortedIds(server.answers), sortedIds(local), 'every answer exactly once on the server');

      // Both tabs converge on one view of the session (no reload: tabs share state changes).
      await eventually(
        async () => [await progressText(first), await progressText(second)],
        ([a, b]) => a === b,
        'both tabs show the same progress',
        15_000,
      );
    });
  });

  it('5. two devices answer offline, then online: both hold the union and progress counts are sums', async () => {
    await inScenario(browser(), {}, async ({ origin, user, device }) => {
      const laptop = await device();
      const phone = await device();
      const onLaptop = await openDemo(laptop, origin);
      const onPhone = await openDemo(phone, origin);
      await Promise.all([laptop.setOffline(true), phone.setOffline(true)]);

      // Both review the first cards of the deck: the same items, different answers.
      await answerCards(onLaptop, 5);
      await answerCards(onPhone, 3);

      await laptop.setOffline(false);
      await waitSynced(onLaptop);
      await phone.setOffline(false);
      await waitSynced(onPhone);

      const server = await serverState(origin, user);
      assert.equal(server.answers.length, 8, 'the server holds the union: 5 + 3 answers');
      assert.deepEqual(duplicates(server.answers.map((a) => a.id)), []);

      // Each item's review count on the server is the true total over both devices.
      const expected = new Map<string, number>();
      for (const answer of server.answers) expected.set(answer.itemId, (expected.get(answer.itemId) ?? 0) + 1);
      assert.ok([...expected.values()].some((n) => n === 2), 'some items were reviewed on both devices');
      const serverCounts = new Map(server.progress.map((p) => [p.itemId, p.reviewCount]));
      for (const [itemId, count] of expected) assert.equal(serverCounts.get(itemId), count, `server progress of ${itemId}`);

      // Both devices end with the union (the laptop synced first, so it must pull the phone's).
      for (const [name, page] of [['laptop', onLaptop], ['phone', onPhone]] as const) {
        await page.reload();
        await waitSynced(page);
        const local = await eventually(
          () => idbAll<AnswerRecord>(page, 'answers'),
          (answers) => answers.length === 8,
          `${name} holds all 8 answers`,
        );
        assert.deepEqual(sortedIds(local), sortedIds(server.answers), `${name} holds exactly the server's answers`);
        const progress = await idbAll<ProgressData>(page, 'progress');
        for (const [itemId, count] of expected) {
          const mine = progress.find((p) => p.itemId === itemId && p.userId === user);
          assert.equal(mine?.reviewCount, count, `${name}: progress of ${itemId} is the exact total`);
        }
      }
    });
  });
});
