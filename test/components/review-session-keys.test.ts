// The keyboard: a click anywhere on the card puts focus in the session; the page's only review
// takes its shortcuts from the page (unless keyboard="local"), never from fields, editable
// regions, focused controls or the page's modifier chords, and not at all with two reviews on
// the page; Enter reveals too; undo keys; a visible, themable focus ring; "Show answer" first
// in the Tab order.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { ReviewAnswerEvent } from '../../components/review-session/review-session-events.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { pressChord } from '../support/server.js';
import { cards, focused, freshIdentity, mountSession, part, textOf, waitForPart, useEngineSuite } from './helpers.js';

/**
 * Nothing on the page has focus: keys go to the body. The innermost focused element is blurred
 * (Firefox does not pass a host's blur() on to the control focused in its shadow root).
 */
function blurAll(): void {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  (active as HTMLElement | null)?.blur();
  // Booleans, not elements: a failed comparison of elements is slow to report in Firefox.
  expect(document.activeElement === document.body, 'focus left on the body').to.equal(true);
}

/** A real click at the centre of `element`. */
async function clickAt(element: Element): Promise<void> {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

/** Ctrl+Z, as a learner presses it. */
async function controlZ(): Promise<void> {
  // One chord command: classic WebDriver (WebKit) cannot hold a key down across commands.
  await pressChord('Control', 'z');
}

/** The keys a test presses that must do nothing: pressed, then a round trip to the browser. */
async function pressIgnored(el: ReviewSessionElement, keys: string[]): Promise<void> {
  for (const key of keys) await sendKeys({ press: key });
  await el.updateComplete;
}

describe('<review-session> keyboard', () => {
  useEngineSuite();
  afterEach(() => resetMouse());

  it('a click on the card (not on a control) puts focus in the session; Space then reveals and 1-4 grade', async () => {
    const el = await mountSession(freshIdentity(), { items: cards(2), attributes: { keyboard: 'local' } });
    await waitForPart(el, 'reveal-button');
    blurAll();
    await clickAt(part(el, 'prompt')!);
    expect(el.shadowRoot!.activeElement !== null, 'focus inside the session').to.equal(true);
    await sendKeys({ press: ' ' });
    await waitForPart(el, 'grade-button');
    // A click on the frame outside the card (the progress row) keeps focus inside too.
    blurAll();
    await clickAt(part(el, 'progress-text')!);
    expect(el.shadowRoot!.activeElement !== null, 'focus inside the session').to.equal(true);
    const answered = oneEvent(el, 'review-answer');
    await sendKeys({ press: '2' });
    expect(((await answered) as ReviewAnswerEvent).detail.answer.rating).to.equal(2);
  });

  it("the page's only review takes Space, Enter, 1-4 and z from the page without a click", async () => {
    const el = await mountSession(freshIdentity(), { items: cards(3) });
    await waitForPart(el, 'reveal-button');
    blurAll();
    await sendKeys({ press: ' ' });
    await waitForPart(el, 'grade-button');
    blurAll();
    let answered = oneEvent(el, 'review-answer');
    await sendKeys({ press: '4' });
    expect(((await answered) as ReviewAnswerEvent).detail.answer.rating).to.equal(4);
    await waitUntil(() => textOf(el, 'prompt') === 'prompt 2', 'the second card');
    blurAll();
    await sendKeys({ press: 'Enter' });
    await waitForPart(el, 'grade-button');
    blurAll();
    answered = oneEvent(el, 'review-answer');
    await sendKeys({ press: '3' });
    await answered;
    await waitUntil(() => textOf(el, 'prompt') === 'prompt 3', 'the third card');
    blurAll();
    await sendKeys({ press: 'z' });
    await waitUntil(() => textOf(el, 'prompt') === 'prompt 2', 'undone: the second card again');
  });

  it('never takes keys typed in fields, editable regions or on focused controls of the page, nor its chords', async () => {
    const el = await mountSession(freshIdentity(), { items: cards(2) });
    const page = await fixture<HTMLDivElement>(html`<div>
      <input aria-label="search" /><textarea aria-label="notes"></textarea>
      <div contenteditable="true" aria-label="editor"></div><a href="#nowhere">link</a>
    </div>`);
    await waitForPart(el, 'reveal-button');
    for (const field of page.querySelectorAll<HTMLElement>('input, textarea, [contenteditable]')) {
      field.focus();
      await pressIgnored(el, [' ', 'Enter', '1', 'z']);
      expect(part(el, 'answer') === null, field.localName).to.equal(true);
    }
    expect(page.querySelector('input')!.value).to.equal(' 1z');
    // Enter on a focused link is the link's.
    page.querySelector('a')!.focus();
    await pressIgnored(el, [' ']);
    expect(part(el, 'answer') === null, 'not revealed').to.equal(true);

    // Answer one card, then Ctrl+Z on the page is the page's; inside the element it undoes.
    blurAll();
    await sendKeys({ press: ' ' });
    const answered = oneEvent(el, 'review-answer');
    await sendKeys({ press: '3' });
    await answered;
    await waitUntil(() => textOf(el, 'prompt') === 'prompt 2', 'the second card');
    blurAll();
    await controlZ();
    await el.updateComplete;
    expect(textOf(el, 'prompt')).to.equal('prompt 2');
    part(el, 'reveal-button')!.focus();
    await controlZ();
    await waitUntil(() => textOf(el, 'prompt') === 'prompt 1', 'Ctrl+Z inside the element undoes');
  });

  it('keyboard="local" and a second review on the page turn page-level shortcuts off', async () => {
    const local = await mountSession(freshIdentity(), { items: cards(1), attributes: { keyboard: 'local' } });
    await waitForPart(local, 'reveal-button');
    blurAll();
    await pressIgnored(local, [' ', 'Enter']);
    expect(part(local, 'answer') === null, 'not revealed').to.equal(true);
    local.keyboard = 'page';
    await sendKeys({ press: ' ' });
    await waitForPart(local, 'answer');

    const second = await mountSession(freshIdentity(), { items: cards(1) });
    await waitForPart(second, 'reveal-button');
    blurAll();
    await pressIgnored(second, [' ', '1']);
    expect(part(second, 'answer') === null, 'not revealed').to.equal(true);
    expect(local.session && textOf(local, 'prompt')).to.equal('prompt 1');
    // One of the two removed: the other takes page keys again.
    local.remove();
    blurAll();
    await sendKeys({ press: ' ' });
    await waitForPart(second, 'answer');
  });

  it('takes no page keys while not shown: inside a display:none tab panel or a closed <details>', async () => {
    for (const wrapper of ['panel', 'details'] as const) {
      const holder = await fixture<HTMLElement>(
        wrapper === 'panel' ? html`<div role="tabpanel" aria-label="cards" style="display: none"></div>` : html`<details><summary>cards</summary></details>`,
      );
      const el = await mountSession(freshIdentity(), { items: cards(2) });
      holder.append(el);
      await waitForPart(el, 'reveal-button');
      part(el, 'reveal-button')!.click();
      await waitForPart(el, 'grade-button');
      blurAll();
      let answers = 0;
      el.addEventListener('review-answer', () => answers++);
      await pressIgnored(el, ['2', 'z']);
      expect(answers, `${wrapper}: no grade`).to.equal(0);
      expect(textOf(el, 'prompt'), wrapper).to.equal('prompt 1');
      // Shown again, the same keys apply.
      if (wrapper === 'panel') holder.style.display = '';
      else (holder as HTMLDetailsElement).open = true;
      await waitUntil(() => el.checkVisibility(), `${wrapper}: shown`);
      const answered = oneEvent(el, 'review-answer');
      await sendKeys({ press: '2' });
      expect(((await answered) as ReviewAnswerEvent).detail.answer.rating).to.equal(2);
      holder.remove();
    }
  });

  it('leaves Space to the page (it scrolls) while the session is scrolled out of view; Enter still reveals', async () => {
    const el = await mountSession(freshIdentity(), { items: cards(1) });
    el.style.marginTop = '300vh';
    await waitForPart(el, 'reveal-button');
    window.scrollTo(0, 0);
    blurAll();
    let spaceTaken: boolean | undefined;
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === ' ') spaceTaken = event.defaultPrevented;
    };
    // Added after the element's page listener, so it sees what that one did.
    document.addEventListener('keydown', onKey);
    try {
      await pressIgnored(el, [' ']);
      expect(spaceTaken, 'Space left to the page').to.equal(false);
      expect(part(el, 'answer') === null, 'not revealed').to.equal(true);
      window.scrollTo(0, 0);
      await sendKeys({ press: 'Enter' });
      await waitForPart(el, 'answer');
    } finally {
      document.removeEventListener('keydown', onKey);
    }
  });

  it('"Show answer" is the first Tab stop, before Undo, with a visible, themable focus ring', async () => {
    const before = await fixture<HTMLButtonElement>(html`<button>before</button>`);
    const el = await mountSession(freshIdentity(), { items: cards(2) });
    await waitForPart(el, 'reveal-button');
    part(el, 'reveal-button')!.click();
    const answered = oneEvent(el, 'review-answer');
    (await waitForPart(el, 'grade-good')).click();
    await answered;
    await waitForPart(el, 'undo-button');
    await waitForPart(el, 'reveal-button');
    before.focus();
    await sendKeys({ press: 'Tab' });
    const reveal = part(el, 'reveal-button')!;
    expect(focused(el) === reveal, 'focus on "Show answer"').to.equal(true);
    expect(reveal.matches(':focus-visible')).to.equal(true);
    const ring = getComputedStyle(reveal);
    expect(ring.outlineStyle).to.equal('solid');
    expect(ring.outlineColor).to.equal('rgb(11, 92, 173)'); // the accent, by default
    el.style.setProperty('--review-session-focus-ring', 'rgb(200, 0, 120)');
    expect(getComputedStyle(reveal).outlineColor).to.equal('rgb(200, 0, 120)');
    await expect(el).to.be.accessible();
    // Enter on the focused "Show answer" reveals once, and focus moves to Good.
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(el)?.getAttribute('part')?.includes('grade-good'), 'focus on Good');
    expect(part(el, 'grade-good')!.matches(':focus-visible')).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
