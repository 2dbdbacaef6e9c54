// Every word, plural, number and date of both tags can be replaced: with `lang="ja"` every state
// of <sync-indicator> and <review-session> renders in Japanese, and no English is left in their
// shadow roots (text, accessible names). Real Chromium, the real reference server and faults.
import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import type { SyncIndicatorElement } from '../../components/sync-indicator/sync-indicator.js';
import type { OfflineReview, ReviewableContent } from '../../src/index.js';
import { api, cdp, signIn, unique } from '../support/server.js';
import { answerAll, engineFor, freshIdentity, loadChunksAsPrecached, mountSession, part, type TestIdentity, textOf, useEngineSuite, waitForPart } from './helpers.js';

/** Japanese cards, so that no English comes from the deck. */
function japaneseCards(n: number): ReviewableContent[] {
  const words = [
    ['猫', 'ねこ'],
    ['犬', 'いぬ'],
    ['水', 'みず'],
  ];
  return words.slice(0, n).map(([prompt, answer], i) => ({ id: unique(`ja-${i}`), contentType: 'vocabulary', prompt: prompt!, answer: answer!, version: 1 }));
}

/**
 * Text a person can meet in `el`'s shadow root that holds a Latin letter: text nodes (not
 * styles) and accessible names. The message's `title` is left out on purpose: it is the
 * error's technical detail (a code and the server's text), not a label.
 */
function englishLeft(el: HTMLElement): string[] {
  const found: string[] = [];
  const root = el.shadowRoot!;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('style')) continue;
    const text = node.textContent ?? '';
    if (/[A-Za-z]/.test(text)) found.push(text.trim());
  }
  for (const element of root.querySelectorAll('[aria-label], [placeholder], [alt]')) {
    for (const name of ['aria-label', 'placeholder', 'alt']) {
      const value = element.getAttribute(name);
      if (value && /[A-Za-z]/.test(value)) found.push(`${name}=${value}`);
    }
  }
  return found;
}

/** Asserts that no English is left in `el`; `values` are what the page itself put in (attribute values). */
async function noEnglish(el: HTMLElement, what: string, values: string[] = []): Promise<void> {
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  const left = englishLeft(el).map((text) => values.reduce((rest, value) => rest.split(value).join(''), text)).filter((text) => /[A-Za-z]/.test(text));
  expect(left, what).to.deep.equal([]);
  await expect(el).to.be.accessible();
}

function until(condition: () => unknown, message: string): Promise<void> {
  return waitUntil(condition, message, { timeout: 10_000 });
}

async function indicator(id: TestIdentity, extra = ''): Promise<SyncIndicatorElement> {
  const wrapper = await fixture<HTMLDivElement>(`<div lang="ja"><sync-indicator user="${id.user}" db-name="${id.db}" ${extra}></sync-indicator></div>`);
  return wrapper.querySelector('sync-indicator')!;
}

const answer = (engine: OfflineReview, n: number): Promise<void> => answerAll(engine, japaneseCards(n));

