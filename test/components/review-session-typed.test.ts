// Typed answers in the element: after Check, what was typed beside the closest accepted answer
// with the differences marked (struck through, underlined: not colour alone), alternatives from
// `accept` and the `|` separator, the counter moving on only after Next, and bad `accept` values
// refused with the item named.
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import type { ReviewAnswerEvent, ReviewErrorEvent } from '../../components/review-session/review-session-events.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { freshIdentity, mountSession, part, textOf, waitForPart, useEngineSuite } from './helpers.js';

const ITEMS = [
  { id: 'neko', contentType: 'word', prompt: '猫', answer: 'ねこ (neko) — cat', accept: ['ねこ', 'neko', 'cat'], version: 1 },
  { id: 'kyiv', contentType: 'capital', prompt: 'Capital of Ukraine?', answer: 'Kyiv|Kiev', version: 1 },
  { id: 'paris', contentType: 'capital', prompt: 'Capital of France?', answer: 'Paris', version: 1 },
];

/** Types `value` into the field and checks it; resolves the stored answer's event. */
async function typeAndCheck(el: ReviewSessionElement, value: string): Promise<ReviewAnswerEvent> {
  const input = await waitForPart<HTMLInputElement>(el, 'typed-input');
  input.value = value;
  const answered = oneEvent(el, 'review-answer');
  part(el, 'check-button')!.click();
  const event = (await answered) as ReviewAnswerEvent;
  await waitForPart(el, 'feedback');
  return event;
}

/** The progress bar's width. */
function bar(el: ReviewSessionElement): string {
  return (part(el, 'progress-bar')!.firstElementChild as HTMLElement).style.width;
}

describe('<review-session> typed answers', () => {
  useEngineSuite();

  it('takes an accepted alternative, shows what was typed beside the answer, and moves the counter only after Next', async () => {
    const el = await mountSession(freshIdentity(), { items: ITEMS, attributes: { mode: 'typed' } });
    expect((await typeAndCheck(el, ' ｎｅｋｏ ')).detail.answer.correct).to.equal(true);
    expect(textOf(el, 'feedback')).to.equal('Correct');
    expect(textOf(el, 'typed-answer')).to.equal('neko');
    expect(textOf(el, 'typed-expected')).to.equal('neko');
    expect(part(el, 'typed-comparison')!.querySelector('del, ins')).to.equal(null);
    // Stored at once, but still card 1 until Next.
    expect(textOf(el, 'progress-text')).to.equal('1 of 3');
    expect(bar(el)).to.equal('0%');
    await expect(el).to.be.accessible();
    part(el, 'next-button')!.click();
    await waitUntil(() => textOf(el, 'progress-text') === '2 of 3', 'the counter moves on after Next');
    expect(bar(el)).to.equal('33%');

    expect((await typeAndCheck(el, 'kiev')).detail.answer.correct).to.equal(true);
    part(el, 'next-button')!.click();
    await waitUntil(() => textOf(el, 'prompt') === 'Capital of France?', 'the third card');
  });

  it('marks the differences of a wrong answer against the closest accepted one, not by colour alone', async () => {
    const el = await mountSession(freshIdentity(), { items: ITEMS.slice(2), attributes: { mode: 'typed' } });
    expect((await typeAndCheck(el, 'Parsi')).detail.answer.correct).to.equal(false);
    expect(textOf(el, 'feedback')).to.equal('Not quite');
    expect(textOf(el, 'typed-answer')).to.equal('parsi');
    expect(textOf(el, 'typed-expected')).to.equal('paris');
    const extra = [...part(el, 'typed-answer')!.querySelectorAll('del')].map((node) => node.textContent).join('');
    const missing = [...part(el, 'typed-expected')!.querySelectorAll('ins')].map((node) => node.textContent).join('');
    expect(extra.length).to.be.greaterThan(0);
    expect(missing.length).to.be.greaterThan(0);
    const del = part(el, 'typed-answer')!.querySelector('del')!;
    const ins = part(el, 'typed-expected')!.querySelector('ins')!;
    expect(getComputedStyle(del).textDecorationLine).to.equal('line-through');
    expect(getComputedStyle(ins).textDecorationLine).to.equal('underline');
    expect(textOf(el, 'progress-text')).to.equal('1 of 1');
    expect(bar(el)).to.equal('0%');
    await expect(el).to.be.accessible();
  });

  it('keeps the counts of a scheduled review until Next', async () => {
    const el = await mountSession(freshIdentity(), { items: ITEMS, attributes: { mode: 'typed', schedule: 'review' } });
    await waitForPart(el, 'typed-input');
    const before = textOf(el, 'counts');
    await typeAndCheck(el, 'cat');
    expect(textOf(el, 'counts')).to.equal(before);
    part(el, 'next-button')!.click();
    await waitUntil(() => textOf(el, 'prompt') === 'Capital of Ukraine?', 'the next card');
    expect(textOf(el, 'counts')).to.not.equal(before);
  });

  it('refuses an item whose accept is not a list of non-empty strings, naming it, and keeps the rest', async () => {
    const errors: ReviewErrorEvent[] = [];
    document.addEventListener('review-error', (e) => errors.push(e as ReviewErrorEvent), { once: true });
    const bad = { id: 'bad', contentType: 'word', prompt: 'p', answer: 'a', accept: 'a|b', version: 1 };
    const el = await mountSession(freshIdentity(), { items: [bad, ITEMS[2]], attributes: { mode: 'typed' } });
    await waitForPart(el, 'typed-input');
    await waitUntil(() => errors.length > 0, 'a review-error');
    expect(errors[0]!.detail.code).to.equal('invalid-input');
    expect(errors[0]!.detail.error.details).to.include({ reason: 'bad-item', id: 'bad', field: 'accept' });
    expect(textOf(el, 'progress-text')).to.equal('1 of 1');
  });
});
