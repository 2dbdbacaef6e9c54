// The review tag's words are a chunk per language, English too
// (components/review-session/review-session-words.ts): a page fetches only its own language's.
// When that chunk cannot be loaded, the element shows the error screen, in the two English
// sentences it keeps for this, with `content-unavailable` naming the chunk; "Try again" loads
// the words again with the review. A page of its own: the Japanese words were never loaded in it.
import { expect } from '@open-wc/testing';
import type { OfflineReviewError } from '../../src/index.js';
import { api } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { cards, engineFor, freshIdentity, mountSession, part, rendered, textOf, useEngineSuite, waitForPart } from './helpers.js';

interface Inside {
  review: { phase: string; answering: boolean };
}

const JA = '/components/review-session/review-session-labels-ja.ts';
const key = (name: string): boolean => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true }));

describe('<review-session> words', () => {
  useEngineSuite();
  afterEach(() => api.clear());

  it('shows the error with content-unavailable when its language\'s words cannot be loaded; "Try again" loads them with the review', async () => {
    await api.fault({ match: '/components/review-session/review-session-labels-ja.ts', mode: 'status', status: 503 });
    const errors: OfflineReviewError[] = [];
    const ready = new Promise<void>((resolve) => document.addEventListener('review-ready', () => resolve(), { once: true }));
    document.addEventListener('review-error', (event) => errors.push((event as CustomEvent).detail.error));
    const el = await mountSession(freshIdentity(), { items: cards(2), attributes: { lang: 'ja' } });
    expect(textOf(el, 'error-message')).to.equal('This part of the review could not be loaded. Connect to the internet and try again.');
    expect(textOf(el, 'retry-button')).to.equal('Try again');
    expect(errors.map((error) => [error.code, error.details['chunk']])).to.deep.equal([['content-unavailable', 'words']]);
    // Other tags of the page do not wait for a first card that cannot come.
    await ready;
    expect(part(el, 'prompt')).to.equal(null);

    // Firefox keeps a module that failed failed for the page: the retry is in English.
    el.lang = 'en';
    part(el, 'retry-button')!.click();
    await waitUntil(() => textOf(el, 'reveal-button') === 'Show answer', 'the review never came back');
    expect(textOf(el, 'prompt')).to.equal('prompt 1');
    expect(part(el, 'error')).to.equal(null);
    expect(errors).to.have.length(1);
  });

  it('words that cannot be loaded stop the review: one review-error, no load behind the error screen', async () => {
    await api.fault({ match: JA, mode: 'status', status: 503 });
    const errors: OfflineReviewError[] = [];
    const onError = (event: Event): number => errors.push((event as CustomEvent).detail.error);
    document.addEventListener('review-error', onError);
    try {
      const id = freshIdentity();
      const el = await mountSession(id, { items: cards(2), attributes: { lang: 'ja' } });
      const review = (el as unknown as Inside).review;
      // The first load has settled: stopped at once (before: it ran behind the error screen and failed with 'internal').
      await waitUntil(() => review.phase === 'error', 'the review never stopped');
      await el.updateComplete;
      expect(errors.map((error) => [error.code, error.details['chunk']])).to.deep.equal([['content-unavailable', 'words']]);
      key(' ');
      key('3');
      expect(review.answering, 'a page key acts on nothing').to.equal(false);
      expect(await engineFor(id).answerHistory()).to.deep.equal([]);
    } finally {
      document.removeEventListener('review-error', onError);
    }
  });

  it('words of a new lang that cannot be loaded stop the review: a page key then grades no card behind the error screen', async () => {
    const id = freshIdentity();
    const el = await mountSession(id, { items: cards(3) });
    (await waitForPart(el, 'reveal-button')).click();
    await waitForPart(el, 'grade-good');
    await api.fault({ match: JA, mode: 'status', status: 503 });
    const failed = new Promise<void>((resolve) => el.addEventListener('review-error', () => resolve(), { once: true }));
    el.lang = 'ja';
    el.requestUpdate(); // its next update (any) renders in the new language
    await failed;
    await rendered(el, () => part(el, 'error'));
    (document.activeElement as HTMLElement | null)?.blur();
    key('3'); // card 1 is no longer on screen (before: graded, and again with a second key)
    expect((el as unknown as Inside).review.answering, 'a page key grades nothing').to.equal(false);
    expect(await engineFor(id).answerHistory()).to.deep.equal([]);
  });
});
