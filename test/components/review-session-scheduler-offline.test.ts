// The derivation chunk (the scheduler, and the transaction that records an answer) cannot be
// fetched when the learner grades: offline before the worker cached it, or deleted by a newer
// build. The grade is not stored, and the review goes on: the card comes back revealed with a
// notice, to be graded again, never the error screen.
import { expect } from '@open-wc/testing';
import type { ReviewAnswerEvent } from '../../components/review-session/review-session-events.js';
import { loadedDerivation } from '../../src/storage/derivation-loader.js';
import { api } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { cards, engineFor, freshIdentity, mountSession, part, textOf, useEngineSuite, waitForPart } from './helpers.js';

describe('<review-session> when the scheduler chunk cannot be loaded', () => {
  useEngineSuite();
  afterEach(() => api.clear());

  it('a grade brings its card back with a notice, stores nothing and shows no error screen', async () => {
    await api.fault({ match: '/src/storage/derivation.ts', mode: 'status', status: 503 });
    // The answer worker's script is not there either (both are cached together, or neither).
    await api.fault({ match: '/src/storage/answer-worker', mode: 'status', status: 503 });
    const id = freshIdentity();
    const el = await mountSession(id, { items: cards(3), attributes: { schedule: 'review' } });
    const errors: string[] = [];
    const stored: string[] = [];
    el.addEventListener('review-error', (e) => errors.push((e as CustomEvent).detail.code));
    el.addEventListener('review-answer', (e) => stored.push((e as ReviewAnswerEvent).detail.answer.itemId));
    (await waitForPart(el, 'reveal-button')).click();
    await waitForPart(el, 'grade-good');
    expect(textOf(el, 'prompt')).to.equal('prompt 1');
    expect(loadedDerivation()).to.equal(null);
    part(el, 'grade-good')!.click();
    await waitUntil(() => errors.length > 0 && part(el, 'notice') && part(el, 'grade-good'), 'no notice');
    expect(errors).to.deep.equal(['content-unavailable']);
    expect(part(el, 'error')).to.equal(null);
    expect(textOf(el, 'notice')).to.equal(el.resolvedLabels.answerUnavailable);
    expect(textOf(el, 'prompt')).to.equal('prompt 1');
    expect(stored).to.deep.equal([]);
    expect(await engineFor(id).answerHistory()).to.deep.equal([]);
  });
});
