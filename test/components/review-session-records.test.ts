import { expect } from '@open-wc/testing';
import { removeFile, writeFile } from '@web/test-runner-commands';
import type { ReviewErrorEvent } from '../../components/review-session/review-session-events.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { unique } from '../support/server.js';
import { closeEngineStorages, storageOf } from '../src/engine-storage.js';
import { engineFor, freshIdentity, mountSession, textOf, waitForPart, useEngineSuite } from './helpers.js';

/** Collects every review-error fired while `mount` runs and after, until `stop()`. */
function collectErrors(): { events: ReviewErrorEvent[]; stop(): void } {
  const events: ReviewErrorEvent[] = [];
  const listener = (e: Event): void => void events.push(e as ReviewErrorEvent);
  document.addEventListener('review-error', listener);
  return { events, stop: () => document.removeEventListener('review-error', listener) };
}

/** Serves `json` as a deck file from the test server for the length of `run`. */
async function withDeckFile<T>(json: unknown, run: (src: string) => Promise<T>): Promise<T> {
  const file = `${unique('deck')}.json`;
  await writeFile({ path: `fixtures/${file}`, content: JSON.stringify(json) });
  try {
    return await run(`/test/components/fixtures/${file}`);
  } finally {
    await removeFile({ path: `fixtures/${file}` });
  }
}

describe('<review-session> records', () => {
  useEngineSuite();
  afterEach(closeEngineStorages);

  it('loads a src deck of { id, prompt, answer } items, as documented, with the defaults filled in', async () => {
    const id = freshIdentity();
    const errors = collectErrors();
    try {
      await withDeckFile(
        [
          { id: 'q1', prompt: 'prompt 1', answer: 'answer 1' },
          { id: 'q2', prompt: 'prompt 2', answer: 'answer 2' },
        ],
        async (src) => {
          const el = await mountSession(id, { attributes: { src } });
          await waitForPart(el, 'reveal-button');
          expect(textOf(el, 'prompt')).to.equal('prompt 1');
          expect(textOf(el, 'progress-text')).to.equal('1 of 2');
        },
      );
      expect(errors.events).to.deep.equal([]);
      const cached = await storageOf(engineFor(id)).getContent(['q1', 'q2']);
      expect(cached.map(({ id: itemId, contentType, version }) => ({ itemId, contentType, version }))).to.deep.equal([
        { itemId: 'q1', contentType: 'card', version: 1 },
        { itemId: 'q2', contentType: 'card', version: 1 },
      ]);
    } finally {
      errors.stop();
    }
  });

  for (const source of ['inline', 'src'] as const) {
    it(`refuses a ${source} deck's item whose id a server would refuse, names it, and keeps the rest`, async () => {
      const id = freshIdentity();
      const deck = [
        { id: 'Lesson 1 / Q1', prompt: 'bad id', answer: 'x' },
        { id: 'q2', prompt: 'prompt 2', answer: 'answer 2' },
        { id: 'q3', prompt: 'nul \u0000 inside', answer: 'x' },
        { id: 'q4', prompt: 'prompt 4', answer: 'answer 4' },
      ];
      const errors = collectErrors();
      try {
        const check = async (el: ReviewSessionElement): Promise<void> => {
          await waitForPart(el, 'reveal-button');
          expect(textOf(el, 'prompt')).to.equal('prompt 2');
          expect(textOf(el, 'progress-text')).to.equal('1 of 2');
          expect(el.session!.itemIds).to.deep.equal(['q2', 'q4']);
        };
        if (source === 'inline') await check(await mountSession(id, { items: deck }));
        else await withDeckFile(deck, async (src) => check(await mountSession(id, { attributes: { src } })));
        expect(errors.events).to.have.length(1);
        const { code, error } = errors.events[0]!.detail;
        expect(code).to.equal('invalid-input');
        expect(error.details).to.include({ index: 0, id: 'Lesson 1 / Q1', reason: 'bad-item', field: 'id' });
        expect((error.details['refused'] as Array<{ id: string; field: string }>).map((r) => [r.id, r.field])).to.deep.equal([
          ['Lesson 1 / Q1', 'id'],
          ['q3', 'prompt'],
        ]);
        expect(error.message).to.contain('Lesson 1 / Q1');
      } finally {
        errors.stop();
      }
    });
  }
});

export type { ReviewSessionElement };
