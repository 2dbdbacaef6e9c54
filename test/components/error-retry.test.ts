// "Try again" on the review's error screen (components/review-session/error-retry.ts), with the
// page's reload counted instead of made: the grades' chunk still failing (503 at every request),
// the chunk is imported again, and the page reloads once, never in a loop, and not offline.
// The recovery itself, with real reloads in every engine: review-session-grade-chunk-retry.test.ts.
import { expect } from '@open-wc/testing';
import { retryAfterError } from '../../components/review-session/error-retry.js';
import { pageLoadedAndIdle } from '../../components/shared/idle.js';
import type { ReviewController } from '../../components/review-session/review-controller.js';
import { cardExtras, grades, screens, typedAnswers } from '../../components/review-session/review-parts.js';
import { loadDerivation } from '../../src/storage/derivation-loader.js';
import { api, cdp } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { mountWithChunkFault, part, useEngineSuite, waitForPart } from './helpers.js';

const RELOADED = 'offline-review:reloaded-for-new-build';
const PARTS = [grades, screens, typedAnswers, cardExtras];

describe('<review-session> "Try again" after a chunk failed', () => {
  useEngineSuite();
  beforeEach(() => sessionStorage.removeItem(RELOADED));
  afterEach(async () => {
    sessionStorage.removeItem(RELOADED);
    await cdp.offline(false);
    await api.clear();
  });

  it('reloads once when the chunk fails again, not again until a chunk loads, and not offline', async () => {
    const { el, errors, chunkAsked } = await mountWithChunkFault('grades', 'fail');
    await chunkAsked();
    /** Grades the card on screen: the chunk fails, the error shows. */
    const gradeToError = async (): Promise<void> => {
      (await waitForPart(el, 'reveal-button')).click();
      (await waitForPart(el, 'grade-good')).click();
      await waitForPart(el, 'error');
    };
    await gradeToError();
    expect(errors.map((error) => [error.code, error.details['chunk']])).to.deep.equal([['content-unavailable', 'grade']]);
    const review = (el as unknown as { review: ReviewController }).review;
    // Every chunk the first card set loading is in before the first "Try again": the engine's
    // (after the card's paint, and at the grade), and at an idle moment the summaries', the
    // extras' and the derivation's (later-parts.ts). Each that loads clears the reload guard
    // (stale-build.ts), so one landing between the two presses below lets the second reload too.
    await waitUntil(() => review.engines.loaded, 'the engine never arrived');
    await pageLoadedAndIdle();
    await Promise.all([screens.load(), cardExtras.load(), loadDerivation()]);
    let reloads = 0;
    const reload = (): void => void reloads++;

    await retryAfterError(review, PARTS, reload);
    expect(reloads, 'the chunk failed again: one reload').to.equal(1);
    expect(part(el, 'error'), 'a reload is under way: the review is left as it is').to.not.equal(null);
    // The reload did not happen (counted only): no chunk has loaded since, so no second one;
    // the review loads again instead (its card shows, and the next grade meets the chunk).
    await retryAfterError(review, PARTS, reload);
    expect(reloads, 'no second reload before a chunk loads').to.equal(1);
    await gradeToError();

    // Offline, a reload could lose the page: none, even with the guard cleared.
    sessionStorage.removeItem(RELOADED);
    if (await cdp.offline(true)) {
      await waitUntil(() => !navigator.onLine, 'the page never went offline');
      await retryAfterError(review, PARTS, reload);
      expect(reloads, 'no reload offline').to.equal(1);
      await waitForPart(el, 'reveal-button');
    }
  });
});
