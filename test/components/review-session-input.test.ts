import { expect, fixture, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import type { ReviewErrorEvent } from '../../components/review-session/review-session-events.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { cards, freshIdentity, mountSession, part, scriptJson, textOf, waitForPart, useEngineSuite } from './helpers.js';

declare global {
  interface Window {
    __pwned?: string;
  }
}

/** Resolves the first review-error of `el` (the listener is added before the element loads). */
async function firstError(el: Promise<ReviewSessionElement>): Promise<{ el: ReviewSessionElement; event: ReviewErrorEvent }> {
  const events: ReviewErrorEvent[] = [];
  const listener = (e: Event): void => void events.push(e as ReviewErrorEvent);
  document.addEventListener('review-error', listener);
  try {
    const element = await el;
    await waitUntil(() => events.length > 0, 'a review-error', { timeout: 10_000 });
    return { el: element, event: events[0]! };
  } finally {
    document.removeEventListener('review-error', listener);
  }
}

/** Resolves once a broken image in the page has fired its error event: a payload's would have too. */
function imageErrorFired(): Promise<void> {
  return new Promise((resolve) => {
    const img = document.createElement('img');
    img.addEventListener('error', () => {
      img.remove();
      resolve();
    });
    img.src = `/no-such-image-${Math.random()}.png`;
    img.alt = '';
    document.body.append(img);
  });
}

describe('<review-session> input', () => {
  useEngineSuite();

  afterEach(() => {
    delete window.__pwned;
  });

  it('shows hostile prompts and answers as text and runs none of them', async () => {
    const id = freshIdentity();
    const prompt = '<img src=x onerror="window.__pwned=\'img\'"><b>bold</b>';
    const answer = '<script>window.__pwned="script"</script></script><svg onload="window.__pwned=\'svg\'">';
    const el = await mountSession(id, { items: [{ id: 'evil', contentType: 'x', prompt, answer, version: 1 }] });
    await waitForPart(el, 'reveal-button');
    part(el, 'reveal-button')!.click();
    await waitForPart(el, 'answer');
    expect(part(el, 'prompt')!.textContent).to.equal(prompt);
    expect(part(el, 'answer')!.textContent).to.equal(answer);
    expect(el.shadowRoot!.querySelector('img, script, svg, b')).to.equal(null);
    await imageErrorFired();
    expect(window.__pwned).to.equal(undefined);
  });

  it('fires invalid-input for malformed JSON and shows a clear message', async () => {
    const id = freshIdentity();
    const { el, event } = await firstError(mountSession(id, { rawJson: '[{"id": "a", "prompt": ' }));
    expect(event.detail.code).to.equal('invalid-input');
    expect(event.detail.error.cause).to.be.instanceOf(SyntaxError);
    await waitForPart(el, 'error');
    expect(textOf(el, 'error-message')).to.equal('The review items could not be read.');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
  });

  for (const [name, json, reason] of [
    ['an object', '{"id": "a"}', 'not-array'],
    ['an empty list', '[]', 'empty'],
    ['an item without a prompt', '[{"id": "a", "answer": "b"}]', 'bad-item'],
    ['a duplicate id', scriptJson([...cards(1), ...cards(1)]), 'duplicate-id'],
  ] as const) {
    it(`fires invalid-input for ${name}`, async () => {
      const { event } = await firstError(mountSession(freshIdentity(), { rawJson: json }));
      expect(event.detail.code).to.equal('invalid-input');
      expect(event.detail.error.details['reason']).to.equal(reason);
    });
  }

  it('fires invalid-input for an unknown mode, naming it', async () => {
    const { el, event } = await firstError(mountSession(freshIdentity(), { items: cards(1), attributes: { mode: 'quiz' } }));
    expect(event.detail.code).to.equal('invalid-input');
    expect(event.detail.error.details).to.include({ attribute: 'mode', value: 'quiz' });
    await waitForPart(el, 'error');
    expect(textOf(el, 'error-message')).to.contain('"quiz"');
  });

  it('fires invalid-input without a user, and loads once one is set', async () => {
    const id = freshIdentity();
    const { el, event } = await firstError(mountSession(id, { items: cards(1), attributes: { user: '' } }));
    expect(event.detail.error.details).to.include({ attribute: 'user' });
    expect(textOf(el, 'error-message')).to.equal('No user is set for this review.');
    el.user = id.user;
    await waitForPart(el, 'reveal-button');
  });

  it('fires invalid-input with neither src nor items, and loads when the script arrives', async () => {
    const id = freshIdentity();
    const { el, event } = await firstError(mountSession(id));
    expect(event.detail.error.details['reason']).to.equal('no-items');
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(cards(2));
    el.append(script);
    await waitForPart(el, 'reveal-button');
    expect(textOf(el, 'progress-text')).to.equal('1 of 2');
  });

  it('the retry button loads again after an error', async () => {
    const id = freshIdentity();
    const { el } = await firstError(mountSession(id, { items: cards(1), attributes: { mode: 'nope' } }));
    el.setAttribute('mode', 'grade');
    await waitForPart(el, 'reveal-button');
    el.mode = 'other';
    await waitForPart(el, 'retry-button');
    const again = oneEvent(el, 'review-error');
    part(el, 'retry-button')!.click();
    expect(((await again) as ReviewErrorEvent).detail.code).to.equal('invalid-input');
  });

  it('a different deck starts a different session', async () => {
    const id = freshIdentity();
    const el = await mountSession(id, { items: cards(2) });
    await waitForPart(el, 'reveal-button');
    const first = el.session!.id;
    el.deck = `${id.deck}-other`;
    await waitUntil(() => el.session && el.session.id !== first, 'a new session', { timeout: 10_000 });
    expect(el.session!.deckId).to.equal(`${id.deck}-other`);
  });

  it('keeps the first definition when the define module runs again', async () => {
    const id = freshIdentity();
    const el = await fixture<ReviewSessionElement>(
      `<review-session user="${id.user}" db-name="${id.db}"><script type="application/json">${scriptJson(cards(1))}</script></review-session>`,
    );
    await waitForPart(el, 'reveal-button');
    expect(el.deck).to.equal('default');
    expect(customElements.get('review-session')).to.equal(el.constructor);
    // A second instance of the define module (another copy of the library on the page): its
    // guarded define keeps the first definition instead of throwing NotSupportedError.
    const again = new URL('../../components/define.ts?second-copy', import.meta.url).href;
    await import(again);
    expect(customElements.get('review-session')).to.equal(el.constructor);
  });
});
