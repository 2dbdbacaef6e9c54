// The progress bar and the end-of-session summary: the bar is full after the last card, the
// summary is centred like the card, and it lists the missed cards with a way to review just
// those, offline too.
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import type { ReviewAnswerEvent } from '../../components/review-session/review-session-events.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { api, cdp } from '../support/server.js';
import { cards, focused, freshIdentity, loadChunksAsPrecached, mountSession, part, textOf, useEngineSuite, waitForPart } from './helpers.js';

/** Reveals and grades the current card; resolves the review-answer event. */
async function gradeCurrent(el: ReviewSessionElement, grade: 'again' | 'hard' | 'good' | 'easy'): Promise<ReviewAnswerEvent> {
  (await waitForPart(el, 'reveal-button')).click();
  const button = await waitForPart(el, `grade-${grade}`);
  const answered = oneEvent(el, 'review-answer');
  button.click();
  return (await answered) as ReviewAnswerEvent;
}

/** The filled share of the progress bar (its width, which then eases in over a transition). */
function barShare(el: ReviewSessionElement): string {
  return (part(el, 'progress-bar')!.firstElementChild as HTMLElement).style.width;
}

/** The horizontal centre of an element's box. */
function centre(element: Element): number {
  const box = element.getBoundingClientRect();
  return box.left + box.width / 2;
}

describe('<review-session> progress and summary', () => {
  useEngineSuite();
  // Some tests go offline; the chunks loaded after a first card are there by then, as a worker precaches them.
  before(loadChunksAsPrecached);
  afterEach(() => cdp.offline(false));

  it('the progress bar is empty on the first card and full after the last one', async () => {
    const el = await mountSession(freshIdentity(), { items: cards(3) });
    await waitForPart(el, 'reveal-button');
    expect(barShare(el)).to.equal('0%');
    await gradeCurrent(el, 'good');
    await waitUntil(() => textOf(el, 'prompt') === 'prompt 2', 'the second card');
    expect(barShare(el)).to.equal('33%');
    await gradeCurrent(el, 'good');
    await gradeCurrent(el, 'good');
    await waitForPart(el, 'summary');
    expect(textOf(el, 'progress-text')).to.equal('3 of 3');
    expect(barShare(el)).to.equal('100%');
  });

  it('centres the summary like the card', async () => {
    const el = await mountSession(freshIdentity(), { items: cards(1) });
    await gradeCurrent(el, 'good');
    const summary = await waitForPart(el, 'summary');
    const base = part(el, 'base')!;
    expect(getComputedStyle(summary).textAlign).to.equal('center');
    for (const element of [summary.querySelector('dl')!, part(el, 'restart-button')!]) {
      expect(Math.abs(centre(element) - centre(base))).to.be.below(1.5);
    }
  });

  it('lists the cards graded Again, and reviews just those again offline', async () => {
    const id = freshIdentity();
    const el = await mountSession(id, { items: cards(3) });
    await gradeCurrent(el, 'again');
    await gradeCurrent(el, 'good');
    await gradeCurrent(el, 'again');
    await waitForPart(el, 'missed');
    const entries = [...el.shadowRoot!.querySelectorAll('[part~="missed-item"]')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(entries).to.deep.equal(['prompt 1 answer 1', 'prompt 3 answer 3']);
    expect(el.shadowRoot!.querySelector('#missed-heading')!.textContent).to.equal('Missed cards');
    await expect(el).to.be.accessible();

    await api.fault({ mode: 'down' });
    await cdp.offline(true);
    const first = el.session!.id;
    part(el, 'review-missed-button')!.click();
    await waitUntil(() => el.session && el.session.id !== first && part(el, 'reveal-button'), 'a session over the missed cards');
    expect(el.session!.itemIds).to.deep.equal(['card-1', 'card-3']);
    expect(textOf(el, 'progress-text')).to.equal('1 of 2');
    expect(textOf(el, 'prompt')).to.equal('prompt 1');
    await waitUntil(() => focused(el)?.getAttribute('part') === 'reveal-button', 'focus on the first missed card');
    await gradeCurrent(el, 'good');
    await gradeCurrent(el, 'good');
    await waitForPart(el, 'summary');
    expect(part(el, 'missed')).to.equal(null);
    expect(textOf(el, 'summary-answered')).to.equal('2');

    // "Review again" is the whole deck once more.
    part(el, 'restart-button')!.click();
    await waitUntil(() => textOf(el, 'progress-text') === '1 of 3', 'the whole deck again');
  });

  it('"All done for now" lists the cards missed in the visit, and reviews them again', async () => {
    const id = freshIdentity();
    // No learn-ahead: the card graded Again is not shown early, so the visit ends.
    const el = await mountSession(id, { items: cards(2), attributes: { schedule: 'review', 'learn-ahead': '0' } });
    await gradeCurrent(el, 'again');
    await gradeCurrent(el, 'good');
    await waitForPart(el, 'done');
    expect(textOf(el, 'missed-list')).to.equal('prompt 1 answer 1');
    await expect(el).to.be.accessible();
    part(el, 'review-missed-button')!.click();
    await waitUntil(() => textOf(el, 'progress-text') === '1 of 1', 'a drill over the missed card');
    expect(textOf(el, 'prompt')).to.equal('prompt 1');
  });
});
