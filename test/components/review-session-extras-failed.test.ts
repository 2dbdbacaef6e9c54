// The extras chunk (undo, the interval labels' formatting) cannot be loaded: offline before the
// worker cached it. The cards are reviewed as before, with no interval labels; an undo shows the
// error screen with `content-unavailable` naming the chunk, as the summaries' chunk does, and
// no answer is lost. A page of its own: the module was never loaded in it.
import { expect } from '@open-wc/testing';
import { api } from '../support/server.js';
import { engineFor, gradeGood, mountWithChunkFault, part, useEngineSuite, waitForPart } from './helpers.js';

describe('<review-session> when its extras chunk cannot be loaded', () => {
  useEngineSuite();
  afterEach(() => api.clear());

  it('reviews without interval labels; an undo shows the error with content-unavailable naming the chunk, and the answer stays', async () => {
    const { el, id, errors, chunkAsked } = await mountWithChunkFault('extras', 'fail');
    await gradeGood(el, 1);
    await chunkAsked();
    part(el, 'reveal-button')!.click();
    await waitForPart(el, 'grade-good');
    expect(part(el, 'interval'), 'no interval label without the chunk').to.equal(null);
    expect(errors, 'a label that cannot be formatted is no error').to.deep.equal([]);

    (await waitForPart(el, 'undo-button')).click();
    expect(await waitForPart(el, 'error-message').then((message) => message.textContent)).to.equal(el.resolvedLabels.partUnavailable);
    expect(errors.map((error) => [error.code, error.details['chunk']])).to.deep.equal([['content-unavailable', 'extras']]);
    expect((await engineFor(id).answerHistory()).map((answer) => answer.itemId)).to.deep.equal(['card-1']);
  });
});
