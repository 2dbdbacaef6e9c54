// `z` pressed while the last card's answer is written, before undo's chunk has arrived (a fault
// rule of the test server holds card-extras.ts; a real IndexedDB transaction on the sync queue
// holds the answer's write): the undo waits for that write and undoes that answer or nothing,
// never the answer before it; and grades wait from the key until the undo has run, so it
// undoes the answer it was pressed for, never one given after it.
import { expect } from '@open-wc/testing';
import type { ReviewAnswerEvent } from '../../components/review-session/review-session-events.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { cardExtras } from '../../components/review-session/review-parts.js';
import { holdStore } from '../support/hold-store.js';
import { api } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { cards, engineFor, freshIdentity, mountSession, part, rendered, textOf, useEngineSuite, waitForPart } from './helpers.js';

const EXTRAS = '/components/review-session/card-extras.ts';

interface Inside {
  review: { undo(): Promise<void>; undoStack: { itemId: string }[] };
}

describe('<review-session> undo while the last answer is written', () => {
  useEngineSuite();
  afterEach(() => api.clear());

  it('z waits for the last card\'s write and never undoes the answer before it', async () => {
    await api.fault({ match: EXTRAS, mode: 'hold' });
    const id = freshIdentity();
    const el: ReviewSessionElement = await mountSession(id, { items: cards(2), attributes: { schedule: 'drill' } });
    const answered: string[] = [];
    el.addEventListener('review-answer', (event) => answered.push((event as ReviewAnswerEvent).detail.answer.itemId));
    (await waitForPart(el, 'reveal-button')).click();
    (await waitForPart(el, 'grade-good')).click();
    await rendered(el, () => answered.length === 1 && textOf(el, 'prompt') === 'prompt 2' && part(el, 'reveal-button'));
    part(el, 'reveal-button')!.click();
    await waitForPart(el, 'grade-good');
    const hold = await holdStore(id.db, 'syncQueue');
    part(el, 'grade-good')!.click(); // the last card: its write waits behind the hold
    await waitUntil(async () => (await api.held()).includes(EXTRAS), 'extras asked for');
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', bubbles: true, composed: true }));
    const undoing = (el as unknown as Inside).review.undo(); // the undo `z` started
    await api.release();
    await waitUntil(async () => cardExtras.loaded !== null, 'extras in');
    await el.updateComplete;
    expect(part(el, 'grade-good')?.hasAttribute('disabled'), 'the last card\'s answer is still written: grades wait').to.not.equal(false);
    await hold.release();
    await undoing;
    await rendered(el, () => answered.length === 2);
    const kept = (await engineFor(id).answerHistory()).map((answer) => answer.itemId);
    expect(kept, 'card 1\'s answer is not undone').to.include('card-1');
    expect((el as unknown as Inside).review.undoStack.map((answer) => answer.itemId), 'the undo entries are the answers kept').to.deep.equal(kept);
  });

  it('z holds the grades back until it has run: the answer it was pressed for is undone, never one given after', async () => {
    await api.fault({ match: EXTRAS, mode: 'hold' });
    const id = freshIdentity();
    const el: ReviewSessionElement = await mountSession(id, { items: cards(3), attributes: { schedule: 'drill' } });
    const answered: string[] = [];
    el.addEventListener('review-answer', (event) => answered.push((event as ReviewAnswerEvent).detail.answer.itemId));
    const key = (name: string): boolean => el.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true }));
    (await waitForPart(el, 'reveal-button')).click();
    await waitForPart(el, 'grade-good');
    const hold = await holdStore(id.db, 'syncQueue');
    part(el, 'grade-good')!.click(); // card 1: its write waits behind the hold while card 2 shows
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 2' && part(el, 'reveal-button'));
    await waitUntil(async () => (await api.log()).some((entry) => entry.path === EXTRAS), 'extras asked for');
    key('z');
    const undoing = (el as unknown as Inside).review.undo(); // the undo `z` started
    part(el, 'reveal-button')!.click();
    await waitForPart(el, 'grade-good');
    await el.updateComplete;
    expect(part(el, 'grade-good')!.hasAttribute('disabled'), 'an undo waits for its chunk: grades wait').to.equal(true);
    key('3'); // card 2 graded while the undo waits: not taken
    await hold.release();
    await rendered(el, () => answered.length >= 1);
    await el.updateComplete;
    expect(part(el, 'grade-good')!.hasAttribute('disabled'), 'card 1 is stored, the undo still waits: grades wait').to.equal(true);
    key('3');
    await api.release();
    await undoing;
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 1');
    expect(answered, 'card 2 was never graded').to.deep.equal(['card-1']);
    expect(await engineFor(id).answerHistory(), 'card 1\'s answer, the one z was pressed for, is undone').to.deep.equal([]);
    expect((el as unknown as Inside).review.undoStack).to.deep.equal([]);
  });
});
