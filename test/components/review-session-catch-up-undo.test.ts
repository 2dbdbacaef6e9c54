// Another tab's answer given while a drill's undo waits for the extras chunk (a fault rule of
// the test server holds card-extras.ts; the other tab is an engine instance of its own on the
// same database, heard over BroadcastChannel). A drill grades with its grades' chunk already in
// (its first card waited for it), so an undo waiting for its chunk is where a drill is busy on
// a chunk: the catch-up's read meets the busy review and notes it (taken in only after an answer
// of its own is stored, answer-write.ts). Once the undo has run the drill has the other tab's
// answer without a grade: the retraction is an answers change of its own, read after the undo
// (a catch-up that only noted answers while busy fails here, "never took in"). A page of its
// own: the chunk is fetched here first.
import { expect } from '@open-wc/testing';
import { api } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { gradeGood, mountWithChunkFault, otherTab, part, rendered, textOf, useEngineSuite, waitForPart } from './helpers.js';

interface Inside {
  review: { busy: boolean; drillCatchUp: { missed: boolean } | null };
}

describe('<review-session> drill while an undo waits for its extras chunk', () => {
  useEngineSuite();

  it("takes in the other tab's answer given during the wait once the undo has run", async () => {
    const { el, id, chunkAsked } = await mountWithChunkFault('extras', 'hold', { cards: 3, schedule: 'drill' });
    const review = (el as unknown as Inside).review;
    await gradeGood(el, 1);
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 2' && part(el, 'reveal-button'));
    (await waitForPart(el, 'undo-button')).click();
    await chunkAsked();
    await rendered(el, () => part(el, 'undo-button')?.hasAttribute('disabled'));
    expect(review.busy, 'the undo waits for its chunk').to.equal(true);

    // Another tab resumes the drill's session and answers its last card.
    const tab = otherTab(id);
    const { session } = await tab.startSession({ deckId: id.deck, itemIds: ['card-1', 'card-2', 'card-3'], mode: 'grade' });
    expect(session.id, 'the same session').to.equal(el.session!.id);
    await tab.recordAnswer({ sessionId: session.id, itemId: 'card-3', rating: 3, responseTimeMs: 500 });
    // The catch-up read what the other tab stored while the review was busy: noted, not taken in.
    await waitUntil(() => review.drillCatchUp?.missed, "the other tab's answer never met the busy drill");
    expect([review.busy, textOf(el, 'progress-text')]).to.deep.equal([true, '2 of 3']);

    await api.release();
    // Card 1's answer undone, its card back; card 3's answer, given elsewhere, counted.
    await waitUntil(() => textOf(el, 'prompt') === 'prompt 1' && !part(el, 'undo-button'), 'the undo never ran');
    await waitUntil(() => textOf(el, 'progress-text') === '2 of 3', "the drill never took in the other tab's answer");
  });
});
