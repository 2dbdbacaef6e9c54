// What a grade does once given is a chunk of its own, imported with the engine's
// (components/review-session/grade-card.ts). The test holds that module's request for real (a
// fault rule of the test server): a grade given while it is held waits for it, the card's grades
// disabled, and is stored once, in order, when it arrives; a chunk that cannot be loaded shows
// the error. Every test file runs in a page of its own, so the module is fetched here first.
import { expect } from '@open-wc/testing';
import type { ReviewAnswerEvent } from '../../components/review-session/review-session-events.js';
import { grades } from '../../components/review-session/review-parts.js';
import { api } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { cards, engineFor, freshIdentity, mountSession, part, rendered, textOf, useEngineSuite, waitForPart } from './helpers.js';

const GRADES = '/components/review-session/grade-card.ts';

describe('<review-session> before its grades chunk has arrived', () => {
  useEngineSuite();
  afterEach(() => api.clear());

  it('a grade given while the chunk is held waits for it, grades disabled, and is stored once, in order', async () => {
    await api.fault({ match: GRADES, mode: 'hold' });
    const id = freshIdentity();
    const el = await mountSession(id, { items: cards(3), attributes: { schedule: 'review' } });
    const answered: { itemId: string; rating: number | undefined }[] = [];
    el.addEventListener('review-answer', (event) => {
      const { answer } = (event as ReviewAnswerEvent).detail;
      answered.push({ itemId: answer.itemId, rating: answer.rating });
    });
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 1' && part(el, 'reveal-button'));
    part(el, 'reveal-button')!.click();
    (await waitForPart(el, 'grade-good')).click();
    // The request itself, held: the server's log keeps earlier files' requests for the chunk,
    // and a release before the request arrives sends nothing.
    await waitUntil(async () => (await api.held()).includes(GRADES), 'the grades chunk was never asked for');
    expect(grades.loaded, 'the card came without the grades chunk').to.equal(null);
    // The card stays, its grades disabled: neither another click nor a key gives a second grade.
    await rendered(el, () => part(el, 'grade-again')?.hasAttribute('disabled'));
    part(el, 'grade-again')!.click();
    el.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(textOf(el, 'prompt')).to.equal('prompt 1');
    expect(answered).to.deep.equal([]);

    await api.release();
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 2' && part(el, 'reveal-button'));
    await waitUntil(() => answered.length === 1, 'the grade was never stored');
    part(el, 'reveal-button')!.click();
    (await waitForPart(el, 'grade-good')).click();
    await waitUntil(() => answered.length === 2, 'the second grade was never stored');
    expect(answered).to.deep.equal([
      { itemId: 'card-1', rating: 3 },
      { itemId: 'card-2', rating: 3 },
    ]);
    expect((await engineFor(id).answerHistory()).map((answer) => answer.itemId)).to.deep.equal(['card-1', 'card-2']);
    expect(part(el, 'error')).to.equal(null);
  });
});
