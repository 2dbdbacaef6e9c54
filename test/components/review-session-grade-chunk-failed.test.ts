// The grades' chunk (components/review-session/grading.ts: what a grade does, the writing of
// answers, a drill's start) cannot be loaded: offline before the worker cached it. A scheduled
// review still shows and reveals its first card; the grade shows the error screen with
// `content-unavailable` naming the chunk, and nothing is stored. A drill, whose first card needs
// the chunk, shows that error in place of its first card. A page of its own: the module was
// never loaded in it.
import { expect } from '@open-wc/testing';
import { api } from '../support/server.js';
import { engineFor, mountWithChunkFault, part, rendered, textOf, useEngineSuite, waitForPart } from './helpers.js';

describe('<review-session> when its grades chunk cannot be loaded', () => {
  useEngineSuite();
  afterEach(() => api.clear());

  it('a grade shows the error with content-unavailable naming the chunk, and nothing is stored', async () => {
    const { el, id, errors, chunkAsked } = await mountWithChunkFault('grades', 'fail');
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 1' && part(el, 'reveal-button'));
    part(el, 'reveal-button')!.click();
    (await waitForPart(el, 'grade-good')).click();
    expect(await waitForPart(el, 'error-message').then((message) => message.textContent)).to.equal(el.resolvedLabels.partUnavailable);
    expect(errors.map((error) => [error.code, error.details['chunk']])).to.deep.equal([['content-unavailable', 'grade']]);
    await chunkAsked();
    expect(await engineFor(id).answerHistory()).to.deep.equal([]);
  });

  it('a drill shows that error in place of its first card', async () => {
    const { el } = await mountWithChunkFault('grades', 'fail', { schedule: 'drill' });
    // The error's own sentence: a part of the review could not be loaded.
    expect(await waitForPart(el, 'error-message').then((message) => message.textContent)).to.equal(el.resolvedLabels.partUnavailable);
    expect(part(el, 'prompt')).to.equal(null);
  });
});