describe('Japanese labels (lang="ja")', () => {
  useEngineSuite();
  // Some tests go offline; the chunks loaded after a first card are there by then, as a worker precaches them.
  before(loadChunksAsPrecached);
  afterEach(() => cdp.offline(false));

  it('<sync-indicator>: synced, offline, unreachable, syncing and compact, all in Japanese', async () => {
    const id = freshIdentity({ backoffBaseMs: 600_000, backoffCapMs: 600_000 });
    const engine = engineFor(id);
    const el = await indicator(id);
    const compact = await indicator(id, 'compact');
    await until(() => el.state === 'synced' && el.syncState?.lastSyncedAt, 'synced');
    expect(textOf(el, 'message')).to.equal('すべて保存済み');
    await noEnglish(el, 'synced');
    await noEnglish(compact, 'synced, compact');

    await api.fault({ mode: 'hang', match: '/sync' });
    await answer(engine, 2);
    await until(() => el.state === 'syncing' && el.syncState?.syncing, 'syncing');
    expect(textOf(el, 'message')).to.match(/^同期中：/);
    await noEnglish(el, 'syncing');
    await noEnglish(compact, 'syncing, compact');
    await api.clear();
    // The held push ends with its socket: a browser may send it again by itself (Chromium) or
    // fail it (WebKit), and the long backoff would then wait: sync now.
    await engine.sync();
    await until(() => el.state === 'synced', 'synced again');

    await api.fault({ mode: 'down' });
    await answer(engine, 2);
    await engine.sync();
    await until(() => el.state === 'unreachable' && (el.pending ?? 0) > 0, 'unreachable');
    expect(textOf(el, 'message')).to.match(/^サーバーに接続できません — /);
    await noEnglish(el, 'unreachable');
    await noEnglish(compact, 'unreachable, compact');

    // Where the device cannot go offline under test (WebKit: navigator.onLine stays true), it
    // still cannot reach the server.
    if (await cdp.offline(true)) {
      await until(() => el.state === 'offline', 'offline');
      expect(textOf(el, 'message')).to.match(/^オフライン — .*送信待ち$/);
    } else {
      expect(el.state).to.equal('unreachable');
      expect(textOf(el, 'message')).to.match(/^サーバーに接続できません — /);
    }
    await noEnglish(el, 'offline');
    await noEnglish(compact, 'offline, compact');

  });

  it('<sync-indicator>: errors, sign-in, refused answers and updates, all in Japanese', async () => {
    const id = freshIdentity({ backoffBaseMs: 600_000, backoffCapMs: 600_000 }, false);
    const engine = engineFor(id);
    const el = await indicator(id, 'sign-in-url="/login"');
    await api.fault({ mode: 'status', status: 500, match: '/changes' });
    await answer(engine, 1);
    await engine.sync();
    await until(() => el.state === 'error' && part(el, 'retry-button'), 'error');
    await noEnglish(el, 'error');

    await api.clear();
    await api.fault({ mode: 'status', status: 401 });
    await engine.retry().catch(() => undefined);
    await until(() => el.syncState?.paused && part(el, 'sign-in-link'), 'paused, a sign-in link');
    expect(textOf(el, 'sign-in-link')).to.equal('ログイン');
    await noEnglish(el, 'auth');

    await api.clear();
    signIn(unique('someone-else')); // the server refuses another user's answers: dead letters
    await answer(engine, 1);
    await engine.retry();
    await until(() => (el.syncState?.deadLetters ?? 0) > 0 && !el.syncState?.syncing && !el.syncState?.paused, 'refused');
    await until(() => part(el, 'discard-button'), 'dead letters');
    await noEnglish(el, 'refused');
    part(el, 'discard-button')!.click();
    await waitForPart(el, 'discard-no-button');
    await noEnglish(el, 'discard confirmation');
    signIn(id.user);

    engine.notifyUpdateAvailable(() => undefined);
    await waitForPart(el, 'reload-button');
    await noEnglish(el, 'update available');
  });

  it('<review-session>: a drill typed and graded, its summary and an error, all in Japanese', async () => {
    const typed = await mountSession(freshIdentity(), { items: japaneseCards(2), attributes: { lang: 'ja', mode: 'typed' } });
    const input = await waitForPart<HTMLInputElement>(typed, 'typed-input');
    await noEnglish(typed, 'typed card');
    input.value = 'まちがい';
    (await waitForPart(typed, 'check-button')).click();
    await waitForPart(typed, 'next-button');
    await noEnglish(typed, 'typed, checked');
    part(typed, 'next-button')!.click();
    await until(() => textOf(typed, 'progress-text') === '2 / 2', 'second card');
    (await waitForPart<HTMLInputElement>(typed, 'typed-input')).value = 'いぬ';
    part(typed, 'check-button')!.click();
    (await waitForPart(typed, 'next-button')).click();
    await waitForPart(typed, 'summary');
    await noEnglish(typed, 'summary');

    const broken = await mountSession(freshIdentity(), { items: japaneseCards(1), attributes: { lang: 'ja', mode: 'nonsense' } });
    await waitForPart(broken, 'retry-button');
    // The message names the attribute's value and the values it takes: the page's words, not labels.
    await noEnglish(broken, 'error', ['nonsense', 'grade', 'typed']);
  });

  it('<review-session>: the scheduled review, its intervals, "all done", the next due time and the offline notice in Japanese', async () => {
    const id = freshIdentity();
    const deviceOffline = await cdp.offline(true);
    const el = await mountSession(id, { items: japaneseCards(1), attributes: { lang: 'ja', schedule: 'review', 'time-zone': 'UTC' } });
    (await waitForPart(el, 'reveal-button')).click();
    await waitForPart(el, 'grade-easy');
    await waitForPart(el, 'offline-notice');
    // WebKit, whose device cannot go offline under test, cannot reach the server instead.
    expect(textOf(el, 'offline-notice')).to.equal(
      deviceOffline ? 'オフラインです。回答はこの端末に保存されています。' : 'サーバーに接続できません。回答はこの端末に保存されています。',
    );
    await noEnglish(el, 'grades with intervals, offline');
    part(el, 'grade-easy')!.click();
    await waitForPart(el, 'done');
    expect(textOf(el, 'next-due')).to.match(/^次のカードは.+後です。$/);
    await noEnglish(el, 'all done');
  });
});
