// The Japanese words are a chunk of their own (components/shared/labels.ts): a page in Japanese
// waits for them before the first render, so not one frame shows English, and a page whose
// language changes at run time shows the new words once the element has updated. This file
// must be the first in its page to show Japanese: nothing before it may have loaded the words.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import type { SyncIndicatorElement } from '../../components/sync-indicator/sync-indicator.js';
import { cards, freshIdentity, mountSession, part, scriptJson, textOf, useEngineSuite, waitForPart, type TestIdentity } from './helpers.js';

/** Every text that was ever in `root` from now on (text nodes added or changed, and accessible names). */
function recordTexts(root: ShadowRoot): { texts: string[]; stop: () => void } {
  const texts: string[] = [];
  const take = (node: Node): void => {
    // Lit's markers are comments: not text anyone sees.
    if (node instanceof Comment || node.parentElement?.closest('style') || node instanceof HTMLStyleElement) return;
    const text = node.textContent?.trim();
    if (text) texts.push(text);
    if (node instanceof Element) {
      for (const el of [node, ...node.querySelectorAll('[aria-label]')]) {
        const label = el.getAttribute('aria-label');
        if (label) texts.push(label);
      }
    }
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') take(record.target);
      else for (const node of record.addedNodes) take(node);
    }
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return { texts, stop: () => observer.disconnect() };
}

/** A `<div lang>` holding a review of `items` and an indicator for `id`, appended now (not awaited). */
function mountBoth(id: TestIdentity, lang: string, items: unknown): { review: ReviewSessionElement; indicator: SyncIndicatorElement; wrapper: HTMLDivElement } {
  const wrapper = document.createElement('div');
  wrapper.lang = lang;
  wrapper.innerHTML = `<sync-indicator user="${id.user}" db-name="${id.db}"></sync-indicator>
    <review-session user="${id.user}" db-name="${id.db}" deck="${id.deck}" schedule="drill"><script type="application/json">${scriptJson(items)}</script></review-session>`;
  document.body.append(wrapper);
  return { wrapper, review: wrapper.querySelector('review-session')!, indicator: wrapper.querySelector('sync-indicator')! };
}

describe('label sets loaded on demand', () => {
  useEngineSuite();
  const wrappers: HTMLElement[] = [];
  afterEach(() => wrappers.splice(0).forEach((wrapper) => wrapper.remove()));

  it('a page in Japanese shows Japanese from its first frame: no English before the words arrive', async () => {
    const id = freshIdentity();
    const items = [{ id: 'ja-1', contentType: 'vocabulary', prompt: '猫', answer: 'ねこ', version: 1 }];
    const { wrapper, review, indicator } = mountBoth(id, 'ja', items);
    wrappers.push(wrapper);
    // The shadow roots exist as soon as the elements are connected, before any render.
    const seen = [recordTexts(review.shadowRoot!), recordTexts(indicator.shadowRoot!)];
    await waitForPart(review, 'reveal-button');
    await waitUntil(() => indicator.shadowRoot!.textContent?.trim(), 'the indicator never rendered');
    await review.updateComplete;
    seen.forEach((record) => record.stop());
    const texts = seen.flatMap((record) => record.texts);
    expect(texts.length, 'something was rendered').to.be.above(0);
    expect(texts.filter((text) => /[A-Za-z]/.test(text))).to.deep.equal([]);
    expect(textOf(review, 'reveal-button')).to.equal('答えを表示');
  });

  it('a change of language at run time shows the new words once the element has updated', async () => {
    const id = freshIdentity();
    const { wrapper, review, indicator } = mountBoth(id, 'en', cards(1));
    wrappers.push(wrapper);
    await waitForPart(review, 'reveal-button');
    expect(textOf(review, 'reveal-button')).to.equal('Show answer');
    wrapper.lang = 'ja';
    review.requestUpdate();
    indicator.requestUpdate();
    await review.updateComplete;
    await indicator.updateComplete;
    expect(textOf(review, 'reveal-button')).to.equal('答えを表示');
    expect(indicator.shadowRoot!.textContent).to.not.match(/[A-Za-z]/);
    wrapper.lang = 'en';
    review.requestUpdate();
    await review.updateComplete;
    expect(textOf(review, 'reveal-button')).to.equal('Show answer');
    expect(part(review, 'prompt')?.textContent).to.equal('prompt 1');
  });

  it('a language without a built-in set speaks English at once', async () => {
    const el = await mountSession(freshIdentity(), { items: cards(1), attributes: { lang: 'fr' } });
    await waitForPart(el, 'reveal-button');
    expect(textOf(el, 'reveal-button')).to.equal('Show answer');
  });
});
