// A review page used offline through the worker, in the browser suite (so in every engine; the
// end-to-end suite, which does this with the device really offline, runs in Chromium and
// Firefox only): the site's deck page with <review-session>, kept by the worker for its user,
// opens from the worker's cache with the page and the API cut, the learner answers, and the
// answers reach the server once it answers again.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import { pagesCacheName } from '../../sw/cache-names.js';
import { api, signIn, unique } from '../support/server.js';
import { frameWindow, navigate, openFrame, registerWorker, SCOPE, useWorkerSuite, waitForCached } from './sw-support.js';

const DECK = `${SCOPE}deck.html`;
const ITEMS = [1, 2, 3].map((n) => ({ id: `card-${n}`, contentType: 'vocabulary', prompt: `prompt ${n}`, answer: `answer ${n}`, version: 1 }));

/** The deck page as the site renders it for `user`: the tag with its cards inline. */
function deckPage(db: string, user: string): string {
  const tag = `<review-session db-name="${db}" user="${user}" deck="deck" schedule="drill"><script type="application/json">${JSON.stringify(ITEMS)}</script></review-session>`;
  return `<!doctype html><html lang="en"><title>deck</title><main>${tag}</main><script type="module" src="${SCOPE}tags.ts"></script></html>`;
}

/** A part of the frame's review session, once it is there. */
async function partOf(doc: Document, name: string): Promise<HTMLElement> {
  const find = (): HTMLElement | null => doc.querySelector('review-session')?.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
  await waitUntil(find, `part ${name} never appeared`);
  return find()!;
}

/** Reveals the current card and grades it good. */
async function gradeGood(doc: Document, prompt: string): Promise<void> {
  await waitUntil(async () => (await partOf(doc, 'prompt')).textContent?.trim() === prompt, `card "${prompt}" never shown`);
  (await partOf(doc, 'reveal-button')).click();
  (await partOf(doc, 'grade-good')).click();
}

describe('service worker: a review page offline', () => {
  useWorkerSuite();

  it('opens from the worker\'s cache with the network cut, takes answers, and they reach the server once it answers', async () => {
    const db = unique('db');
    const user = unique('u');
    await registerWorker({ db });
    signIn(user);
    await api.fault({ match: DECK, mode: 'status', status: 200, body: deckPage(db, user) });
    const online = await navigate(await openFrame(), DECK);
    // The page's engine has started (its configuration names the user) and the worker kept the page for them.
    await partOf(online, 'reveal-button');
    await waitForCached(pagesCacheName(db, user), DECK);

    // The page and the API cut: the page comes from the worker, the learner answers two cards.
    await api.clear();
    await api.fault({ match: DECK, mode: 'down' });
    await api.fault({ mode: 'down' });
    const frame = document.querySelector('iframe')!;
    const offline = await navigate(frame, DECK);
    expect(offline.title).to.equal('deck');
    await gradeGood(offline, 'prompt 1');
    await gradeGood(offline, 'prompt 2');
    await partOf(offline, 'offline-notice');
    expect((await api.serverState(user)).answers).to.have.length(0);

    // The server answers again (the page hears `online`, as a device coming back): both answers arrive, once.
    await api.clear();
    frameWindow(frame).dispatchEvent(new Event('online'));
    await waitUntil(async () => (await api.serverState(user)).answers.length >= 2, 'the answers never reached the server');
    const answers = (await api.serverState(user)).answers;
    expect(answers.map((answer) => answer.itemId).sort()).to.deep.equal(['card-1', 'card-2']);
  });
});
