// Undo pressed while the answer just given is still being written, and that write is refused
// (a real full disk: test/support/quota.ts): the undo is of that answer, which was never stored
// and whose card is back already, so nothing else is undone. The answer before it stays.
// Chromium only (web-test-runner.config.mjs, docs/testing.md): the undo's retraction must find
// room to show a wrong undo, which needs the retraction held behind the refused write; Chromium
// starts transactions in the order they were made, Firefox may start the hold first.
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ReviewAnswerEvent } from '../../components/review-session/review-session-events.js';
import { holdStore } from '../support/hold-store.js';
import { deleteBuckets, fillUp, limitStorage, openFiller, unlimitStorage } from '../support/quota.js';
import { signIn, unique } from '../support/server.js';
import { cards, closeEngines, engineFor, mountSession, part, rendered, textOf, waitForPart, type TestIdentity, warmServer } from './helpers.js';

describe('<review-session> undo while a refused answer is written', () => {
  afterEach(async () => {
    await unlimitStorage();
    closeEngines();
    await deleteBuckets();
  });

  it('undoes nothing else: the answer before it stays, and the refused card is graded again once there is room', async function () {
    this.timeout(90_000);
    await warmServer();
    const id: TestIdentity = { user: unique('u'), db: unique('db'), deck: unique('deck') };
    signIn(id.user);
    // Card 1's answer is stored before the disk fills: it is what a wrong undo would take back.
    const { el, filler, factory } = await limitStorage(1_500_000, async (factory) => {
      await engineFor(id, {}, false, factory).ready;
      const mounted = await mountSession(id, { items: cards(3) });
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

    const refused = oneEvent(el, 'review-error');
    const held = await holdStore(id.db, 'answers', factory);
    part(el, 'grade-good')!.click();
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 3');
    // The answer's write starts in a task after the frame that paints the next card: once this
    // frame's task has run, it has made its transaction (behind the hold).
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    // An undo's retraction waits behind this hold, made after the answer's write (whose scope
    // holds every store a retraction writes), so that it finds the room made below and would
    // take effect if it were asked of the wrong answer.
    const retractions = await holdStore(id.db, 'retractions', factory);
    // The learner takes back the grade just given while its answer is being written (the key:
    // the Undo button waits, disabled, for the write).
    await sendKeys({ press: 'z' });
    await held.release();
    expect(((await refused) as CustomEvent<{ code: string }>).detail.code).to.equal('storage-full');
    await unlimitStorage();
    await retractions.release();

    // The refused card is back, revealed; graded again, it is stored after card 1's answer.
    await waitForPart(el, 'notice');
    expect(textOf(el, 'prompt')).to.equal('prompt 2');
    const again = oneEvent(el, 'review-answer');
    (await waitForPart(el, 'grade-good')).click();
    expect(((await again) as ReviewAnswerEvent).detail.answer.itemId).to.equal('card-2');
    expect(await stored(), 'no earlier answer was undone').to.deep.equal(['card-1', 'card-2']);
  });
});
