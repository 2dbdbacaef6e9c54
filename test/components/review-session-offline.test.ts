import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import { removeFile, writeFile } from '@web/test-runner-commands';
import type { ReviewAnswerEvent, ReviewErrorEvent } from '../../components/review-session/review-session-events.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { api, cdp, unique } from '../support/server.js';
import { cards, engineFor, freshIdentity, loadChunksAsPrecached, mountSession, part, textOf, waitForPart, useEngineSuite } from './helpers.js';

/** Reveals and grades the current card; resolves the review-answer event. */
async function gradeCurrent(el: ReviewSessionElement, grade: 'again' | 'hard' | 'good' | 'easy'): Promise<ReviewAnswerEvent> {
  (await waitForPart(el, 'reveal-button')).click();
  const button = await waitForPart(el, `grade-${grade}`);
  const answered = oneEvent(el, 'review-answer');
  button.click();
  return (await answered) as ReviewAnswerEvent;
}

describe('<review-session> offline', () => {
  useEngineSuite();
  before(loadChunksAsPrecached);
  afterEach(() => cdp.offline(false));

  it('keeps answering with the network down, says so, and the answers reach the server later', async () => {
    const id = freshIdentity();
    // The device offline for real: navigator.onLine false, and requests fail. Where it cannot go
    // offline under test (WebKit: the server's switch cuts the requests, navigator.onLine stays
    // true), the product says what it says there: it cannot reach the server.
    await api.fault({ mode: 'down' });
    const deviceOffline = await cdp.offline(true);
    const el = await mountSession(id, { items: cards(3) });
    const first = await gradeCurrent(el, 'good');
    await gradeCurrent(el, 'again');
    await waitForPart(el, 'offline-notice');
    expect(textOf(el, 'offline-notice')).to.equal(
      deviceOffline ? 'You are offline. Your answers are saved on this device.' : 'Can’t reach the server. Your answers are saved on this device.',
    );
    await expect(el).to.be.accessible();
    expect(textOf(el, 'prompt')).to.equal('prompt 3');
    const engine = engineFor(id);
    expect(engine.state.pending).to.be.greaterThan(0);
    expect((await api.serverState(id.user)).answers).to.have.length(0);

    await cdp.offline(false);
    await api.clear();
    await waitUntil(
      async () => {
        await engine.sync();
        return (await api.serverState(id.user)).answers.length === 2;
      },
      'the answers reach the server',
      { timeout: 10_000, interval: 100 },
    );
    const server = await api.serverState(id.user);
    expect(server.answers.map((a) => a.itemId).sort()).to.deep.equal(['card-1', 'card-2']);
    expect(server.answers.find((a) => a.id === first.detail.answer.id)?.rating).to.equal(3);
    await waitUntil(() => !part(el, 'offline-notice'), 'the offline notice goes away', { timeout: 10_000 });
  });

  it('resumes at the next unanswered card when the element is recreated, offline too', async () => {
    const id = freshIdentity();
    await api.fault({ mode: 'down' });
    const el = await mountSession(id, { items: cards(4) });
    await gradeCurrent(el, 'good');
    await gradeCurrent(el, 'hard');
    const sessionId = el.session!.id;
    el.remove();

    const again = await mountSession(id, { items: cards(4) });
    await waitForPart(again, 'reveal-button');
    expect(again.session!.id).to.equal(sessionId);
    expect(textOf(again, 'prompt')).to.equal('prompt 3');
    expect(textOf(again, 'progress-text')).to.equal('3 of 4');
    await gradeCurrent(again, 'good');
    const complete = oneEvent(again, 'review-complete');
    await gradeCurrent(again, 'easy');
    expect((await complete).detail.answered).to.equal(4);
  });

  it('a recreated element whose cards are all answered shows the summary', async () => {
    const id = freshIdentity();
    const el = await mountSession(id, { items: cards(1) });
    const engine = engineFor(id);
    await waitForPart(el, 'reveal-button');
    const sessionId = el.session!.id;
    // Gone before the write: a live element would catch up and complete the session itself.
    el.remove();
    // Answered elsewhere (another tab) but never completed: the next visit completes it.
    await engine.recordAnswer({ sessionId, itemId: 'card-1', rating: 4, responseTimeMs: 1200 });
    // Listen before mounting: the new element may complete while it is being mounted.
    const completed = oneEvent(document, 'review-complete');
    const again = await mountSession(id, { items: cards(1) });
    const complete = (await completed) as CustomEvent<{ answered: number; durationMs: number }>;
    expect(complete.target).to.equal(again);
    expect(complete.detail).to.include({ answered: 1, durationMs: 1200 });
    await waitForPart(again, 'summary');
    expect(textOf(again, 'summary-time')).to.equal('0:01');
  });

  it('loads items from src, and from the cache when src is gone', async () => {
    const id = freshIdentity();
    const file = `${unique('deck')}.json`;
    await writeFile({ path: `fixtures/${file}`, content: JSON.stringify(cards(2, 'src')) });
    const src = `/test/components/fixtures/${file}`;
    try {
      const el = await mountSession(id, { attributes: { src } });
      await waitForPart(el, 'reveal-button');
      expect(textOf(el, 'prompt')).to.equal('prompt 1');
      el.remove();
    } finally {
      await removeFile({ path: `fixtures/${file}` });
    }
    const offline = await mountSession(id, { attributes: { src } });
    await waitForPart(offline, 'reveal-button');
    expect(textOf(offline, 'progress-text')).to.equal('1 of 2');
  });

  it('fires content-unavailable for an unreachable src with nothing cached', async () => {
    const id = freshIdentity();
    const failed = oneEvent(document, 'review-error');
    const el = await mountSession(id, { attributes: { src: `/test/components/fixtures/${unique('missing')}.json` } });
    const event = (await failed) as ReviewErrorEvent;
    expect(event.target).to.equal(el);
    expect(event.detail.code).to.equal('content-unavailable');
    await waitForPart(el, 'error');
    expect(textOf(el, 'error-message')).to.contain('could not be loaded');
    await expect(el).to.be.accessible();
  });
});

describe('<review-session> in two places at once', () => {
  useEngineSuite();
  before(loadChunksAsPrecached);

  it('catches up with answers stored elsewhere for the same session (another tab, another element)', async () => {
    const id = freshIdentity();
    await api.fault({ mode: 'down' });
    const first = await mountSession(id, { items: cards(4) });
    const second = await mountSession(id, { items: cards(4) });
    await waitForPart(first, 'reveal-button');
    await waitForPart(second, 'reveal-button');
    expect(second.session!.id).to.equal(first.session!.id);

    await gradeCurrent(first, 'good');
    await gradeCurrent(first, 'easy');
    await waitUntil(() => textOf(second, 'prompt') === 'prompt 3', 'the other view moves on', { timeout: 10_000 });
    expect(textOf(second, 'progress-text')).to.equal('3 of 4');

    // Revealed here, answered there: this view moves on too.
    (await waitForPart(first, 'reveal-button')).click();
    await waitForPart(first, 'grade-good');
    await gradeCurrent(second, 'hard');
    await waitUntil(() => textOf(first, 'prompt') === 'prompt 4', 'the first view moves on', { timeout: 10_000 });

    const completeHere = oneEvent(first, 'review-complete');
    await gradeCurrent(second, 'good');
    const { detail } = (await completeHere) as CustomEvent<{ answered: number }>;
    expect(detail.answered).to.equal(4);
    await waitForPart(second, 'summary');
  });
});
