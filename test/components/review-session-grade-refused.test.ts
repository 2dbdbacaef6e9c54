// A grade given on the next card while the answer before it is written, and that write is
// refused (a real full disk: test/support/quota.ts): the refused card comes back with its
// notice, the later grade is dropped (its card was not yet the learner's to answer), nothing of
// either is stored, and both cards are answered again, in order, once there is room.
// Chromium only (web-test-runner.config.mjs, docs/testing.md): the refusal must come at the
// first write after the disk is filled, which Chromium's quota gives; Firefox's padded storage
// takes small writes for a while, and WebKit has no storage limit to reach. An error screen
// shown while the refused answer was written (undo's chunk could not be loaded) stays: it runs
// first, before undo's chunk is in the page.
import { expect, oneEvent } from '@open-wc/testing';
import type { ReviewAnswerEvent } from '../../components/review-session/review-session-events.js';
import { holdStore } from '../support/hold-store.js';
import { deleteBuckets, fillUp, limitStorage, openFiller, unlimitStorage } from '../support/quota.js';
import { api, signIn, unique } from '../support/server.js';
import { cards, closeEngines, engineFor, mountSession, part, rendered, textOf, waitForPart, type TestIdentity, warmServer } from './helpers.js';

const EXTRAS = '/components/review-session/card-extras.ts';

describe('<review-session> a grade given while a refused answer is written', () => {
  afterEach(async () => {
    await api.clear();
    await unlimitStorage();
    closeEngines();
    await deleteBuckets();
  });

  it('an error screen shown while the refused answer was written stays: the refused card does not replace it', async function () {
    this.timeout(90_000);
    await warmServer();
    // Undo's chunk cannot be loaded: `z` shows the error screen while card 1's answer is written.
    await api.fault({ match: EXTRAS, mode: 'status', status: 503 });
    const id: TestIdentity = { user: unique('u'), db: unique('db'), deck: unique('deck') };
    signIn(id.user);
    const { el, filler, factory } = await limitStorage(1_500_000, async (factory) => {
      await engineFor(id, {}, false, factory).ready;
      const mounted = await mountSession(id, { items: cards(3) });
      (await waitForPart(mounted, 'reveal-button')).click();
      await waitForPart(mounted, 'grade-good');
      return { el: mounted, filler: await openFiller(factory), factory };
    });
    await fillUp(filler);
    const errors: string[] = [];
    el.addEventListener('review-error', (event) => errors.push((event as CustomEvent<{ code: string }>).detail.code));
    const held = await holdStore(id.db, 'answers', factory);
    part(el, 'grade-good')!.click();
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 2');
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', bubbles: true, composed: true }));
    await waitForPart(el, 'error');
    const refused = new Promise<void>((resolve) => el.addEventListener('review-error', () => resolve(), { once: true }));
    await held.release();
    await refused;
    await el.updateComplete;
    expect(errors).to.deep.equal(['content-unavailable', 'storage-full']);
    expect(part(el, 'error'), 'the error screen stays').to.not.equal(null);
    expect(part(el, 'prompt'), 'the refused card is not brought back over it').to.equal(null);
  });

  it('drops the later grade: the refused card comes back, then the dropped one, and each is stored once, in order', async function () {
    this.timeout(90_000);
    await warmServer();
    const id: TestIdentity = { user: unique('u'), db: unique('db'), deck: unique('deck') };
    signIn(id.user);
    // Card 1's answer is stored before the disk fills.
    const { el, filler, factory } = await limitStorage(1_500_000, async (factory) => {
      await engineFor(id, {}, false, factory).ready;
      const mounted = await mountSession(id, { items: cards(4) });
      (await waitForPart(mounted, 'reveal-button')).click();
      const answered = oneEvent(mounted, 'review-answer');
      (await waitForPart(mounted, 'grade-good')).click();
      await answered;
      (await waitForPart(mounted, 'reveal-button')).click();
      await waitForPart(mounted, 'grade-good');
      return { el: mounted, filler: await openFiller(factory), factory };
    });
    await fillUp(filler);
    const stored = async (): Promise<string[]> => (await engineFor(id).getSessionAnswers(el.session!.id)).map((answer) => answer.itemId);
    const seen: string[] = [];
    el.addEventListener('review-answer', (event) => seen.push((event as ReviewAnswerEvent).detail.answer.itemId));

    const refused = oneEvent(el, 'review-error');
    const held = await holdStore(id.db, 'answers', factory);
    part(el, 'grade-good')!.click();
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 3' && part(el, 'reveal-button'));
    // Card 3 is graded while card 2's answer waits: card 4 shows.
    (await waitForPart(el, 'reveal-button')).click();
    (await waitForPart(el, 'grade-easy')).click();
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 4');
    await held.release();
    expect(((await refused) as CustomEvent<{ code: string }>).detail.code).to.equal('storage-full');

    // Card 2 is back as it was left, revealed, with its notice; card 3's grade was dropped.
    await waitForPart(el, 'notice');
    expect(textOf(el, 'prompt')).to.equal('prompt 2');
    const live = el.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')!;
    expect(live.textContent, 'the live region names the card brought back, not the one shown before').to.contain('prompt 2');
    expect(part(el, 'grade-good'), 'the grades show again').to.not.equal(null);
    expect(await stored()).to.deep.equal(['card-1']);
    expect(seen).to.deep.equal([]);

    await unlimitStorage();
    const again = oneEvent(el, 'review-answer');
    part(el, 'grade-good')!.click();
    expect(((await again) as ReviewAnswerEvent).detail.answer.itemId).to.equal('card-2');
    // The dropped card comes next, face down: it was never answered.
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 3' && part(el, 'reveal-button'));
    (await waitForPart(el, 'reveal-button')).click();
    const third = oneEvent(el, 'review-answer');
    (await waitForPart(el, 'grade-good')).click();
    expect(((await third) as ReviewAnswerEvent).detail.answer.itemId).to.equal('card-3');
    expect(await stored(), 'each once, in order').to.deep.equal(['card-1', 'card-2', 'card-3']);
    expect(seen).to.deep.equal(['card-2', 'card-3']);
  });
});
