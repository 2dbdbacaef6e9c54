// Another tab's answer given while a grade waits for the grades' chunk (a fault rule of the
// test server holds grade-card.ts; the other tab is an engine instance of its own on the same
// database, heard over BroadcastChannel). Only a scheduled review grades before that chunk (a
// drill's first card waits for it). The review is busy while the grade waits, so the answer
// from elsewhere is noted, and read once the grade is stored: the card the other tab answered
// (Good: its learning step falls due minutes later) is replaced, face down, by the next one.
// The deck is a file (`src`), so the engine comes before the first card: no read of the
// engine's arrival after it, which would catch up by itself. A page of its own: the chunk is
// fetched here first.
import { expect } from '@open-wc/testing';
import type { AnswersChangedEvent } from '../../src/index.js';
import { removeFile, writeFile } from '@web/test-runner-commands';
import { api, unique } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { answerAll, cards, engineFor, mountWithChunkFault, otherTab, part, rendered, textOf, useEngineSuite, waitForPart } from './helpers.js';

interface Inside {
  engines: { engine: unknown };
  review: { busy: boolean };
}

describe('<review-session> scheduled review while a grade waits for its grades chunk', () => {
  useEngineSuite();
  const deckFile = `${unique('deck')}.json`;
  before(() => writeFile({ path: `fixtures/${deckFile}`, content: JSON.stringify(cards(3)) }));
  after(() => removeFile({ path: `fixtures/${deckFile}` }));

  it("reads the other tab's answer given during the wait once the grade is stored", async () => {
    const { el, id, answers, chunkAsked } = await mountWithChunkFault('grades', 'hold', { src: `/test/components/fixtures/${deckFile}` });
    const inside = el as unknown as Inside;
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 1' && part(el, 'reveal-button'));
    expect(inside.engines.engine, 'the engine came before the first card').to.not.equal(null);
    part(el, 'reveal-button')!.click();
    (await waitForPart(el, 'grade-good')).click();
    await chunkAsked();
    await rendered(el, () => part(el, 'grade-good')?.hasAttribute('disabled'));

    // The review's own listener was added first: it has taken the event when this one resolves.
    const engine = engineFor(id);
    const heard = new Promise<void>((resolve) => {
      const listener = (event: Event): void => {
        if ((event as AnswersChangedEvent).origin !== 'tab') return;
        engine.removeEventListener('answers-changed', listener);
        resolve();
      };
      engine.addEventListener('answers-changed', listener);
    });
    await answerAll(otherTab(id), cards(3).filter((card) => card.id === 'card-2'));
    await heard;
    expect([inside.review.busy, textOf(el, 'prompt')], 'heard while the grade waits').to.deep.equal([true, 'prompt 1']);

    await api.release();
    await waitUntil(() => answers.length === 1, 'the grade was never stored');
    await waitUntil(() => textOf(el, 'prompt') === 'prompt 3' && part(el, 'reveal-button'), 'the card answered in the other tab still shows');
    expect(answers.map((answer) => answer.itemId)).to.deep.equal(['card-1']);
  });
});
