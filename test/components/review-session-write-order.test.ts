// A grade's next card shows while its answer is written; the answer counts only once stored.
// The write is held for real: the test holds a readwrite transaction on the database's answers
// store (test/support/hold-store.ts), so the engine's write waits behind it until released.
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ReviewAnswerEvent } from '../../components/review-session/review-session-events.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { holdStore, type HeldStore } from '../support/hold-store.js';
import { cards, engineFor, freshIdentity, mountSession, part, rendered, textOf, useEngineSuite, waitForPart, type TestIdentity } from './helpers.js';

/** Every `review-answer` of `el`, in order, from now on. */
function answersOf(el: ReviewSessionElement): string[] {
  const seen: string[] = [];
  el.addEventListener('review-answer', (event) => seen.push((event as ReviewAnswerEvent).detail.answer.itemId));
  return seen;
}

/** The item ids of the stored answers of the element's session (undone ones left out). */
async function storedAnswers(id: TestIdentity, el: ReviewSessionElement): Promise<string[]> {
  const answers = await engineFor(id).getSessionAnswers(el.session?.id ?? '');
  return answers.map((answer) => answer.itemId);
}

async function reveal(el: ReviewSessionElement): Promise<void> {
  (await waitForPart(el, 'reveal-button')).click();
  await waitForPart(el, 'grade-good');
}

/**
 * A review of three cards whose first grade (Good) is given while its write is held: resolves
 * once the second card shows, face down, with the hold still on.
 */
async function gradedWhileHeld(): Promise<{ id: TestIdentity; el: ReviewSessionElement; seen: string[]; hold: HeldStore }> {
  const id = freshIdentity();
  const el = await mountSession(id, { items: cards(3), attributes: { schedule: 'review' } });
  await reveal(el);
  const seen = answersOf(el);
  const hold = await holdStore(id.db, 'answers');
  part(el, 'grade-good')!.click();
  await rendered(el, () => textOf(el, 'prompt') === 'prompt 2' && part(el, 'reveal-button'));
  return { id, el, seen, hold };
}

describe('<review-session> grade, then write', () => {
  useEngineSuite();

  for (const schedule of ['review', 'drill']) {
    it(`(${schedule}) shows the next card before the answer is stored; review-answer and undo come once it is`, async () => {
      const id = freshIdentity();
      const el = await mountSession(id, { items: cards(3), attributes: { schedule } });
      await reveal(el);
      const seen = answersOf(el);
      const hold = await holdStore(id.db, 'answers');
      part(el, 'grade-good')!.click();
      // The write waits behind the held transaction, and the next card is already there.
      await rendered(el, () => textOf(el, 'prompt') === 'prompt 2' && part(el, 'reveal-button'));
      if (schedule === 'drill') expect(textOf(el, 'progress-text')).to.equal('2 of 3');
      expect(seen, 'no answer counted before it is stored').to.deep.equal([]);
      expect(part(el, 'undo-button'), 'nothing to undo yet').to.equal(null);

      const answered = oneEvent(el, 'review-answer');
      await hold.release();
      expect(((await answered) as ReviewAnswerEvent).detail.answer.itemId).to.equal('card-1');
      await waitForPart(el, 'undo-button');
      expect(textOf(el, 'prompt')).to.equal('prompt 2');
      expect(seen).to.deep.equal(['card-1']);
      expect(await storedAnswers(id, el)).to.deep.equal(['card-1']);
    });
  }

  it('a grade given while the previous answer is held is stored after it: both once, in order', async () => {
    const { id, el, seen, hold } = await gradedWhileHeld();
    await reveal(el);
    // Not disabled: the card on screen is not the one being stored.
    expect(part<HTMLButtonElement>(el, 'grade-easy')!.disabled).to.equal(false);
    part(el, 'grade-easy')!.click();
    expect(seen).to.deep.equal([]);
    await hold.release();
    await rendered(el, () => seen.length === 2 && textOf(el, 'prompt') === 'prompt 3');
    expect(seen).to.deep.equal(['card-1', 'card-2']);
    expect(await storedAnswers(id, el)).to.deep.equal(['card-1', 'card-2']);
  });

  for (const schedule of ['review', 'drill']) {
    it(`(${schedule}) a card shown while the answer before it is written can be graded at once: its next card shows, and the answers are stored after, once each, in order`, async () => {
      const id = freshIdentity();
      const el = await mountSession(id, { items: cards(4), attributes: { schedule } });
      await reveal(el);
      const seen = answersOf(el);
      const totals: number[] = [];
      el.addEventListener('review-answer', (event) => totals.push((event as ReviewAnswerEvent).detail.total));
      const hold = await holdStore(id.db, 'answers');
      part(el, 'grade-good')!.click();
      await rendered(el, () => textOf(el, 'prompt') === 'prompt 2' && part(el, 'reveal-button'));
      // The grades of card 2 and card 3 are given with card 1's write still held: each next
      // card shows without waiting for a write (a grade used to wait for the one before it).
      await reveal(el);
      part(el, 'grade-hard')!.click();
      await rendered(el, () => textOf(el, 'prompt') === 'prompt 3' && part(el, 'reveal-button'));
      // Two answers held in memory only (one written, one waiting) are the most: card 3's grades
      // wait.
      await reveal(el);
      expect(part<HTMLButtonElement>(el, 'grade-easy')!.disabled, 'two answers unstored: the third grade waits').to.equal(true);
      part(el, 'grade-easy')!.click();
      await el.updateComplete;
      expect(textOf(el, 'prompt')).to.equal('prompt 3');
      expect(seen, 'nothing counted before it is stored').to.deep.equal([]);

      const first = oneEvent(el, 'review-answer');
      await hold.release();
      await first;
      // Card 1 is stored and card 2's answer is still in flight: one answer unstored, so the
      // grades on screen are enabled again, for a click as for a key.
      await el.updateComplete;
      expect(seen, 'card 2 not stored yet').to.deep.equal(['card-1']);
      expect(part<HTMLButtonElement>(el, 'grade-easy')!.disabled, 'one answer unstored: the grades take a click').to.equal(false);
      part(el, 'grade-easy')!.click();
      await rendered(el, () => textOf(el, 'prompt') === 'prompt 4' && part(el, 'reveal-button'));
      if (schedule === 'drill') expect(textOf(el, 'progress-text')).to.equal('4 of 4');
      await rendered(el, () => seen.length === 3);
      expect(seen).to.deep.equal(['card-1', 'card-2', 'card-3']);
      // Each answer's total (answered plus left today) counts the cards graded after it and not
      // stored yet, as answering one by one would: card 3 (Easy) leaves today's queue.
      expect(totals).to.deep.equal(schedule === 'drill' ? [4, 4, 4] : [5, 6, 6]);
      expect(textOf(el, 'prompt')).to.equal('prompt 4');
      expect(await storedAnswers(id, el)).to.deep.equal(['card-1', 'card-2', 'card-3']);
      const ratings = (await engineFor(id).getSessionAnswers(el.session!.id)).map((answer) => answer.rating);
      expect(ratings).to.deep.equal([3, 2, 4]);
    });
  }

  it('z pressed while the answer is being stored undoes that answer once it is stored: its card comes back', async () => {
    const { id, el, seen, hold } = await gradedWhileHeld();
    await sendKeys({ press: 'z' });
    expect(seen).to.deep.equal([]);
    await hold.release();
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 1' && seen.length === 1);
    expect(seen).to.deep.equal(['card-1']);
    await rendered(el, () => part(el, 'undo-button') === null);
    expect(await storedAnswers(id, el), 'undone').to.deep.equal([]);
  });
});
