// Shared set-up for the tag tests: a fresh user, database and deck per test, an engine with
// short delays (made before the element, which then shares it), and mounting with inline items.
import { fixture } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import { OfflineReview } from '../../src/index.js';
import type { AnswerRecord, OfflineReviewError, OfflineReviewOptions, ReviewableContent } from '../../src/index.js';
import type { ReviewAnswerEvent, ReviewErrorEvent } from '../../components/review-session/review-session-events.js';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import type { SyncIndicatorElement } from '../../components/sync-indicator/sync-indicator.js';
import { resetMedia } from '../support/media.js';
import { api, faultModule, signIn, unique, type ModuleFault } from '../support/server.js';
import '../../components/define.js';

/** A user, database and deck nobody else uses, signed in on the test server. */
export interface TestIdentity {
  user: string;
  db: string;
  deck: string;
}

const engines: OfflineReview[] = [];
/** Other tabs' engines (see `otherTab`), kept apart so that `engineFor` never answers one. */
const tabs: OfflineReview[] = [];

/**
 * Starts the reference server. Its first start (PGlite) can outlast one runner command's 20 s
 * limit on a busy machine; the start goes on in the runner, so asking again waits for the same
 * start. Call it from a `before` hook with a longer timeout.
 */
export async function warmServer(attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await api.warm();
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}

/** A fresh identity whose engine syncs quickly (small debounce and backoff). */
export function freshIdentity(queue: QueueTuning = {}, autoSync = true): TestIdentity {
  const identity = { user: unique('u'), db: unique('db'), deck: unique('deck') };
  signIn(identity.user);
  engineFor(identity, queue, autoSync);
  return identity;
}

/** Queue delays a test may change (a long backoff keeps automatic retries out of the way). */
export type QueueTuning = NonNullable<OfflineReviewOptions['syncTuning']>;

/** The shared engine of an identity (the one the tags use); the options apply when it is made. */
export function engineFor(
  { user, db }: TestIdentity,
  queue: QueueTuning = {},
  autoSync = true,
  indexedDB?: IDBFactory,
): OfflineReview {
  // The options apply when the engine is made; later calls for the identity get it as it is
  // (`OfflineReview.for` refuses other options for an open engine).
  const open = engines.find((engine) => !engine.closed && engine.userId === user && engine.dbName === db);
  if (open) return open;
  const engine = OfflineReview.for({
    userId: user,
    dbName: db,
    apiBase: '/api/review',
    autoSync,
    ...(indexedDB ? { indexedDB } : {}),
    syncTuning: { writeDebounceMs: 20, backoffBaseMs: 20, backoffCapMs: 100, ...queue },
  });
  if (!engines.includes(engine)) engines.push(engine);
  return engine;
}

/**
 * The chunks a page loads after its first card (derivation, sync runtime, HTTP client, the
 * review's summaries, grades and English words, the engine's controller a review tag imports), loaded before a test takes the device offline: a site's worker
 * precaches them, and a test page has none. Firefox's offline mode fails the page's own
 * requests too, and a module that failed to load stays failed for the page.
 */
export async function loadChunksAsPrecached(): Promise<void> {
  await Promise.all([
    import('../../src/storage/derivation.js'),
    import('../../src/sync/sync-runtime.js'),
    import('../../src/client/http-client.js'),
    import('../../components/shared/engine-controller.js'),
    import('../../components/review-session/review-parts.js').then(({ screens, grades }) => Promise.all([screens.load(), grades.load()])),
    // The review's English words are chunks too (a card's, and the summaries' and typed answers').
    import('../../components/review-session/review-session-labels-en.js'),
    import('../../components/review-session/review-session-later-labels-en.js'),
  ]);
}

/** Closes the engines the test made, so their timers stop. */
export function closeEngines(): void {
  for (const engine of [...engines.splice(0), ...tabs.splice(0)]) engine.close();
}

/**
 * Another tab of `identity`'s learner: an engine instance of its own on the same database (not
 * the page's shared one), whose answers reach the page's engine over BroadcastChannel as
 * `answers-changed` with `origin: 'tab'`, as another tab's do. It does not sync.
 */
export function otherTab({ user, db }: TestIdentity): OfflineReview {
  const engine = new OfflineReview({ userId: user, dbName: db, apiBase: '/api/review', autoSync: false });
  tabs.push(engine);
  return engine;
}

/**
 * The hooks every tag suite needs: the reference server started once (slow on a busy
 * machine), and after each test the faults cleared, the engines closed and the emulated
 * colour scheme and motion back to their defaults.
 */
export function useEngineSuite(): void {
  before(async function () {
    this.timeout(90_000);
    await warmServer();
  });
  afterEach(async () => {
    await api.clear();
    closeEngines();
    await resetMedia();
  });
}

