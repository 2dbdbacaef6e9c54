import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import { sendKeys } from '@web/test-runner-commands';
import type { ReviewCompleteEvent } from '../../components/review-session/review-complete-event.js';
import type { ReviewAnswerEvent } from '../../components/review-session/review-session-events.js';
import { cards, focused, freshIdentity, mountSession, part, textOf, waitForPart, useEngineSuite } from './helpers.js';

describe('<review-session>', () => {
  useEngineSuite();

  describe('accessibility', () => {
    it('is axe clean while loading, on a card, revealed and at the summary', async () => {
      const id = freshIdentity();
      const el = await mountSession(id, { items: cards(1) });
      await expect(el).to.be.accessible();
      await waitForPart(el, 'reveal-button');
      await expect(el).to.be.accessible();
      part(el, 'reveal-button')!.click();
      await waitForPart(el, 'grade-button');
      await expect(el).to.be.accessible();
      const done = oneEvent(el, 'review-complete');
      part(el, 'grade-good')!.click();
      await done;
      await waitForPart(el, 'summary');
      await expect(el).to.be.accessible();
    });

    it('is axe clean in typed mode, before and after checking', async () => {
      const id = freshIdentity();
      const el = await mountSession(id, { items: cards(2), attributes: { mode: 'typed' } });
      const input = await waitForPart<HTMLInputElement>(el, 'typed-input');
      await expect(el).to.be.accessible();
      input.value = 'wrong';
      const answered = oneEvent(el, 'review-answer');
      part(el, 'check-button')!.click();
      await answered;
      await waitForPart(el, 'feedback');
      await expect(el).to.be.accessible();
    });
  });

  describe('attributes and labels', () => {
    it('shows the prompt, progress "n of total", and the answer after reveal', async () => {
      const id = freshIdentity();
      const el = await mountSession(id, { items: cards(3) });
      await waitForPart(el, 'reveal-button');
      expect(textOf(el, 'prompt')).to.equal('prompt 1');
      expect(textOf(el, 'progress-text')).to.equal('1 of 3');
      expect(part(el, 'answer')).to.equal(null);
      part(el, 'reveal-button')!.click();
      await el.updateComplete;
      expect(textOf(el, 'answer')).to.equal('answer 1');
      expect(el.shadowRoot!.querySelectorAll('[part~="grade-button"]')).to.have.length(4);
    });

    it('is display: block, and hidden hides it', async () => {
      const el = await mountSession(freshIdentity(), { items: cards(1) });
      expect(getComputedStyle(el).display).to.equal('block');
      el.hidden = true;
      expect(getComputedStyle(el).display).to.equal('none');
    });

    it('replaces every label through the labels property', async () => {
      const id = freshIdentity();
      const el = await mountSession(id, { items: cards(2) });
      el.labels = { reveal: 'Antwort zeigen', progress: 'Karte {n} von {total}', good: 'Gut' };
      await waitForPart(el, 'reveal-button');
      await el.updateComplete;
      expect(textOf(el, 'reveal-button')).to.equal('Antwort zeigen');
      expect(textOf(el, 'progress-text')).to.equal('Karte 1 von 2');
      part(el, 'reveal-button')!.click();
      await el.updateComplete;
      expect(textOf(el, 'grade-good')).to.contain('Gut');
    });

    it('in typed mode compares trimmed and case-insensitive, and records correct or not', async () => {
      const id = freshIdentity();
      const el = await mountSession(id, {
        items: [
          { id: 'a', contentType: 'word', prompt: 'water', answer: 'Mizu', version: 1 },
          { id: 'b', contentType: 'word', prompt: 'fire', answer: 'hi', version: 1 },
        ],
        attributes: { mode: 'typed' },
      });
      const input = await waitForPart<HTMLInputElement>(el, 'typed-input');
      input.value = '  mIZU ';
      let answered = oneEvent(el, 'review-answer');
      part(el, 'check-button')!.click();
      const first = (await answered) as ReviewAnswerEvent;
      expect(first.detail.answer.correct).to.equal(true);
      expect(first.detail.answer.typedAnswer).to.equal('  mIZU ');
      await waitForPart(el, 'feedback');
      expect(textOf(el, 'feedback')).to.equal('Correct');
      expect(textOf(el, 'answer')).to.equal('Mizu');
      part(el, 'next-button')!.click();
      const second = await waitForPart<HTMLInputElement>(el, 'typed-input');
      second.value = 'ka';
      answered = oneEvent(el, 'review-answer');
      part(el, 'check-button')!.click();
      expect(((await answered) as ReviewAnswerEvent).detail.answer.correct).to.equal(false);
      await waitForPart(el, 'feedback');
      expect(textOf(el, 'feedback')).to.equal('Not quite');
    });
  });

  describe('keyboard and focus', () => {
    it('Space reveals, focus moves to Good, keys 1-4 grade, focus moves to the next card', async () => {
      const id = freshIdentity();
      const el = await mountSession(id, { items: cards(3) });
      const reveal = await waitForPart(el, 'reveal-button');
      reveal.focus();
      await sendKeys({ press: ' ' }); // the space bar: Firefox's BiDi keyboard has no key named "Space"
      await waitUntil(() => focused(el)?.getAttribute('part')?.includes('grade-good'), 'focus on Good');
      expect(textOf(el, 'answer')).to.equal('answer 1');

      const answered = oneEvent(el, 'review-answer');
      await sendKeys({ press: '3' });
      const event = (await answered) as ReviewAnswerEvent;
      expect(event.detail.answer.rating).to.equal(3);
      expect(event.detail.position).to.equal(1);
      await waitUntil(() => textOf(el, 'prompt') === 'prompt 2', 'the next card');
      await waitUntil(() => focused(el)?.getAttribute('part') === 'reveal-button', 'focus on the next card');
      expect(textOf(el, 'progress-text')).to.equal('2 of 3');
      const live = el.shadowRoot!.querySelector('[role="status"]')!;
      expect(live.getAttribute('aria-live')).to.equal('polite');
      expect(live.textContent).to.contain('2 of 3').and.contain('prompt 2');

      await sendKeys({ press: '1' }); // not revealed yet: ignored
      await sendKeys({ press: ' ' }); // the space bar: Firefox's BiDi keyboard has no key named "Space"
      await waitForPart(el, 'grade-button');
      const again = oneEvent(el, 'review-answer');
      await sendKeys({ press: '1' });
      expect(((await again) as ReviewAnswerEvent).detail.answer.correct).to.equal(false);
    });

    it('Enter submits a typed answer and focus moves to Next, then to the next input', async () => {
      const id = freshIdentity();
      const el = await mountSession(id, { items: cards(2), attributes: { mode: 'typed' } });
      const input = await waitForPart<HTMLInputElement>(el, 'typed-input');
      input.focus();
      await sendKeys({ type: 'answer 1' });
      const answered = oneEvent(el, 'review-answer');
      await sendKeys({ press: 'Enter' });
      await answered;
      await waitUntil(() => focused(el)?.getAttribute('part') === 'next-button', 'focus on Next');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focused(el)?.getAttribute('part') === 'typed-input', 'focus on the next input');
      expect(textOf(el, 'prompt')).to.equal('prompt 2');
    });
  });

  describe('events', () => {
    it('fires review-answer per card and review-complete with the summary, then can restart', async () => {
      const id = freshIdentity();
      const el = await mountSession(id, { items: cards(2) });
      const seen: ReviewAnswerEvent[] = [];
      document.body.addEventListener('review-answer', (e) => seen.push(e));
      await waitForPart(el, 'reveal-button');
      part(el, 'reveal-button')!.click();
      await waitForPart(el, 'grade-button');
      part(el, 'grade-easy')!.click();
      await waitUntil(() => textOf(el, 'prompt') === 'prompt 2');
      part(el, 'reveal-button')!.click();
      await waitForPart(el, 'grade-button');
      const complete = oneEvent(el, 'review-complete');
      part(el, 'grade-again')!.click();
      const { detail } = (await complete) as ReviewCompleteEvent;
      expect(seen.map((e) => e.detail.answer.rating)).to.deep.equal([4, 1]);
      expect(seen[0]!.bubbles && !seen[0]!.composed).to.equal(true);
      expect(detail.answered).to.equal(2);
      expect(detail.correct).to.equal(1);
      expect(detail.accuracy).to.equal(0.5);
      expect(detail.sessionId).to.equal(el.session!.id);
      await waitForPart(el, 'summary');
      expect(textOf(el, 'summary-answered')).to.equal('2');
      expect(textOf(el, 'summary-accuracy')).to.match(/50\s?%/);
      expect(textOf(el, 'summary-time')).to.match(/^\d+:\d\d$/);
      await waitUntil(() => focused(el)?.getAttribute('part') === 'summary', 'focus on the summary');

      const firstSession = el.session!.id;
      part(el, 'restart-button')!.click();
      await waitUntil(() => el.session && el.session.id !== firstSession && part(el, 'reveal-button'), 'a new session');
      expect(textOf(el, 'progress-text')).to.equal('1 of 2');
    });
  });
});
