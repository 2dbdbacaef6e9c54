// The review tag's rarer parts are chunks of their own in the built CDN bundle (dist/cdn/): a
// page's first card needs neither the summaries, nor typed answers, nor another language's
// words; the summary shows only once its chunk is in, from the worker's precache when the
// device is offline, and a chunk that cannot be loaded shows the error screen. Pages of the
// worker's scope in iframes load the real entry, /dist/cdn/offline-review.js; the test server
// can hold or cut any request under /dist/cdn/.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import { pagesCacheName } from '../../sw/cache-names.js';
import { api, signIn, unique } from '../support/server.js';
import { navigate, openFrame, registerWorker, SCOPE, useWorkerSuite, waitForCached } from './sw-support.js';

const PAGE = `${SCOPE}chunks.html`;
const ITEMS = [1, 2].map((n) => ({ id: `card-${n}`, contentType: 'vocabulary', prompt: `prompt ${n}`, answer: `answer ${n}`, version: 1 }));

/** A deck page with the CDN entry: a drill of two cards for `user` in `lang` (`mode` grade or typed). */
function deckPage(db: string, user: string, lang = 'en', mode = 'grade'): string {
  const tag = `<review-session db-name="${db}" user="${user}" deck="deck" schedule="drill" mode="${mode}"><script type="application/json">${JSON.stringify(ITEMS)}</script></review-session>`;
  return `<!doctype html><html lang="${lang}"><title>chunks</title><main>${tag}</main><script type="module" src="/dist/cdn/offline-review.js"></script></html>`;
}

/** A part of the frame's review session, or null. */
function find(doc: Document, name: string): HTMLElement | null {
  return doc.querySelector('review-session')?.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
}

/** A part of the frame's review session, once it is there. */
async function partOf(doc: Document, name: string): Promise<HTMLElement> {
  await waitUntil(() => find(doc, name), `part ${name} never appeared`);
  return find(doc, name)!;
}

/** Reveals card `n` and grades it Good. */
async function gradeGood(doc: Document, n: number): Promise<void> {
  await waitUntil(() => find(doc, 'prompt')?.textContent?.trim() === `prompt ${n}` && find(doc, 'reveal-button'), `card ${n} never shown`);
  find(doc, 'reveal-button')!.click();
  (await partOf(doc, 'grade-good')).click();
}

/** When the running test started, on this machine's clock: the log holds earlier files' requests too. */
let since = 0;

/**
 * The chunks under /dist/cdn/chunks/ the test server was asked for since the test started
 * (until `before`, a time of the same clock), by name without the hash. Once the first card
 * shows, the review tag registers the site's worker, which precaches every chunk: `before`
 * leaves those out.
 */
async function chunksAsked(before = Infinity): Promise<string[]> {
  const paths = (await api.log())
    .filter((entry) => entry.at >= since && entry.at <= before)
    .map((entry) => entry.path)
    .filter((path) => path.startsWith('/dist/cdn/chunks/'));
  return paths.map((path) => path.slice('/dist/cdn/chunks/'.length).replace(/-[\w-]{8}\.js$/, ''));
}

/** Opens the deck page, served by the test server as `body`, in a new frame; resolves its document. */
async function openDeck(body: string): Promise<Document> {
  await api.fault({ match: PAGE, mode: 'status', status: 200, body });
  return navigate(await openFrame(), PAGE);
}

describe('the review tag\'s chunks', () => {
  useWorkerSuite();
  beforeEach(() => (since = Date.now()));

  it('shows the first card with the summary held, typed answers and the Japanese words never asked for; the summary waits for its chunk', async () => {
    const user = unique('u');
    signIn(user);
    await api.fault({ match: 'chunks/review-screens-', mode: 'hold' });
    const doc = await openDeck(deckPage(unique('db'), user));
    await partOf(doc, 'reveal-button');
    const asked = await chunksAsked(Date.now());
    expect(asked).to.include('review-session');
    // The English words are a chunk of their own too (a Japanese page does not fetch them); the
    // later English words may come already, with the summaries' chunk asked for at an idle moment.
    expect(asked.filter((name) => name.includes('typed') || (name.includes('labels-') && !name.endsWith('labels-en')))).to.deep.equal([]);

    await gradeGood(doc, 1);
    await gradeGood(doc, 2);
    // The last answer is stored, the summary's chunk is still held: the card stays, its grades
    // disabled, never a blank element nor the summary without its styles.
    await waitUntil(async () => (await chunksAsked()).includes('review-screens'), 'the summary chunk was never asked for');
    await waitUntil(() => find(doc, 'grade-good')?.hasAttribute('disabled'), 'the grades stayed enabled');
    expect(find(doc, 'summary')).to.equal(null);
    expect(find(doc, 'prompt')?.textContent).to.equal('prompt 2');

    await api.release();
    const summary = await partOf(doc, 'summary');
    expect(find(doc, 'summary-answered')?.textContent).to.equal('2');
    // Its styles came with it: centred, as documented.
    expect(getComputedStyle(summary).textAlign).to.equal('center');
  });

  it('a Japanese page asks for the Japanese words before its first card, a typed review for typed answers', async () => {
    const user = unique('u');
    signIn(user);
    const ja = await openDeck(deckPage(unique('db'), user, 'ja'));
    expect((await partOf(ja, 'reveal-button')).textContent?.trim()).to.equal('答えを表示');
    expect(await chunksAsked()).to.include('review-session-labels-ja');
    expect(await chunksAsked()).to.not.include('review-session-labels-en');

    await api.clear();
    const typed = await openDeck(deckPage(unique('db'), user, 'en', 'typed'));
    await partOf(typed, 'typed-input');
    expect(await chunksAsked()).to.include('typed-screen');
  });

  it('shows the summary after the last card offline, its chunk from the worker\'s precache', async () => {
    const db = unique('db');
    const user = unique('u');
    await registerWorker({ db });
    signIn(user);
    const online = await openDeck(deckPage(db, user));
    await partOf(online, 'reveal-button');
    await waitForCached(pagesCacheName(db, user), PAGE);

    // The page, the bundle and the API cut: everything comes from the worker.
    await api.clear();
    await api.fault({ match: PAGE, mode: 'down' });
    await api.fault({ match: '/dist/cdn/', mode: 'down' });
    await api.fault({ mode: 'down' });
    const offline = await navigate(document.querySelector('iframe')!, PAGE);
    await gradeGood(offline, 1);
    await gradeGood(offline, 2);
    await partOf(offline, 'summary');
    expect(find(offline, 'summary-answered')?.textContent).to.equal('2');
    expect(find(offline, 'error')).to.equal(null);
  });

  it('shows the error screen, with content-unavailable, when the summary\'s chunk cannot be loaded; no answer is lost', async () => {
    const user = unique('u');
    signIn(user);
    await api.fault({ match: 'chunks/review-screens-', mode: 'down' });
    const doc = await openDeck(deckPage(unique('db'), user));
    const errors: Array<{ code: string; details: Record<string, unknown> }> = [];
    doc.querySelector('review-session')!.addEventListener('review-error', (event) => errors.push((event as CustomEvent).detail.error));
    await gradeGood(doc, 1);
    await gradeGood(doc, 2);
    expect((await partOf(doc, 'error-message')).textContent).to.equal('This part of the review could not be loaded. Connect to the internet and try again.');
    expect(find(doc, 'retry-button')).to.not.equal(null);
    expect(errors.map((error) => [error.code, error.details['chunk']])).to.deep.equal([['content-unavailable', 'summary']]);
    await waitUntil(async () => (await api.serverState(user)).answers.length === 2, 'the answers never reached the server');
  });
});
