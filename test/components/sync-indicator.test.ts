import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import type { SyncIndicatorElement } from '../../components/sync-indicator/sync-indicator.js';
import type { OfflineReview } from '../../src/index.js';
import { api, cdp, signIn, unique } from '../support/server.js';
import { answerAll, cards, engineFor, freshIdentity, loadChunksAsPrecached, mountIndicator, mountSession, part, textOf, waitForPart, type TestIdentity, useEngineSuite } from './helpers.js';

/** Stores `n` answers through the engine. */
const answer = (engine: OfflineReview, n: number): Promise<void> => answerAll(engine, cards(n, unique('i')));

function until(condition: () => unknown, message: string): Promise<void> {
  return waitUntil(condition, message, { timeout: 10_000 });
}

/**
 * An identity whose queue drains only when the test (or a button) asks: no auto sync, and a
 * backoff longer than any test, so a failure stays on screen until something retries.
 */
function quietIdentity(): TestIdentity {
  return freshIdentity({ backoffBaseMs: 600_000, backoffCapMs: 600_000 }, false);
}

/**
 * The device offline for real: `navigator.onLine` false, and requests fail. Resolves what the
 * indicator then says: "offline", or where the device cannot go offline under test (WebKit:
 * only the server's switch cuts the requests, `navigator.onLine` stays true) "unreachable", as
 * it truly does there.
 */
async function goOffline(): Promise<'offline' | 'unreachable'> {
  await api.fault({ mode: 'down' });
  return (await cdp.offline(true)) ? 'offline' : 'unreachable';
}

/** The indicator's words for `state` with `what` waiting ("2 answers and 1 other change"; '': nothing). */
function waiting(state: 'offline' | 'unreachable', what: string): string {
  const words = state === 'offline' ? 'Offline' : 'Can’t reach the server';
  return what === '' ? words : `${words} — ${what} waiting`;
}

