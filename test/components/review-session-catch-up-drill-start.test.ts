// Another tab's answer given while a drill waits for the grades' chunk (a fault rule of the test
// server holds grade-card.ts; the other tab is an engine instance of its own on the same
// database, heard over BroadcastChannel). A drill's start is in that chunk (drill-start.ts), so
// the hold lands before its first card: no card shows and no grade can be given, and once the
// chunk arrives the drill resumes the deck's session with the other tab's answer in it. A page
// of its own: the chunk is fetched here first.
import { expect } from '@open-wc/testing';
import { api } from '../support/server.js';
import { cards, mountWithChunkFault, otherTab, part, rendered, textOf, useEngineSuite } from './helpers.js';

describe('<review-session> drill while its grades chunk is held', () => {
  useEngineSuite();

  it("starts from the other tab's answer given during the hold", async () => {
    const { el, id, chunkAsked } = await mountWithChunkFault('grades', 'hold', { cards: 3, schedule: 'drill' });
    await chunkAsked();
    const tab = otherTab(id);
    await tab.loadContent(cards(3));
    const { session } = await tab.startSession({ deckId: id.deck, itemIds: ['card-1', 'card-2', 'card-3'], mode: 'grade' });
    await tab.recordAnswer({ sessionId: session.id, itemId: 'card-1', rating: 3, responseTimeMs: 500 });
    await el.updateComplete;
    expect(part(el, 'prompt'), 'no card, and so no grade, before the chunk').to.equal(null);

    await api.release();
    await rendered(el, () => part(el, 'reveal-button'));
    expect(el.session?.id, "the deck's session is resumed").to.equal(session.id);
    expect([textOf(el, 'prompt'), textOf(el, 'progress-text')]).to.deep.equal(['prompt 2', '2 of 3']);
  });
});
