/**
 * What "Try again" on `<review-session>`'s error screen does, in a chunk of its own imported at
 * the press (review-controller.ts): nothing of it is on the way to the first card.
 *
 * When the error was one of the tag's chunks that could not be loaded, that chunk is imported
 * again first. Chromium and WebKit fetch it again, and the review goes on without a reload.
 * Firefox keeps a module whose fetch failed failed for the rest of the page, at every URL that
 * imports it: the import rejects again with no request, and only a new document brings the
 * code (docs/design.md, "Loading"). So when the import rejects again, the page reloads: online
 * only, once no answer of the review is being written, and once until a chunk loads again
 * (the guard of stale-build.ts, so it cannot loop). The answers are in IndexedDB; the reloaded
 * page resumes at the next card.
 */
import type { LazyPart } from './lazy-part.js';
import type { ReviewController } from './review-controller.js';
import { loadChunk } from '../shared/stale-build.js';

/**
 * Imports again the chunk `review`'s error names (the engine's, or one of `parts`, by its
 * name; nothing for another error), reloading the page (with `reload`, default
 * `location.reload()`) when that rejects again; otherwise loads the review again. Errors are
 * shown, never thrown.
 */
export async function retryAfterError(review: ReviewController, parts: readonly LazyPart<unknown>[], reload?: () => void): Promise<void> {
  const failure = review.failure;
  const chunk = failure?.code === 'content-unavailable' ? failure.details['chunk'] : undefined;
  const part = parts.find((each) => each.name === chunk);
  const again = chunk === 'engine' ? () => review.engines.load() : part ? () => part.load() : null;
  if (again) {
    // A reload drops what is in memory: never while an answer is written.
    await review.answersStored();
    let reloading = false;
    const reloadIf = (): boolean => review.phase === 'error' && navigator.onLine;
    const reloadPage = (): void => {
      reloading = true;
      (reload ?? (() => location.reload()))();
    };
    try {
      await loadChunk(again, { reloadIf, reload: reloadPage });
    } catch {
      // Not reloaded (offline, or reloaded already since a chunk last loaded): the review loads
      // again and shows what fails.
      if (reloading || review.phase !== 'error') return;
    }
  }
  await review.load();
}