describe('<sync-indicator>', () => {
  useEngineSuite();
  // Some tests go offline; the chunks loaded after a first card are there by then, as a worker precaches them.
  before(loadChunksAsPrecached);
  afterEach(() => cdp.offline(false));

  it('is axe clean when synced, offline, in error and with an update (dead letters: below)', async () => {
    const id = freshIdentity();
    const engine = engineFor(id);
    const el = await mountIndicator(id);
    await until(() => el.syncState?.lastSyncedAt, 'a first sync');
    await expect(el).to.be.accessible();
    const offline = await goOffline();
    await answer(engine, 1);
    await until(() => el.state === offline, offline);
    await expect(el).to.be.accessible();
    await cdp.offline(false);
    await api.clear();

    const other = quietIdentity();
    const failing = await mountIndicator(other);
    await api.fault({ mode: 'status', status: 500, match: '/sync' });
    await answer(engineFor(other), 1);
    await engineFor(other).sync();
    await until(() => failing.state === 'error', 'error');
    await expect(failing).to.be.accessible();
    engineFor(other).notifyUpdateAvailable(() => undefined);
    await until(() => part(failing, 'update'), 'update');
    await expect(failing).to.be.accessible();
  });

  it('reflects state and pending, and says "All changes saved" with the last sync time', async () => {
    const id = freshIdentity();
    const el = await mountIndicator(id);
    await until(() => el.state === 'synced' && el.syncState?.lastSyncedAt, 'synced');
    expect(el.getAttribute('state')).to.equal('synced');
    expect(el.getAttribute('pending')).to.equal('0');
    expect(textOf(el, 'message')).to.equal('All changes saved');
    // Relative (Intl.RelativeTimeFormat), the clock time as its tooltip.
    expect(textOf(el, 'last-sync')).to.equal('Last synced now');
    expect(part(el, 'last-sync')!.title).to.match(/\d/);
    const status = part(el, 'status')!;
    expect(status.getAttribute('role')).to.equal('status');
    expect(status.getAttribute('aria-live')).to.equal('polite');
  });

  it('offline: "Offline — 2 answers and 1 other change waiting" (answers apart from the session), shared with <review-session>', async () => {
    const id = freshIdentity();
    const offline = await goOffline();
    const indicator = await mountIndicator(id);
    const session = await mountSession(id, { items: cards(3) });
    for (let i = 0; i < 2; i++) {
      (await waitForPart(session, 'reveal-button')).click();
      (await waitForPart(session, 'grade-good')).click();
      await until(() => textOf(session, 'progress-text') === `${i + 2} of 3`, 'next card');
    }
    await until(() => indicator.getAttribute('state') === offline && indicator.syncState?.pending === 3, `${offline}, 3 waiting`);
    // Three records wait: two answers and the session itself, which is not an answer.
    expect(indicator.getAttribute('pending')).to.equal('2');
    expect(textOf(indicator, 'message')).to.equal(waiting(offline, '2 answers and 1 other change'));
    expect(part(indicator, 'last-sync'), 'the last sync in every state').to.not.equal(null);
    await cdp.offline(false);
    await api.clear();
    await engineFor(id).sync();
    await until(() => indicator.state === 'synced' && indicator.pending === 0, 'synced');
    expect((await api.serverState(id.user)).answers).to.have.length(2);
  });

  it('offline: no answer is counted before one is given; then "1 answer", singular', async () => {
    const id = freshIdentity();
    const engine = engineFor(id);
    const offline = await goOffline();
    const el = await mountIndicator(id);
    await until(() => el.state === offline, offline);
    expect(textOf(el, 'message')).to.equal(waiting(offline, ''));
    expect(textOf(el, 'last-sync')).to.equal('Not synced yet');
    const { session } = await engine.startSession({ deckId: 'd', itemIds: ['a'], mode: 'grade' });
    await until(() => el.syncState?.pending === 1, 'the session waits');
    // A session started, nothing answered: no answer waits.
    expect(el.pending).to.equal(0);
    expect(textOf(el, 'message')).to.equal(waiting(offline, '1 change'));
    await engine.recordAnswer({ sessionId: session.id, itemId: 'a', rating: 3, responseTimeMs: 500 });
    await until(() => el.pending === 1, 'one answer waiting');
    expect(textOf(el, 'message')).to.equal(waiting(offline, '1 answer and 1 other change'));
  });

  it('unreachable: online, but the server refuses connections: "Can’t reach the server", not "Offline"', async () => {
    const id = freshIdentity();
    const engine = engineFor(id);
    const indicator = await mountIndicator(id);
    const compact = await mountIndicator(id, 'compact');
    await until(() => indicator.syncState?.lastSyncedAt, 'a first sync');
    // The server's sockets are destroyed; the device stays online.
    await api.fault({ mode: 'down' });
    const session = await mountSession(id, { items: cards(2) });
    (await waitForPart(session, 'reveal-button')).click();
    (await waitForPart(session, 'grade-good')).click();
    await engine.sync();
    await until(() => indicator.state === 'unreachable' && indicator.syncState?.pending === 2, 'unreachable, 2 waiting');
    expect(navigator.onLine).to.equal(true);
    expect(indicator.syncState?.lastError).to.include({ kind: 'unreachable', code: 'network' });
    expect(indicator.getAttribute('state')).to.equal('unreachable');
    expect(textOf(indicator, 'message')).to.equal('Can’t reach the server — 1 answer and 1 other change waiting');
    expect(textOf(compact, 'compact-message')).to.equal('No server (1)');
    expect(textOf(indicator, 'last-sync')).to.equal('Last synced now');
    expect(textOf(session, 'offline-notice')).to.equal('Can’t reach the server. Your answers are saved on this device.');
    await expect(indicator).to.be.accessible();

    // The device goes offline as well: now it is "Offline", whatever the server does (where
    // the device cannot go offline under test, WebKit, it still cannot reach the server).
    const offline = (await cdp.offline(true)) ? 'offline' : 'unreachable';
    await until(() => indicator.state === offline, offline);
    expect(textOf(indicator, 'message')).to.equal(waiting(offline, '1 answer and 1 other change'));
    if (offline === 'offline') expect(part(indicator, 'next-retry'), 'offline waits for the network, not a timer').to.equal(null);
    expect(textOf(session, 'offline-notice')).to.equal(
      offline === 'offline' ? 'You are offline. Your answers are saved on this device.' : 'Can’t reach the server. Your answers are saved on this device.',
    );

    // Back online with the server up: everything goes.
    await api.clear();
    await cdp.offline(false);
    await until(() => indicator.state === 'synced' && indicator.pending === 0, 'synced');
    expect(part(session, 'offline-notice')).to.equal(null);
    expect((await api.serverState(id.user)).answers).to.have.length(1);
  });

  it('unreachable in the singular and empty cases', async () => {
    const id = quietIdentity();
    const engine = engineFor(id);
    const el = await mountIndicator(id);
    await api.fault({ mode: 'down' });
    await engine.sync();
    await until(() => el.state === 'unreachable', 'unreachable');
    expect(textOf(el, 'message')).to.equal('Can’t reach the server');
    await engine.startSession({ deckId: 'd', itemIds: ['a'], mode: 'grade' });
    await until(() => el.syncState?.pending === 1, 'one waiting');
    expect(textOf(el, 'message')).to.equal('Can’t reach the server — 1 change waiting');
  });

  it('syncing: "Syncing 0 of 14 answers" while a push is under way, answers apart from their session', async () => {
    const id = quietIdentity();
    const engine = engineFor(id);
    const el = await mountIndicator(id);
    await answer(engine, 14);
    await until(() => el.syncState?.pending === 15, 'fourteen answers and their session queued');
    await api.fault({ mode: 'hang', match: '/sync' });
    void engine.sync();
    await until(() => el.state === 'syncing' && el.syncState?.syncing, 'syncing');
    // Fourteen answers, not the fifteen records with their session.
    expect(textOf(el, 'message')).to.equal('Syncing 0 of 14 answers');
    expect(el.syncState).to.include({ total: 15, totalAnswers: 14, sentAnswers: 0 });
    expect(textOf(el, 'last-sync')).to.equal('Not synced yet');
    await expect(el).to.be.accessible();
  });

  it('error: shows the error and a retry button that syncs again', async () => {
    const id = quietIdentity();
    const engine = engineFor(id);
    const el = await mountIndicator(id);
    // The pull fails (the push went through), so nothing waits in a backoff: only the button retries.
    await api.fault({ mode: 'status', status: 500, match: '/changes' });
    await answer(engine, 1);
    await engine.sync();
    await until(() => el.state === 'error' && part(el, 'retry-button'), 'error with retry');
    expect(textOf(el, 'message')).to.equal('Sync failed — your answers are kept on this device');
    expect(part(el, 'message')!.title).to.match(/500/);
    await api.clear();
    await api.log({ clear: true });
    part(el, 'retry-button')!.click();
    await until(async () => (await api.log()).some((r) => r.path.endsWith('/changes')), 'the retry pulls');
    await until(() => el.state === 'synced' && el.pending === 0, 'synced after retry');
    expect(part(el, 'retry-button')).to.equal(null);
  });

  it('auth-required: asks to sign in again; retry resumes the paused queue', async () => {
    const id = freshIdentity();
    const engine = engineFor(id);
    const el = await mountIndicator(id);
    await api.fault({ mode: 'status', status: 401 });
    await answer(engine, 1);
    await until(() => el.syncState?.paused && part(el, 'retry-button'), 'paused');
    expect(textOf(el, 'message')).to.equal('Sign in again to sync your answers');
    await api.clear();
    part(el, 'retry-button')!.click();
    await until(() => el.state === 'synced' && el.pending === 0, 'synced after sign-in');
  });

  it('dead letters: send again, or discard after confirming', async () => {
    const id = freshIdentity();
    const engine = engineFor(id);
    signIn(unique('someone-else')); // the server refuses another user's answers: dead letters
    const el = await mountIndicator(id);
    await answer(engine, 2);
    // All three refused (the session's drain may end before the answers are stored and sent).
    await until(() => el.syncState?.deadLetters === 3 && !el.syncState?.syncing, 'dead letters');
    await el.updateComplete;
    expect(el.state).to.equal('error');
    // Two answers and their session: the session is not counted as an answer.
    expect(part(el, 'dead-letters')!.getAttribute('aria-label')).to.equal('2 answers and 1 other change were refused by the server');
    expect(textOf(el, 'message')).to.equal('2 answers and 1 other change were refused by the server');
    // The server's reason (`wrong-user`), in words.
    expect(textOf(el, 'refusal-reason')).to.equal('They belong to another account.');
    await expect(el).to.be.accessible();

    signIn(id.user);
    part(el, 'retry-dead-letters-button')!.click();
    await until(() => el.syncState?.deadLetters === 0 && el.state === 'synced', 'sent again');
    expect((await api.serverState(id.user)).answers).to.have.length(2);

    signIn(unique('someone-else'));
    await answer(engine, 1);
    await until(() => (el.syncState?.deadLetters ?? 0) > 0 && part(el, 'discard-button'), 'dead letters again');
    part(el, 'discard-button')!.click();
    await until(() => part(el, 'discard-no-button'), 'confirmation');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'discard-no-button'));
    await expect(el).to.be.accessible();
    part(el, 'discard-no-button')!.click();
    await until(() => part(el, 'discard-button'), 'kept');
    part(el, 'discard-button')!.click();
    (await waitForPart(el, 'discard-yes-button')).click();
    await until(() => el.syncState?.deadLetters === 0 && !part(el, 'dead-letters'), 'discarded');
    expect(await engine.listDeadLetters()).to.have.length(0);
  });

  it('update available: the reload button applies the update', async () => {
    const id = freshIdentity();
    const engine = engineFor(id);
    const el = await mountIndicator(id);
    let applied = 0;
    engine.notifyUpdateAvailable(() => void applied++);
    const reload = await waitForPart(el, 'reload-button');
    expect(textOf(el, 'update')).to.contain('Update available');
    reload.click();
    await until(() => applied === 1 && !part(el, 'update'), 'applied');
  });

  it('compact: a short text, the full sentence kept for screen readers, labels replaceable', async () => {
    const id = freshIdentity();
    const el = await mountIndicator(id, 'compact');
    await until(() => el.state === 'synced' && el.syncState?.lastSyncedAt, 'synced');
    expect(textOf(el, 'compact-message')).to.equal('Saved');
    expect(part(el, 'message')!.classList.contains('visually-hidden')).to.equal(true);
    expect(part(el, 'last-sync')).to.equal(null);
    el.labels = { synced: 'Alles gespeichert', compactSynced: 'OK' };
    await el.updateComplete;
    expect(textOf(el, 'message')).to.equal('Alles gespeichert');
    expect(textOf(el, 'compact-message')).to.equal('OK');
    await expect(el).to.be.accessible();
  });

  it('shows nothing without a user, and follows a user set later', async () => {
    const id = freshIdentity();
    const el = await fixture<SyncIndicatorElement>(`<sync-indicator db-name="${id.db}"></sync-indicator>`);
    expect(el.shadowRoot!.childElementCount).to.equal(0);
    expect(el.syncState).to.equal(null);
    el.user = id.user;
    await until(() => part(el, 'status'), 'status once a user is set');
    expect(el.syncState).to.not.equal(null);
  });
});
