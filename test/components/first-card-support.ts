// What the first-card tests share, without importing the engine: these files watch when the
// page fetches it (test/components/helpers.ts imports it at once).
import { fixture } from '@open-wc/testing';
import { ReviewSessionElement } from '../../components/review-session/review-session.js';
import type { OfflineReview } from '../../src/index.js';
import type { ReviewableContent } from '../../src/types.js';
import { api, faultModule, signIn, unique } from '../support/server.js';

if (!customElements.get('review-session')) customElements.define('review-session', ReviewSessionElement);
// Room for every fetch from here on (the default buffer of 250 entries could drop the one awaited).
performance.setResourceTimingBufferSize(5000);

/** A user (signed in on the test server) and a database nobody else uses. */
export function freshLearner(): { user: string; dbName: string } {
  const user = unique('u');
  signIn(user);
  return { user, dbName: unique('db') };
}

/** `n` cards: "prompt 1" → "answer 1", … */
export function deck(n: number): ReviewableContent[] {
  return Array.from({ length: n }, (_, i) => ({ id: `card-${i + 1}`, contentType: 'vocabulary', prompt: `prompt ${i + 1}`, answer: `answer ${i + 1}`, version: 1 }));
}

/** Mounts a scheduled `<review-session>` of `items` for the learner, with extra attributes. */
export function mountReview(learner: { user: string; dbName: string }, items: ReviewableContent[], extra = ''): Promise<ReviewSessionElement> {
  const json = JSON.stringify(items).replace(/</g, '\\u003c');
  return fixture<ReviewSessionElement>(
    `<review-session user="${learner.user}" db-name="${learner.dbName}" deck="${unique('deck')}" ${extra}><script type="application/json">${json}</script></review-session>`,
  );
}

/** The paths of the engine's modules this page fetched so far (complete responses). */
export function engineFetches(): PerformanceResourceTiming[] {
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => new URL(entry.name).pathname.endsWith('/src/engine.ts'));
}

/** Whether the browser lists a database named `dbName`. */
export async function databaseExists(dbName: string): Promise<boolean> {
  return (await indexedDB.databases()).some((info) => info.name === dbName);
}

/** The prompt on screen. */
export function prompt(el: ReviewSessionElement): string {
  return el.shadowRoot!.querySelector('[part~="prompt"]')?.textContent?.trim() ?? '';
}

/** A card is on screen, face down. */
export function cardShown(el: ReviewSessionElement): boolean {
  return el.shadowRoot!.querySelector('[part~="reveal-button"]') !== null;
}

/** The page's shared engine for `learner` (its module imported here, once the test wants it). */
export async function engineOf(learner: { user: string; dbName: string }): Promise<OfflineReview> {
  const { OfflineReview } = await import('../../src/index.js');
  return OfflineReview.for({ userId: learner.user, dbName: learner.dbName, apiBase: '/api/review' });
}

/**
 * The hooks of a first-card suite: the reference server started once (slow on a busy machine),
 * and the faults cleared after each test.
 */
export function useFirstCardSuite(): void {
  before(async function () {
    this.timeout(90_000);
    await api.warm();
  });
  afterEach(() => api.clear());
}

/** Holds the engine's module (until `api.release()`); resolves a wait for the page's request for it, from now on. */
export async function holdEngine(): Promise<() => Promise<void>> {
  const asked = await faultModule('/src/engine.ts', 'hold');
  return () => asked('the engine was never asked for');
}

/** Fails the engine's controller module (the engine's chunk) with a 503: offline before the worker cached it. */
export async function failEngine(): Promise<void> {
  await faultModule('/components/shared/engine-controller.ts', 'fail');
}

/** How many answers to `itemId` of `user` the database `dbName` holds (it must exist). */
export async function answersTo(dbName: string, user: string, itemId: string): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const request = db.transaction('answers').objectStore('answers').index('userItem').count([user, itemId]);
  const count = await new Promise<number>((resolve) => (request.onsuccess = () => resolve(request.result)));
  db.close();
  return count;
}

/** Whether an answer of `el` is being stored (or waits for the engine or its paint). */
export function answering(el: ReviewSessionElement): boolean {
  return el['review'].answering;
}

/**
 * Shows the held engine's effect on a grade given for one review and left before it arrived:
 * mounts a review for `learner` with the engine's module held, reveals and grades the first
 * card, calls `leave` (an attribute change), releases the module and resolves once that grade
 * has been stored or dropped and the engine is ready.
 */
export async function gradeThenLeave(learner: { user: string; dbName: string }, leave: (el: ReviewSessionElement) => void): Promise<ReviewSessionElement> {
  const engineAsked = await holdEngine();
  const el = await mountReview(learner, deck(3));
  const waitUntil = (await import('../support/until.js')).waitUntil;
  await waitUntil(() => cardShown(el), 'the first card never showed');
  el.shadowRoot!.querySelector<HTMLElement>('[part~="reveal-button"]')!.click();
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="grade-good"]'), 'the grades never showed');
  el.shadowRoot!.querySelector<HTMLElement>('[part~="grade-good"]')!.click();
  await waitUntil(() => answering(el), 'the grade never waited for the engine');
  await engineAsked();
  leave(el);
  await el.updateComplete;
  await api.release();
  await waitUntil(() => !answering(el), 'the grade was never stored nor dropped');
  await waitUntil(() => cardShown(el), 'the new review never showed a card');
  await (await engineOf(learner)).ready;
  return el;
}
