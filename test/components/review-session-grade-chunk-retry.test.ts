// The grades' chunk (components/review-session/grading.ts) fails once while the engine loads,
// after the first card (the test server answers 503 once for one of its modules): a grade given
// afterwards imports it again and is stored, with no error shown. A page of its own: the module
// was never loaded in it.
import { expect } from '@open-wc/testing';
import type { ReviewAnswerEvent } from '../../components/review-session/review-session-events.js';
import { grades } from '../../components/review-session/review-parts.js';
import { api } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { cards, engineFor, freshIdentity, mountSession, part, rendered, textOf, useEngineSuite, waitForPart } from './helpers.js';

const GRADES = '/components/review-session/grade-card.ts';

describe('<review-session> after its grades chunk failed once', () => {
  useEngineSuite();
  afterEach(() => api.clear());

  it('a grade imports the chunk again and is stored', async () => {
    // The server's log keeps earlier files' requests: this test reads its own.
    await api.log({ clear: true });
    await api.fault({ match: GRADES, mode: 'status', status: 503, times: 1 });
    const id = freshIdentity();
    const el = await mountSession(id, { items: cards(3), attributes: { schedule: 'review' } });
    const answered: string[] = [];
    el.addEventListener('review-answer', (event) => answered.push((event as ReviewAnswerEvent).detail.answer.itemId));
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 1' && part(el, 'reveal-button'));
    // The engine's load after the first card imports the chunk too: that import fails.
    await waitUntil(async () => (await api.log()).some((entry) => entry.path === GRADES && entry.status === 503), 'the grades chunk was never asked for');
    await waitUntil(() => grades['pending'] === null, 'the failed import never settled');
    expect(grades.loaded).to.equal(null);

    part(el, 'reveal-button')!.click();
    (await waitForPart(el, 'grade-good')).click();
    await rendered(el, () => part(el, 'error') || (textOf(el, 'prompt') === 'prompt 2' && part(el, 'reveal-button')));
    expect(part(el, 'error'), 'the grade was refused').to.equal(null);
    await waitUntil(() => answered.length === 1, 'the grade was never stored');
    expect(answered).to.deep.equal(['card-1']);
    expect((await engineFor(id).answerHistory()).map((answer) => answer.itemId)).to.deep.equal(['card-1']);
    expect((await api.log()).filter((entry) => entry.path === GRADES).map((entry) => entry.status)).to.deep.equal([503, 200]);
  });
});
