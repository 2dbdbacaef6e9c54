// Undo and the interval labels' formatting are a chunk loaded after the first card
// (components/review-session/card-extras.ts). The test holds that module's request for real (a
// fault rule of the test server): the first cards show and are graded meanwhile, an undo asked
// for (twice) while it is held waits for it and undoes one answer once it arrives, and the
// interval labels fill in then. Every test file runs in a page of its own, so the module is
// fetched here for the first time.
import { expect } from '@open-wc/testing';
import { cardExtras } from '../../components/review-session/review-parts.js';
import { api } from '../support/server.js';
import { engineFor, gradeGood, mountWithChunkFault, part, rendered, textOf, useEngineSuite, waitForPart } from './helpers.js';

describe('<review-session> before its extras chunk has arrived', () => {
  useEngineSuite();
  afterEach(() => api.clear());

  it('an undo asked for twice while the chunk is held waits for it and undoes one answer; the interval labels fill in then', async () => {
    const { el, id, answers, chunkAsked } = await mountWithChunkFault('extras', 'hold');
    await gradeGood(el, 1);
    await gradeGood(el, 2);
    await chunkAsked();
    expect(cardExtras.loaded, 'the cards came without the extras').to.equal(null);
    // The undo row is in the first chunk: it shows as before.
    const undo = await waitForPart(el, 'undo-button');
    undo.click();
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', bubbles: true, composed: true }));
    // Nothing is undone, and no grade given, while the chunk is held.
    await el.updateComplete;
    expect(textOf(el, 'prompt')).to.equal('prompt 3');
    expect((await engineFor(id).answerHistory()).length).to.equal(2);

    await api.release();
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 2' && part(el, 'reveal-button') && !part(el, 'undo-button')?.hasAttribute('disabled'));
    expect(answers.map((answer) => answer.itemId)).to.deep.equal(['card-1', 'card-2']);
    // One answer undone (card 2's), not two: card 1's stays, and its undo is still offered.
    const history = await engineFor(id).answerHistory();
    expect(history.map((answer) => answer.itemId)).to.deep.equal(['card-1']);
    expect(part(el, 'undo-button')).to.not.equal(null);
    part(el, 'reveal-button')!.click();
    await waitForPart(el, 'interval');
    expect(part(el, 'error')).to.equal(null);
  });
});
