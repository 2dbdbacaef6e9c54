// `z` pressed while an answer is written, before undo's chunk has arrived (a fault rule of the
// test server holds card-extras.ts; a real IndexedDB transaction on the sync queue holds the
// answer's write): grades wait from the key until the undo has run, through the write's end and
// then the chunk's arrival, so it undoes the answer it was pressed for, never one given after
// it. A page of its own: the chunk is fetched here first (in review-session-undo-last.test.ts it
// arrives in that file's test, and a test after it would find it in).
import { expect } from '@open-wc/testing';
import { holdStore } from '../support/hold-store.js';
import { api } from '../support/server.js';
import { engineFor, mountWithChunkFault, part, rendered, textOf, useEngineSuite, waitForPart } from './helpers.js';

interface Inside {
  review: { undo(): Promise<void>; undoStack: { itemId: string }[] };
}

describe('<review-session> grades after an undo that waits for its chunk', () => {
  useEngineSuite();

  it('z holds the grades back until it has run: the answer it was pressed for is undone, never one given after', async () => {
    const { el, id, answers, chunkAsked } = await mountWithChunkFault('extras', 'hold', { cards: 3, schedule: 'drill' });
    const key = (name: string): boolean => el.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true }));
    (await waitForPart(el, 'reveal-button')).click();
    await waitForPart(el, 'grade-good');
    const hold = await holdStore(id.db, 'syncQueue');
    part(el, 'grade-good')!.click(); // card 1: its write waits behind the hold while card 2 shows
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 2' && part(el, 'reveal-button'));
    await chunkAsked();
    key('z');
    const undoing = (el as unknown as Inside).review.undo(); // the undo `z` started
    part(el, 'reveal-button')!.click();
    await waitForPart(el, 'grade-good');
    await el.updateComplete;
    expect(part(el, 'grade-good')!.hasAttribute('disabled'), 'an undo waits for its chunk: grades wait').to.equal(true);
    key('3'); // card 2 graded while the undo waits: not taken
    await hold.release();
    await rendered(el, () => answers.length >= 1);
    await el.updateComplete;
    expect(part(el, 'grade-good')!.hasAttribute('disabled'), 'card 1 is stored, the undo still waits: grades wait').to.equal(true);
    key('3');
    await api.release();
    await undoing;
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 1');
    expect(answers.map((answer) => answer.itemId), 'card 2 was never graded').to.deep.equal(['card-1']);
    expect(await engineFor(id).answerHistory(), 'card 1\'s answer, the one z was pressed for, is undone').to.deep.equal([]);
    expect((el as unknown as Inside).review.undoStack).to.deep.equal([]);
  });
});
