// The hot path of a grade: the element learns of answers from the engine's answers-changed
// signal, so a grade here costs no read of the session's answers, and an answer from another
// tab costs one.
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { OfflineReview } from '../../src/engine.js';
import { cards, engineFor, freshIdentity, mountSession, textOf, waitForPart, useEngineSuite } from './helpers.js';

async function grade(el: ReviewSessionElement): Promise<void> {
  (await waitForPart(el, 'reveal-button')).click();
  const button = await waitForPart(el, 'grade-good');
  const answered = oneEvent(el, 'review-answer');
  button.click();
  await answered;
}

describe('<review-session> hot path', () => {
  useEngineSuite();

  it('reads no answers per grade, and the session\'s answers once per answer from another tab', async () => {
    const id = freshIdentity();
    const el = await mountSession(id, { items: cards(4) });
    await waitForPart(el, 'reveal-button');
    const engine = engineFor(id);
    let reads = 0;
    const read = engine.getSessionAnswers.bind(engine);
    engine.getSessionAnswers = (sessionId: string) => {
      reads += 1;
      return read(sessionId);
    };

    await grade(el);
    await grade(el);
    // A drain changes the sync state several times (pending, syncing, synced): no reads either.
    await engine.sync();
    expect(engine.state.pending).to.equal(0);
    expect(textOf(el, 'prompt')).to.equal('prompt 3');
    expect(reads).to.equal(0);

    // Another tab answers the card on screen: one read, and this view moves on.
    const tab = new OfflineReview({ userId: id.user, dbName: id.db, autoSync: false });
    try {
      await tab.recordAnswer({ sessionId: el.session!.id, itemId: 'card-3', rating: 3, responseTimeMs: 400 });
      await waitUntil(() => textOf(el, 'prompt') === 'prompt 4', 'the view moves on', { timeout: 10_000 });
      expect(reads).to.equal(1);
    } finally {
      tab.close();
    }
  });

  it('is not rendered again for a sync state change that leaves its notice as it was (a drain after grades)', async () => {
    const id = freshIdentity();
    const el = await mountSession(id, { items: cards(4) });
    await waitForPart(el, 'reveal-button');
    const engine = engineFor(id);
    await grade(el);
    await grade(el);
    await el.updateComplete;
    const prompt = el.shadowRoot!.querySelector('[part~="prompt"]');
    let renders = 0;
    const element = el as unknown as { render(): unknown };
    const render = element.render.bind(el);
    element.render = () => {
      renders += 1;
      return render();
    };
    let changes = 0;
    engine.addEventListener('state-change', () => (changes += 1));
    // The drain moves the state (syncing, the pending count, synced); none of it is shown here.
    await engine.sync();
    await el.updateComplete;
    expect(engine.state.pending).to.equal(0);
    expect(changes, 'the sync state changed').to.be.greaterThan(0);
    expect(renders, 'no render for it').to.equal(0);
    expect(el.shadowRoot!.querySelector('[part~="prompt"]'), 'the same card node').to.equal(prompt);
    expect(textOf(el, 'prompt')).to.equal('prompt 3');
  });
});
