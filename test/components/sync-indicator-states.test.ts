// <sync-indicator> says why and when: the next automatic retry from the real schedule (a
// server's Retry-After, the backoff), a sign-in link after a 401, the last sync in every state,
// and any state shown on demand through `status` (a page of every state). Real Chromium, the
// real reference server with fault injection; axe in every state.
import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import type { SyncIndicatorElement } from '../../components/sync-indicator/sync-indicator.js';
import { relativeTime } from '../../components/shared/relative-time.js';
import { refusalReason } from '../../components/sync-indicator/sync-indicator-text.js';
import { defaultSyncIndicatorLabels } from '../../components/sync-indicator/sync-indicator-labels.js';
import type { OfflineReview, SyncState } from '../../src/index.js';
import { initialSyncState } from '../../src/sync/sync-state.js';
import { api, cdp, unique } from '../support/server.js';
import { answerAll, cards, engineFor, freshIdentity, loadChunksAsPrecached, mountIndicator, part, textOf, useEngineSuite } from './helpers.js';

/** Stores `n` answers through the engine. */
const answer = (engine: OfflineReview, n: number): Promise<void> => answerAll(engine, cards(n, unique('i')));

function until(condition: () => unknown, message: string, timeout = 10_000): Promise<void> {
  return waitUntil(condition, message, { timeout });
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** A state as the engine would give it, with `changes` over a synced one. */
function stateWith(changes: Partial<SyncState>): SyncState {
  return { ...initialSyncState(true), lastSyncedAt: Date.now() - 5 * MINUTE, ...changes };
}

describe('<sync-indicator>: why and when', () => {
  useEngineSuite();
  // Some tests go offline; the chunks loaded after a first card are there by then, as a worker precaches them.
  before(loadChunksAsPrecached);
  afterEach(() => cdp.offline(false));

  it('says when it retries by itself, from the server\'s Retry-After, and the text follows the time', async () => {
    const id = freshIdentity({ backoffBaseMs: 600_000, backoffCapMs: 600_000 });
    const engine = engineFor(id);
    const el = await mountIndicator(id);
    await until(() => el.syncState?.lastSyncedAt, 'a first sync');
    await api.fault({ mode: 'status', status: 503, retryAfter: 12, match: '/sync' });
    const before = Date.now();
    await answer(engine, 1);
    await until(() => el.state === 'error' && el.syncState?.nextRetryAt, 'a retry set');
    const at = el.syncState!.nextRetryAt!;
    expect(at - before).to.be.within(11 * SECOND, 13 * SECOND + (Date.now() - before));
    expect(textOf(el, 'next-retry')).to.equal(`Retrying ${relativeTime(at, Date.now(), 'en').text}`);
    expect(textOf(el, 'last-sync')).to.equal('Last synced now');
    await expect(el).to.be.accessible();
    // No timer of the test: the element's own re-render moves the text as the retry nears.
    const first = textOf(el, 'next-retry');
    await until(() => textOf(el, 'next-retry') !== first && textOf(el, 'next-retry') !== '', 'the time moves on', 12_000);
    expect(textOf(el, 'next-retry')).to.match(/^Retrying in \d+ seconds$/);
    await api.clear();
  });

  it('can’t reach the server: says when the backoff retries; offline: no retry is promised', async () => {
    const id = freshIdentity({ backoffBaseMs: 600_000, backoffCapMs: 600_000 });
    const engine = engineFor(id);
    const el = await mountIndicator(id);
    await until(() => el.syncState?.lastSyncedAt, 'a first sync');
    await api.fault({ mode: 'down' });
    await answer(engine, 1);
    await until(() => el.state === 'unreachable' && el.syncState?.nextRetryAt, 'unreachable, a retry set');
    const at = el.syncState!.nextRetryAt!;
    const expected = at - Date.now() <= 60 * MINUTE ? `Retrying ${relativeTime(at, Date.now(), 'en').text}` : /^Retrying at /;
    if (typeof expected === 'string') expect(textOf(el, 'next-retry')).to.equal(expected);
    expect(textOf(el, 'last-sync')).to.equal('Last synced now');
    await expect(el).to.be.accessible();
    // Where the device cannot go offline under test (WebKit), it stays "can't reach the server".
    if (!(await cdp.offline(true))) return;
    await until(() => el.state === 'offline', 'offline');
    expect(part(el, 'next-retry'), 'offline waits for the network, not a timer').to.equal(null);
    expect(textOf(el, 'message')).to.equal('Offline — 1 answer and 1 other change waiting');
  });

  it('"Offline" follows the device: back online, a queue that heard nothing of it (no auto sync) no longer says offline', async () => {
    const id = freshIdentity({ backoffBaseMs: 600_000, backoffCapMs: 600_000 }, false);
    const engine = engineFor(id);
    const el = await mountIndicator(id);
    if (!(await cdp.offline(true))) return; // WebKit cannot take the device offline under test
    await answer(engine, 1);
    await engine.sync();
    await until(() => el.state === 'offline' && el.syncState?.online === false && el.pending === 1 && el.syncState.pending === 2, 'offline, counted');
    expect(textOf(el, 'message')).to.equal('Offline — 1 answer and 1 other change waiting');
    await cdp.offline(false);
    // The queue has no connectivity listener (no auto sync): its state still says offline.
    await until(() => el.state === 'syncing', 'no longer offline');
    expect(el.syncState?.online).to.equal(false);
    expect(textOf(el, 'message')).to.equal('1 answer and 1 other change waiting to sync');
    await expect(el).to.be.accessible();
  });

  it('a 401 with sign-in-url offers a sign-in link instead of Retry', async () => {
    const id = freshIdentity();
    const engine = engineFor(id);
    const el = await mountIndicator(id, 'sign-in-url="/login?next=/review"');
    await api.fault({ mode: 'status', status: 401 });
    await answer(engine, 1);
    await until(() => el.syncState?.paused && part(el, 'sign-in-link'), 'paused, with a link');
    const link = part<HTMLAnchorElement>(el, 'sign-in-link')!;
    expect(link.getAttribute('href')).to.equal('/login?next=/review');
    expect(link.textContent).to.equal('Sign in');
    expect(part(el, 'retry-button')).to.equal(null);
    expect(textOf(el, 'message')).to.equal('Sign in again to sync your answers');
    expect(part(el, 'next-retry'), 'a pause waits for the learner').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('sign-in-url makes a link only to an http: or https: address: javascript: and data: leave Retry', async () => {
    const el = await fixture<SyncIndicatorElement>('<sync-indicator></sync-indicator>');
    el.status = stateWith({ paused: true, lastError: { kind: 'auth', code: 'auth-required', message: 'HTTP 401' } });
    for (const unsafe of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>', 'http://[bad']) {
      el.signInUrl = unsafe;
      await el.updateComplete;
      expect(part(el, 'sign-in-link'), unsafe).to.equal(null);
      expect(part(el, 'retry-button') !== null, `${unsafe}: Retry instead`).to.equal(true);
    }
    await expect(el).to.be.accessible();
    for (const safe of ['/login?next=/review', 'login', 'https://id.example.com/sign-in', 'HTTP://example.com/']) {
      el.signInUrl = safe;
      await el.updateComplete;
      const link = part<HTMLAnchorElement>(el, 'sign-in-link');
      expect(link?.getAttribute('href'), safe).to.equal(safe);
      expect(link!.protocol).to.match(/^https?:$/);
    }
    await expect(el).to.be.accessible();
  });

  it('with `status` set, the buttons are disabled even with a user: they would act on the real engine, not the state shown', async () => {
    const id = freshIdentity();
    const engine = engineFor(id);
    const el = await mountIndicator(id);
    await until(() => el.syncState, 'the live state');
    el.status = stateWith({
      deadLetters: 2,
      deadLetterAnswers: 2,
      refusal: { code: 'quota', message: 'Over the plan’s limit' },
      lastError: { kind: 'server-error', code: 'server-error', message: 'HTTP 500' },
      updateAvailable: true,
    });
    await el.updateComplete;
    for (const name of ['retry-button', 'retry-dead-letters-button', 'discard-button', 'reload-button']) {
      const button = part<HTMLButtonElement>(el, name);
      expect(button?.disabled, name).to.equal(true);
    }
    part(el, 'discard-button')!.click();
    await el.updateComplete;
    expect(part(el, 'discard-yes-button'), 'no discard question in a preview').to.equal(null);
    await expect(el).to.be.accessible();
    // The live state again: the engine's, with nothing refused.
    el.status = null;
    await el.updateComplete;
    expect(part(el, 'discard-button'), 'live: nothing refused').to.equal(null);
    expect(engine.state.deadLetters).to.equal(0);
  });

  it('`status` shows any state without an engine, each one axe-clean, and null returns to the live state', async () => {
    const el = await fixture<SyncIndicatorElement>('<sync-indicator sign-in-url="/login"></sync-indicator>');
    expect(el.shadowRoot!.childElementCount).to.equal(0);
    const states: Array<[Partial<SyncState>, string, string]> = [
      [{}, 'synced', 'All changes saved'],
      [{ online: false, pending: 3, pendingAnswers: 2 }, 'offline', 'Offline — 2 answers and 1 other change waiting'],
      [
        { pending: 1, pendingAnswers: 1, lastError: { kind: 'unreachable', code: 'network', message: 'Failed to fetch' }, nextRetryAt: Date.now() + 30 * SECOND },
        'unreachable',
        'Can’t reach the server — 1 answer waiting',
      ],
      [{ syncing: true, pending: 12, total: 18, sent: 6, totalAnswers: 17, sentAnswers: 5, pendingAnswers: 12 }, 'syncing', 'Syncing 5 of 17 answers'],
      [{ pending: 4, pendingAnswers: 4 }, 'syncing', '4 answers waiting to sync'],
      [{ syncing: true, pending: 1, total: 1 }, 'syncing', 'Syncing 1 change'],
      [{ lastError: { kind: 'server-error', code: 'server-error', message: 'HTTP 500' }, nextRetryAt: Date.now() + 2 * 60 * MINUTE }, 'error', 'Sync failed — your answers are kept on this device'],
      [{ paused: true, lastError: { kind: 'auth', code: 'auth-required', message: 'HTTP 401' } }, 'error', 'Sign in again to sync your answers'],
      [
        { pending: 1, pendingAnswers: 1, lastError: { kind: 'storage-full', code: 'storage-full', message: 'QuotaExceededError' } },
        'error',
        'This device is out of storage — free some space to keep saving and syncing answers',
      ],
      [
        { deadLetters: 3, deadLetterAnswers: 2, refusal: { code: 'wrong-user', message: 'the mutation belongs to another user' } },
        'error',
        '2 answers and 1 other change were refused by the server',
      ],
      [{ deadLetters: 1, deadLetterAnswers: 1, refusal: { code: 'quota', message: 'Over the plan’s limit' } }, 'error', '1 answer was refused by the server'],
      [{ updateAvailable: true }, 'synced', 'All changes saved'],
    ];
    for (const [changes, state, message] of states) {
      el.status = stateWith(changes);
      await el.updateComplete;
      expect(el.getAttribute('state'), message).to.equal(state);
      expect(textOf(el, 'message')).to.equal(message);
      expect(textOf(el, 'last-sync'), 'the last sync in every state').to.equal('Last synced 5 minutes ago');
      await expect(el).to.be.accessible();
    }
    el.status = stateWith({ lastError: { kind: 'server-error', code: 'server-error', message: 'HTTP 500' }, nextRetryAt: Date.now() + 30 * SECOND });
    await el.updateComplete;
    expect(textOf(el, 'next-retry')).to.equal('Retrying in 30 seconds');
    el.status = stateWith({ lastError: { kind: 'server-error', code: 'server-error', message: 'HTTP 500' }, nextRetryAt: Date.now() + 2 * 60 * MINUTE });
    await el.updateComplete;
    expect(textOf(el, 'next-retry')).to.match(/^Retrying at \d/);
    el.status = stateWith({ deadLetters: 1, deadLetterAnswers: 1, refusal: { code: 'quota', message: 'Over the plan’s limit' } });
    await el.updateComplete;
    expect(textOf(el, 'refusal-reason')).to.equal('The server said: “Over the plan’s limit”');
    // A few fields are enough: the rest is a synced state with nothing waiting.
    el.status = { online: false, pending: 1 };
    el.compact = true;
    await el.updateComplete;
    expect(textOf(el, 'message')).to.equal('Offline — 1 change waiting');
    expect(textOf(el, 'compact-message')).to.equal('Offline (1)');
    expect(part(el, 'last-sync'), 'compact: no last sync').to.equal(null);
    await expect(el).to.be.accessible();
    el.status = null;
    await el.updateComplete;
    expect(el.shadowRoot!.childElementCount, 'no user: nothing live to show').to.equal(0);
  });

  it('relative times: now, minutes and days ago, seconds in steps of 5 and minutes ahead, with the moment each changes', () => {
    const now = Date.UTC(2026, 0, 10, 12, 0, 0);
    expect(relativeTime(now - 10 * SECOND, now, 'en')).to.deep.equal({ text: 'now', changesAt: now + 50 * SECOND });
    expect(relativeTime(now - 5 * MINUTE - 10 * SECOND, now, 'en')).to.deep.equal({ text: '5 minutes ago', changesAt: now + 50 * SECOND });
    expect(relativeTime(now - 3 * 60 * MINUTE, now, 'en').text).to.equal('3 hours ago');
    expect(relativeTime(now - 26 * 60 * MINUTE, now, 'en').text).to.equal('yesterday');
    expect(relativeTime(now + 12 * SECOND, now, 'en')).to.deep.equal({ text: 'in 15 seconds', changesAt: now + 2 * SECOND });
    expect(relativeTime(now + 90 * SECOND, now, 'en')).to.deep.equal({ text: 'in 2 minutes', changesAt: now + 30 * SECOND });
    expect(relativeTime(now + 30 * SECOND, now, 'ja').text).to.equal('30 秒後');
  });

  it('words the server\'s reasons: each known code, and the server\'s own message for others', () => {
    const t = defaultSyncIndicatorLabels;
    expect(refusalReason(t, { code: 'wrong-user', message: 'x' })).to.equal(t.reasonWrongUser);
    for (const code of ['invalid-mutation', 'unsupported-type', 'unsupported-action', 'invalid-text', 'too-deep']) {
      expect(refusalReason(t, { code, message: 'x' })).to.equal(t.reasonInvalid);
    }
    expect(refusalReason(t, { code: 'too-large', message: 'x' })).to.equal(t.reasonTooLarge);
    for (const code of ['conflict', 'id-reused', 'unknown-session']) expect(refusalReason(t, { code, message: 'x' })).to.equal(t.reasonConflict);
    expect(refusalReason(t, { code: 'server-error', message: 'x' })).to.equal(t.reasonRetries);
    expect(refusalReason(t, { code: 'quota', message: 'Over the limit' })).to.equal('The server said: “Over the limit”');
  });
});
