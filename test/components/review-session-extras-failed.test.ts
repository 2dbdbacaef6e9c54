// The extras chunk (undo, the interval labels' formatting) cannot be loaded: offline before the
// worker cached it. The cards are reviewed as before, with no interval labels; an undo shows the
// error screen with `content-unavailable` naming the chunk, as the summaries' chunk does, and
// no answer is lost. A page of its own: the module was never loaded in it.
import { expect } from '@open-wc/testing';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import type { OfflineReviewError } from '../../src/index.js';
import { api } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { cards, engineFor, freshIdentity, mountSession, part, rendered, textOf, useEngineSuite, waitForPart } from './helpers.js';

const EXTRAS = '/components/review-session/card-extras.ts';

async function gradeGood(el: ReviewSessionElement, n: number): Promise<void> {
  await rendered(el, () => textOf(el, 'prompt') === `prompt ${n}` && part(el, 'reveal-button'));
  part(el, 'reveal-button')!.click();
  const stored = new Promise<void>((resolve) => el.addEventListener('review-answer', () => resolve(), { once: true }));
  (await waitForPart(el, 'grade-good')).click();
  await stored;
}

describe('<review-session> when its extras chunk cannot be loaded', () => {
  useEngineSuite();
  afterEach(() => api.clear());

  it('reviews without interval labels; an undo shows the error with content-unavailable naming the chunk, and the answer stays', async () => {
    await api.fault({ match: EXTRAS, mode: 'status', status: 503 });
    const id = freshIdentity();
    const el = await mountSession(id, { items: cards(3), attributes: { schedule: 'review' } });
    const errors: OfflineReviewError[] = [];
    el.addEventListener('review-error', (event) => errors.push((event as CustomEvent).detail.error));
    await gradeGood(el, 1);
    await waitUntil(async () => (await api.log()).some((entry) => entry.path === EXTRAS && entry.status === 503), 'the extras were never asked for');
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
