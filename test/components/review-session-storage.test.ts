// A real full disk: a real storage limit (test/support/quota.ts: Chromium's quota override on a
// fresh Storage Bucket, Firefox's small storage padded), filled by another database until
// IndexedDB refuses writes.
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import type { ReviewAnswerEvent, ReviewErrorEvent } from '../../components/review-session/review-session-events.js';
import { holdStore } from '../support/hold-store.js';
import { deleteBuckets, fillUp, limitStorage, openFiller, paddedLimit, unlimitStorage } from '../support/quota.js';
import { signIn, unique } from '../support/server.js';
import { cards, closeEngines, engineFor, mountSession, part, rendered, textOf, waitForPart, type TestIdentity, warmServer } from './helpers.js';

describe('<review-session> with the device storage full', () => {
  afterEach(async () => {
    await unlimitStorage();
    closeEngines();
    await deleteBuckets();
  });

  it('refuses the answer, says so, fires storage-full, and accepts it once there is room', async function () {
    this.timeout(90_000); // filling the disk, and the server's first start on a busy machine
    await warmServer();
    const id: TestIdentity = { user: unique('u'), db: unique('db'), deck: unique('deck') };
    signIn(id.user);
    // Chromium refuses the first grade after the fill; Firefox takes small writes into pages its
    // files already hold, so there the learner grades until the device refuses.
    const total = paddedLimit ? 60 : 2;
    // The session starts before the padding: Firefox's (test/support/quota.ts) may leave less
    // room than asked.
    const { el, filler, factory } = await limitStorage(1_500_000, async (factory) => {
      await engineFor(id, {}, false, factory).ready;
      const mounted = await mountSession(id, { items: cards(total) });
      (await waitForPart(mounted, 'reveal-button')).click();
      await waitForPart(mounted, 'grade-good');
      return { el: mounted, filler: await openFiller(factory), factory };
    });
    await fillUp(filler);

    let card = 1;
    let detail: ReviewErrorEvent['detail'] | undefined;
    for (; card < total; card++) {
      const refused = oneEvent(el, 'review-error');
      const answered = oneEvent(el, 'review-answer');
      // The answer's write is held (test/support/hold-store.ts): the next card shows before the
      // write is stored or refused.
      const hold = await holdStore(id.db, 'answers', factory);
      part(el, 'grade-good')!.click();
      await rendered(el, () => textOf(el, 'prompt') === `prompt ${card + 1}`);
      await hold.release();
      const event = await Promise.race([refused, answered]);
      if (event.type === 'review-error') {
        detail = (event as ReviewErrorEvent).detail;
        break;
      }
      expect(paddedLimit, 'Chromium refuses the first grade').to.equal(true);
      expect((event as ReviewAnswerEvent).detail.answer.itemId).to.equal(`card-${card}`);
      await waitUntil(() => textOf(el, 'prompt') === `prompt ${card + 1}`, 'the next card');
      (await waitForPart(el, 'reveal-button')).click();
      await waitForPart(el, 'grade-good');
    }
    expect(detail?.code, `a grade was refused before card ${total}`).to.equal('storage-full');
    await waitForPart(el, 'notice');
    expect(textOf(el, 'notice')).to.match(/^Storage full/);
    expect(part(el, 'notice')!.getAttribute('role')).to.equal('alert');
    expect(textOf(el, 'prompt'), 'the card stays').to.equal(`prompt ${card}`);
    expect(textOf(el, 'progress-text')).to.equal(`${card} of ${total}`);
    // Back as it was left: revealed, its grades ready, and its answer not stored.
    expect(part(el, 'grade-good'), 'the grades show again').to.not.equal(null);
    const before = (await engineFor(id).getSessionAnswers(el.session!.id)).map((answer) => answer.itemId);
    expect(before).to.deep.equal(Array.from({ length: card - 1 }, (_, i) => `card-${i + 1}`));
    await expect(el).to.be.accessible();

    await unlimitStorage();
    const accepted = oneEvent(el, 'review-answer');
    part(el, 'grade-good')!.click();
    expect(((await accepted) as ReviewAnswerEvent).detail.answer.itemId).to.equal(`card-${card}`);
    await waitUntil(() => textOf(el, 'prompt') === `prompt ${card + 1}`, 'the next card');
    expect(part(el, 'notice')).to.equal(null);
    // Each answer stored once: none lost, none counted twice.
    const after = (await engineFor(id).getSessionAnswers(el.session!.id)).map((answer) => answer.itemId);
    expect(after).to.deep.equal(Array.from({ length: card }, (_, i) => `card-${i + 1}`));
  });
});
