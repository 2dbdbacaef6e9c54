// The scheduler (ts-fsrs, in the derivation module) is not on a scheduled review's way to its
// first card: the test holds that module's request for real (a fault rule of the test server)
// and the first card shows, face down and revealed, while it is held. Grades given before it
// arrives are stored once each and in order once it does. Every test file runs in a page of its
// own, so the module is fetched here for the first time.
import { expect } from '@open-wc/testing';
import type { ReviewAnswerEvent } from '../../components/review-session/review-session-events.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { loadedDerivation } from '../../src/storage/derivation-loader.js';
import { api } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { cards, engineFor, freshIdentity, mountSession, part, rendered, textOf, useEngineSuite, waitForPart, type TestIdentity } from './helpers.js';

/** Every `review-answer` of `el`, in order, from now on. */
function answersOf(el: ReviewSessionElement): string[] {
  const seen: string[] = [];
  el.addEventListener('review-answer', (event) => seen.push((event as ReviewAnswerEvent).detail.answer.itemId));
  return seen;
}

/** The item ids of the stored answers of the element's session, in answer order. */
async function storedAnswers(id: TestIdentity, el: ReviewSessionElement): Promise<string[]> {
  if (!el.session) return [];
  return (await engineFor(id).getSessionAnswers(el.session.id)).map((answer) => answer.itemId);
}

async function reveal(el: ReviewSessionElement): Promise<void> {
  (await waitForPart(el, 'reveal-button')).click();
  await waitForPart(el, 'grade-good');
}

describe('<review-session> before the scheduler has loaded', () => {
  useEngineSuite();

  it('shows the first card without it; two grades given meanwhile are stored once each, in order, once it arrives', async () => {
    await api.fault({ match: '/src/storage/derivation.ts', mode: 'hold' });
    const id = freshIdentity();
    const el = await mountSession(id, { items: cards(3), attributes: { schedule: 'review' } });
    const seen = answersOf(el);
    await reveal(el);
    expect(textOf(el, 'prompt')).to.equal('prompt 1');
    expect(loadedDerivation(), 'the first card came without the scheduler').to.equal(null);
    expect(part(el, 'interval'), 'no interval label before the scheduler').to.equal(null);
    // The module was asked for once the card showed, and is held.
    await waitUntil(async () => (await api.held()).includes('/src/storage/derivation.ts'), 'the scheduler was never asked for');
    part(el, 'grade-good')!.click();
    // The graded card leaves the queue while its state is unknown: the next card shows.
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 2' && part(el, 'reveal-button'));
    await reveal(el);
    part(el, 'grade-again')!.click();
    expect(seen, 'nothing counted before it is stored').to.deep.equal([]);
    expect(await storedAnswers(id, el), 'nothing stored while the scheduler is held').to.deep.equal([]);
    await api.release();
    await waitUntil(() => seen.length === 2, 'the two answers were never stored');
    expect(seen).to.deep.equal(['card-1', 'card-2']);
    expect(await storedAnswers(id, el)).to.deep.equal(['card-1', 'card-2']);
    expect(loadedDerivation()).to.not.equal(null);
    // The next card is the one the stored states give, and its grades show their intervals.
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 3' && part(el, 'reveal-button'));
    await reveal(el);
    await waitForPart(el, 'interval');
    expect(await storedAnswers(id, el), 'each answer once').to.deep.equal(['card-1', 'card-2']);
  });
});