/** `n` cards: "prompt 1" → "answer 1", … */
export function cards(n: number, prefix = 'card'): ReviewableContent[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i + 1}`,
    contentType: 'vocabulary',
    prompt: `prompt ${i + 1}`,
    answer: `answer ${i + 1}`,
    version: 1,
  }));
}

/** JSON for an inline script, with `<` escaped so a prompt cannot close the script (as a CMS must). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Escapes an attribute value for the HTML string fixture. */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/**
 * Mounts `<review-session>` for `identity` with inline items (or raw JSON text) and extra
 * attributes. The suites written for the every-card-once quiz mount it as a drill
 * (`schedule="drill"`) unless they ask for another schedule.
 */
export async function mountSession(
  identity: TestIdentity,
  options: { items?: unknown; rawJson?: string; attributes?: Record<string, string> } = {},
): Promise<ReviewSessionElement> {
  const attributes: Record<string, string> = {
    user: identity.user,
    'db-name': identity.db,
    deck: identity.deck,
    schedule: 'drill',
    ...options.attributes,
  };
  const attrText = Object.entries(attributes)
    .map(([name, value]) => `${name}="${attr(value)}"`)
    .join(' ');
  const json = options.rawJson ?? (options.items === undefined ? null : scriptJson(options.items));
  const script = json === null ? '' : `<script type="application/json">${json}</script>`;
  return fixture<ReviewSessionElement>(`<review-session ${attrText}>${script}</review-session>`);
}

/**
 * The chunks of `<review-session>` a test can hold or fail, by the module whose request the
 * fault meets (review-parts.ts imports each).
 */
export const reviewChunks = {
  /** What a grade does, the writing of answers and a drill's start (grading.ts). */
  grades: '/components/review-session/grade-card.ts',
  /** Undo and the interval labels' formatting (card-extras.ts). */
  extras: '/components/review-session/card-extras.ts',
} as const;

/** A `<review-session>` mounted while one of its chunks is held or failed, with what it reported since. */
export interface ChunkFaultReview {
  el: ReviewSessionElement;
  id: TestIdentity;
  /** The answers `review-answer` announced, in order. */
  answers: AnswerRecord[];
  /** The errors `review-error` reported, in order. */
  errors: OfflineReviewError[];
  /** Resolves once the fault has met the page's request for the chunk; rejects after the usual bound. */
  chunkAsked(): Promise<void>;
}

/**
 * Holds (`hold`, until `api.release()`) or fails with a 503 (`fail`) the request for `chunk`,
 * then mounts a `<review-session>` of `cards` cards for a fresh identity (a scheduled review
 * unless `schedule` says `drill`), inline, or from the deck file at `src`. Each test file runs
 * in a page of its own, so the chunk is fetched there for the first time, and the fault meets it.
 */
export async function mountWithChunkFault(
  chunk: keyof typeof reviewChunks,
  fault: ModuleFault,
  { cards: count = 3, schedule = 'review', src }: { cards?: number; schedule?: 'review' | 'drill'; src?: string } = {},
): Promise<ChunkFaultReview> {
  const asked = await faultModule(reviewChunks[chunk], fault);
  const id = freshIdentity();
  const el = await mountSession(id, src ? { attributes: { schedule, src } } : { items: cards(count), attributes: { schedule } });
  const answers: AnswerRecord[] = [];
  const errors: OfflineReviewError[] = [];
  el.addEventListener('review-answer', (event) => answers.push((event as ReviewAnswerEvent).detail.answer));
  el.addEventListener('review-error', (event) => errors.push((event as ReviewErrorEvent).detail.error));
  return { el, id, answers, errors, chunkAsked: () => asked(`the ${chunk} chunk was never asked for`) };
}

/** Reveals card `n` (once it shows) and grades it Good; resolves once its answer is stored. */
export async function gradeGood(el: ReviewSessionElement, n: number): Promise<void> {
  await rendered(el, () => textOf(el, 'prompt') === `prompt ${n}` && part(el, 'reveal-button'));
  part(el, 'reveal-button')!.click();
  const stored = new Promise<void>((resolve) => el.addEventListener('review-answer', () => resolve(), { once: true }));
  (await waitForPart(el, 'grade-good')).click();
  await stored;
}

/** A part of an element's shadow root, or null. */
export function part<T extends HTMLElement = HTMLElement>(el: HTMLElement, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

/** Waits until a part exists; resolves it. */
export async function waitForPart<T extends HTMLElement = HTMLElement>(el: HTMLElement, name: string, timeout = 10_000): Promise<T> {
  await waitUntil(() => part(el, name), `part ${name} never appeared`, { timeout });
  return part<T>(el, name)!;
}

/**
 * Resolves once `check()` holds, checked now and after each change of the element's shadow
 * root: for what the element shows by itself (a timer), with no wall-clock bound of its own
 * (the test's timeout is the limit).
 */
export function rendered(el: HTMLElement, check: () => unknown): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const observer = new MutationObserver(() => {
      if (!check()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true, attributes: true });
  });
}

/** The text of a part, whitespace collapsed. */
export function textOf(el: HTMLElement, name: string): string {
  return (part(el, name)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The element inside the shadow root that has focus, or null. */
export function focused(el: HTMLElement): Element | null {
  return el.shadowRoot!.activeElement;
}

/** A scheduled review with its answer revealed, once its grade buttons show intervals (they fill in when the scheduler has loaded). */
export async function revealedReview(attributes: Record<string, string> = {}): Promise<ReviewSessionElement> {
  const el = await mountSession(freshIdentity(), { items: cards(2), attributes: { schedule: 'review', ...attributes } });
  (await waitForPart(el, 'reveal-button')).click();
  await waitForPart(el, 'interval');
  return el;
}

/** Mounts a `<sync-indicator>` for `id` (with `extra` attributes). */
export function mountIndicator(id: TestIdentity, extra = ''): Promise<SyncIndicatorElement> {
  return fixture<SyncIndicatorElement>(`<sync-indicator user="${id.user}" db-name="${id.db}" ${extra}></sync-indicator>`);
}

/** Stores a Good answer to each of `items` through `engine` (as a `<review-session>` would). */
export async function answerAll(engine: OfflineReview, items: ReviewableContent[]): Promise<void> {
  await engine.loadContent(items);
  const { session } = await engine.startSession({ deckId: unique('deck'), itemIds: items.map((i) => i.id), mode: 'grade' });
  for (const item of items) await engine.recordAnswer({ sessionId: session.id, itemId: item.id, rating: 3, responseTimeMs: 500 });
}
