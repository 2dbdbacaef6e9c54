// The review tag's words in two chunks per language (components/review-session/review-session-words.ts):
// a card's words before the first card, the summaries' and typed answers' words with those
// parts. A page of its own, so no earlier test has loaded either chunk.
import { expect } from '@open-wc/testing';
import { cards, freshIdentity, mountSession, part, textOf, useEngineSuite, waitForPart } from './helpers.js';

const CARD_WORDS = '/components/review-session/review-session-labels-ja.ts';
const LATER_WORDS = '/components/review-session/review-session-later-labels-ja.ts';

/** Whether this page has fetched the module at a path ending in `suffix`. */
const fetched = (suffix: string): boolean => performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname.endsWith(suffix));

performance.setResourceTimingBufferSize(5000);

describe('<review-session> later words', () => {
  useEngineSuite();

  it("shows the first card with a card's words alone, and the summary in the page's language once its words are in", async () => {
    const atReady = new Promise<{ card: boolean; later: boolean }>((resolve) =>
      document.addEventListener('review-ready', () => resolve({ card: fetched(CARD_WORDS), later: fetched(LATER_WORDS) }), { once: true }),
    );
    const el = await mountSession(freshIdentity(), { items: cards(1), attributes: { lang: 'ja' } });
    const ready = await atReady;
    expect(ready, 'at the first card').to.deep.equal({ card: true, later: false });
    expect(textOf(el, 'reveal-button')).to.equal('答えを表示');

    (await waitForPart(el, 'reveal-button')).click();
    (await waitForPart(el, 'grade-good')).click();
    const summary = await waitForPart(el, 'summary');
    expect(fetched(LATER_WORDS), 'the later words were fetched').to.equal(true);
    expect(summary.textContent).to.contain('セッション完了');
    expect(summary.textContent).to.contain('回答数');
    expect(summary.textContent).not.to.match(/Session complete|Answered/);
    expect(part(el, 'error')).to.equal(null);
  });
});
