// A scheduled review read again (the queue timer, the page shown again, a pull) while a card is
// graded and its answer not yet written: the graded card is not due again from that read, so it
// is neither shown nor answered twice. The answers' writes are held by a real IndexedDB
// transaction on the sync queue (test/support/hold-store.ts); the read of the states is not.
import { expect } from '@open-wc/testing';
import type { ReviewAnswerEvent } from '../../components/review-session/review-session-events.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { holdStore } from '../support/hold-store.js';
import { cards, engineFor, freshIdentity, mountSession, part, rendered, textOf, useEngineSuite, waitForPart } from './helpers.js';

describe('<review-session> a read of the schedule while a grade is written', () => {
  useEngineSuite();

  it('a card graded while the states are read is not shown again before its answer is stored', async () => {
    const id = freshIdentity();
    const el: ReviewSessionElement = await mountSession(id, { items: cards(4), attributes: { schedule: 'review' } });
    (await waitForPart(el, 'reveal-button')).click();
    // The grade's next state is computed in memory once the scheduler is in (its labels show).
    await waitForPart(el, 'interval');
    const seen: string[] = [];
    el.addEventListener('review-answer', (event) => seen.push((event as ReviewAnswerEvent).detail.answer.itemId));
    // A first read takes the engine in (the first card was read without it): the next read's
    // transaction then starts at once, before the answer's write (which waits for a paint).
    await el.refresh();
    const hold = await holdStore(id.db, 'syncQueue');
    const refreshing = el.refresh();
    part(el, 'grade-good')!.click(); // card 1, graded while the refresh reads
    await refreshing;
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 2' && part(el, 'reveal-button'));
    part(el, 'reveal-button')!.click();
    (await waitForPart(el, 'grade-good')).click(); // card 2: its write is chained after card 1's
    await rendered(el, () => part(el, 'reveal-button'));
    expect(textOf(el, 'prompt'), 'card 1 was graded: card 3 comes next').to.equal('prompt 3');
    await hold.release();
    part(el, 'reveal-button')!.click();
    // Two answers unstored are the most: card 3's grades wait until card 1's is stored.
    await rendered(el, () => part<HTMLButtonElement>(el, 'grade-good')?.disabled === false);
    part(el, 'grade-good')!.click();
    await rendered(el, () => seen.length === 3);
    const stored = (await engineFor(id).getSessionAnswers(el.session!.id)).map((answer) => answer.itemId);
    expect(stored, 'each card once').to.deep.equal(['card-1', 'card-2', 'card-3']);
    expect(seen).to.deep.equal(['card-1', 'card-2', 'card-3']);
  });
});
