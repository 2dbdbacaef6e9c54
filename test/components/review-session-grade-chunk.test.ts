// What a grade does once given is a chunk of its own, imported with the engine's
// (components/review-session/grade-card.ts). The test holds that module's request for real (a
// fault rule of the test server): a grade given while it is held waits for it, the card's grades
// disabled, and is stored once, in order, when it arrives; a chunk that cannot be loaded shows
// the error. Every test file runs in a page of its own, so the module is fetched here first.
import { expect } from '@open-wc/testing';
import { grades } from '../../components/review-session/review-parts.js';
import { api } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { engineFor, mountWithChunkFault, part, rendered, textOf, useEngineSuite, waitForPart } from './helpers.js';

describe('<review-session> before its grades chunk has arrived', () => {
  useEngineSuite();
  afterEach(() => api.clear());

  it('a grade given while the chunk is held waits for it, grades disabled, and is stored once, in order', async () => {
    const { el, id, answers, chunkAsked } = await mountWithChunkFault('grades', 'hold');
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 1' && part(el, 'reveal-button'));
    part(el, 'reveal-button')!.click();
    (await waitForPart(el, 'grade-good')).click();
    // The request itself, held: a release before it arrives sends nothing (faultModule).
    await chunkAsked();
    expect(grades.loaded, 'the card came without the grades chunk').to.equal(null);
    // The card stays, its grades disabled: neither another click nor a key gives a second grade.
    await rendered(el, () => part(el, 'grade-again')?.hasAttribute('disabled'));
    part(el, 'grade-again')!.click();
    el.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(textOf(el, 'prompt')).to.equal('prompt 1');
    expect(answers).to.deep.equal([]);

    await api.release();
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 2' && part(el, 'reveal-button'));
    await waitUntil(() => answers.length === 1, 'the grade was never stored');
    part(el, 'reveal-button')!.click();
    (await waitForPart(el, 'grade-good')).click();
    await waitUntil(() => answers.length === 2, 'the second grade was never stored');
    expect(answers.map(({ itemId, rating }) => ({ itemId, rating }))).to.deep.equal([
      { itemId: 'card-1', rating: 3 },
      { itemId: 'card-2', rating: 3 },
    ]);
    expect((await engineFor(id).answerHistory()).map((answer) => answer.itemId)).to.deep.equal(['card-1', 'card-2']);
    expect(part(el, 'error')).to.equal(null);
  });
});
