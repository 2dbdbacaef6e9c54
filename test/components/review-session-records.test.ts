import { expect, oneEvent } from '@open-wc/testing';
import { removeFile, sendKeys, writeFile } from '@web/test-runner-commands';
import { OfflineReview } from '../../src/engine.js';
import { RECORD_LIMITS } from '../../src/records/index.js';
import type { ReviewErrorEvent } from '../../components/review-session/review-session-events.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { unique } from '../support/server.js';
import { closeEngineStorages, storageOf } from '../src/engine-storage.js';
import { cards, engineFor, freshIdentity, mountSession, part, textOf, waitForPart, useEngineSuite } from './helpers.js';

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

  it('refuses a user id with a space at start, naming userId, and stores nothing', async () => {
    const id = freshIdentity();
    const user = `${id.user} x`;
    const errors = collectErrors();
    try {
      const el = await mountSession(id, { items: cards(1), attributes: { user } });
      await waitForPart(el, 'error');
      expect(errors.events).to.not.be.empty;
      for (const { detail } of errors.events) {
        expect(detail.code).to.equal('invalid-input');
        expect(detail.error.details).to.deep.equal({ attribute: 'user', key: 'userId', value: user });
      }
      expect(textOf(el, 'error-message')).to.contain(`"${user}"`);
      expect(el.session).to.equal(null);
      await expect(el).to.be.accessible();
    } finally {
      errors.stop();
    }
    expect(() => new OfflineReview({ userId: user, dbName: id.db, autoSync: false }))
      .to.throw()
      .that.deep.includes({ code: 'invalid-input', details: { key: 'userId', field: 'userId' } });
  });

  it('refuses a deck id a server would refuse, naming the attribute', async () => {
    const id = freshIdentity();
    const failed = oneEvent(document, 'review-error');
    const el = await mountSession(id, { items: cards(1), attributes: { deck: 'Lesson 1' } });
    const { detail } = (await failed) as ReviewErrorEvent;
    expect(detail.code).to.equal('invalid-input');
    expect(detail.error.details).to.include({ attribute: 'deck', value: 'Lesson 1' });
    await waitForPart(el, 'error');
    expect(textOf(el, 'error-message')).to.contain('"Lesson 1"');
  });

  it('limits the typed answer to what a server accepts: maxlength, and a refusal naming the item', async () => {
    const id = freshIdentity();
    const el = await mountSession(id, { items: cards(2), attributes: { mode: 'typed' } });
    const input = await waitForPart<HTMLInputElement>(el, 'typed-input');
    expect(input.maxLength).to.equal(RECORD_LIMITS.maxTypedAnswerLength);
    expect(RECORD_LIMITS.maxTypedAnswerLength).to.equal(2000);
    // Typing stops at the limit in a real browser.
    input.value = 'x'.repeat(RECORD_LIMITS.maxTypedAnswerLength - 1);
    input.focus();
    await sendKeys({ type: 'yz' });
    expect(input.value).to.have.length(RECORD_LIMITS.maxTypedAnswerLength);

    const engine = engineFor(id);
    // A script (an extension, autofill) can set more than maxlength allows, and NUL cannot be stored.
    for (const [value, tooLarge] of [
      ['x'.repeat(RECORD_LIMITS.maxTypedAnswerLength + 1), true],
      ['nul \u0000', false],
      ['lone \ud800 surrogate', false],
    ] as const) {
      input.value = value;
      const refused = oneEvent(el, 'review-error');
      part(el, 'check-button')!.click();
      const { detail } = (await refused) as ReviewErrorEvent;
      expect(detail.code).to.equal('invalid-input');
      expect(detail.error.details).to.include({ itemId: 'card-1', field: 'typedAnswer' });
      expect(Boolean(detail.error.details['tooLarge'])).to.equal(tooLarge);
      expect(detail.error.message).to.contain('card-1');
      await waitForPart(el, 'notice');
      // The limit as the labels' locale (English here) writes numbers.
      expect(textOf(el, 'notice')).to.contain(new Intl.NumberFormat('en').format(RECORD_LIMITS.maxTypedAnswerLength));
    }
    expect(await engine.getSessionAnswers(el.session!.id)).to.deep.equal([]);
    expect(part(el, 'typed-input')).to.equal(input);

    input.value = 'answer 1';
    const answered = oneEvent(el, 'review-answer');
    part(el, 'check-button')!.click();
    await answered;
    await waitForPart(el, 'feedback');
    expect(part(el, 'notice')).to.equal(null);
    expect((await engine.getSessionAnswers(el.session!.id)).map((a) => a.typedAnswer)).to.deep.equal(['answer 1']);
  });
});

export type { ReviewSessionElement };
