// The grades' chunk (components/review-session/grading.ts) fails to load, and a grade is still
// stored. Chromium and WebKit fetch a module whose fetch failed again at the next import; Firefox
// keeps it failed for the rest of the page, at every URL that imports it, so there only a new
// document brings it: the error screen's "Try again" imports it again and, when that rejects
// again, reloads the page (components/review-session/error-retry.ts). A reload needs a page of
// its own: the review runs in a frame (pages/review-page.html), whose modules are its own.
import { expect } from '@open-wc/testing';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import type { ReviewPage } from './pages/review-page.js';
import { api } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { engineFor, freshIdentity, useEngineSuite, type TestIdentity } from './helpers.js';

const GRADES = '/components/review-session/grade-card.ts';
const RELOADED = 'offline-review:reloaded-for-new-build';

/** The review page of `id` in a new frame, once loaded; `loads()` counts its loads since. */
async function openReview(id: TestIdentity): Promise<{ frame: HTMLIFrameElement; reloads: () => number }> {
  const frame = document.createElement('iframe');
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `/test/components/pages/review-page.html?${new URLSearchParams({ user: id.user, db: id.db, deck: id.deck })}`;
  document.body.append(frame);
  await loaded;
  let loads = 0;
  frame.addEventListener('load', () => loads++);
  return { frame, reloads: () => loads };
}

/** The frame's review element (the reloaded document's after a reload). */
function review(frame: HTMLIFrameElement): ReviewSessionElement | null {
  return frame.contentDocument?.querySelector('review-session') ?? null;
}

/** A part of the frame's review, or null. */
function part(frame: HTMLIFrameElement, name: string): HTMLElement | null {
  return review(frame)?.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;
}

/** Waits for card `n` face down, with its reveal button. */
function cardShown(frame: HTMLIFrameElement, n: number): Promise<void> {
  return waitUntil(() => part(frame, 'prompt')?.textContent?.trim() === `prompt ${n}` && part(frame, 'reveal-button'), `card ${n} never shown`);
}

/** Reveals the card and grades it good. */
async function gradeGood(frame: HTMLIFrameElement): Promise<void> {
  part(frame, 'reveal-button')!.click();
  await waitUntil(() => part(frame, 'grade-good'), 'the grades never showed');
  part(frame, 'grade-good')!.click();
}

/** Grades the first card good and waits until the second shows and the one answer is stored, with no error. */
async function firstCardGraded(frame: HTMLIFrameElement, id: TestIdentity): Promise<void> {
  await cardShown(frame, 1);
  await gradeGood(frame);
  await cardShown(frame, 2);
  expect(part(frame, 'error')).to.equal(null);
  await waitUntil(async () => (await engineFor(id).answerHistory()).length === 1, 'the grade was never stored');
  expect((await engineFor(id).answerHistory()).map((answer) => answer.itemId)).to.deep.equal(['card-1']);
}

/** Resolves once the engine's load after the first card has imported the chunk and that import failed. */
async function engineImportFailed(frame: HTMLIFrameElement): Promise<void> {
  await waitUntil(async () => (await chunkStatuses()).includes(503), 'the grades chunk was never asked for');
  const page = (): ReviewPage => (frame.contentWindow as Window & { reviewPage: ReviewPage }).reviewPage;
  await waitUntil(() => page().grades['pending'] === null, 'the failed import never settled');
  expect(page().grades.loaded).to.equal(null);
}

/** The statuses the server answered the chunk's module with, in order. */
async function chunkStatuses(): Promise<number[]> {
  return (await api.log()).filter((entry) => entry.path === GRADES).map((entry) => entry.status as number);
}

describe('<review-session> after its grades chunk failed', () => {
  useEngineSuite();
  let frames: HTMLIFrameElement[] = [];
  afterEach(async () => {
    for (const frame of frames) frame.remove();
    frames = [];
    sessionStorage.removeItem(RELOADED);
    await api.clear();
  });

  it('a grade after the chunk failed once while the engine loaded is stored: at once where the browser fetches it again, after "Try again" reloads the page where it does not', async () => {
    // The server's log keeps earlier files' requests: this test reads its own.
    await api.log({ clear: true });
    await api.fault({ match: GRADES, mode: 'status', status: 503, times: 1 });
    const id = freshIdentity();
    const { frame, reloads } = await openReview(id);
    frames.push(frame);
    await cardShown(frame, 1);
    // The engine's load after the first card imports the chunk too: that import fails.
    await engineImportFailed(frame);

    await gradeGood(frame);
    await waitUntil(() => part(frame, 'error') || (part(frame, 'prompt')?.textContent?.trim() === 'prompt 2' && part(frame, 'reveal-button')), 'the grade never settled');
    // The grade imported the chunk again: the browser fetched it (Chromium, WebKit) and stored
    // the answer, or asked nothing (Firefox) and showed the error.
    const fetchedAgain = (await chunkStatuses()).length === 2;
    expect(part(frame, 'error') === null, 'the error shows only where the chunk was not fetched again').to.equal(fetchedAgain);
    if (!fetchedAgain) {
      part(frame, 'retry-button')!.click();
      await waitUntil(() => reloads() === 1, '"Try again" never reloaded the page');
      await firstCardGraded(frame, id);
    }
    expect(part(frame, 'error')).to.equal(null);
    await waitUntil(async () => (await engineFor(id).answerHistory()).length === 1, 'the grade was never stored');
    expect((await engineFor(id).answerHistory()).map((answer) => answer.itemId)).to.deep.equal(['card-1']);
    expect(await chunkStatuses()).to.deep.equal([503, 200]);
    expect(reloads(), 'reloaded only where the chunk was not fetched again').to.equal(fetchedAgain ? 0 : 1);
  });

  it('"Try again" after the chunk failed at the grade imports it again, and reloads the page only where the browser will not fetch it', async () => {
    await api.log({ clear: true });
    await api.fault({ match: GRADES, mode: 'status', status: 503 });
    const id = freshIdentity();
    const { frame, reloads } = await openReview(id);
    frames.push(frame);
    await cardShown(frame, 1);
    await engineImportFailed(frame);
    await gradeGood(frame);
    await waitUntil(() => part(frame, 'error'), 'the grade never showed the error');
    // The grade imported the chunk again: Chromium and WebKit asked for it (a 503 again), Firefox did not.
    const statuses = await chunkStatuses();
    expect(statuses.every((status) => status === 503) && statuses.length <= 2, String(statuses)).to.equal(true);
    const fetchedAgain = statuses.length === 2;
    expect((await engineFor(id).answerHistory()).length).to.equal(0);

    // The server answers again; the learner presses "Try again" and grades the card again.
    await api.clear();
    part(frame, 'retry-button')!.click();
    if (!fetchedAgain) await waitUntil(() => reloads() === 1, '"Try again" never reloaded the page');
    await firstCardGraded(frame, id);
    expect(await chunkStatuses()).to.deep.equal([...statuses, 200]);
    expect(reloads(), 'reloaded only where the chunk was not fetched again').to.equal(fetchedAgain ? 0 : 1);
  });
});
