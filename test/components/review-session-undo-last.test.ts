// `z` pressed while the last card's answer is written, before undo's chunk has arrived (a fault
// rule of the test server holds card-extras.ts; a real IndexedDB transaction on the sync queue
// holds the answer's write): the undo waits for that write and undoes that answer or nothing,
// never the answer before it. A page of its own: the chunk is fetched here first
// (review-session-undo-grades-wait.test.ts holds it for grades given after the key).
import { expect } from '@open-wc/testing';
import { cardExtras } from '../../components/review-session/review-parts.js';
import { holdStore } from '../support/hold-store.js';
import { api } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { engineFor, mountWithChunkFault, part, rendered, textOf, useEngineSuite, waitForPart } from './helpers.js';

interface Inside {
  review: { undo(): Promise<void>; undoStack: { itemId: string }[] };
}

describe('<review-session> undo while the last answer is written', () => {
  useEngineSuite();
  afterEach(() => api.clear());

  it('z waits for the last card\'s write and never undoes the answer before it', async () => {
    const { el, id, answers, chunkAsked } = await mountWithChunkFault('extras', 'hold', { cards: 2, schedule: 'drill' });
    (await waitForPart(el, 'reveal-button')).click();
    (await waitForPart(el, 'grade-good')).click();
    await rendered(el, () => answers.length === 1 && textOf(el, 'prompt') === 'prompt 2' && part(el, 'reveal-button'));
    part(el, 'reveal-button')!.click();
    await waitForPart(el, 'grade-good');
    const hold = await holdStore(id.db, 'syncQueue');
    part(el, 'grade-good')!.click(); // the last card: its write waits behind the hold
    await chunkAsked();
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', bubbles: true, composed: true }));
    const undoing = (el as unknown as Inside).review.undo(); // the undo `z` started
    await api.release();
    await waitUntil(async () => cardExtras.loaded !== null, 'extras in');
    await el.updateComplete;
    expect(part(el, 'grade-good')?.hasAttribute('disabled'), 'the last card\'s answer is still written: grades wait').to.not.equal(false);
    await hold.release();
    await undoing;
    await rendered(el, () => answers.length === 2);
    const kept = (await engineFor(id).answerHistory()).map((answer) => answer.itemId);
    expect(kept, 'card 1\'s answer is not undone').to.include('card-1');
    expect((el as unknown as Inside).review.undoStack.map((answer) => answer.itemId), 'the undo entries are the answers kept').to.deep.equal(kept);
  });
});
