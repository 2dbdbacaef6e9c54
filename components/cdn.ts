/**
 * The CDN entry (dist/cdn/offline-review.js), the one script a site adds. It holds only the
 * loader: each tag's code, lit and the offline core are chunks beside it (dist/cdn/chunks/),
 * imported relative to this file when the page shows the tag, so a page pays for what it
 * shows and a page without a tag for this file alone (docs/design.md, "Loading").
 *
 * Scripts reach the element classes and the engine through `loadElement()` and `loadCore()`,
 * which resolve once their chunks are loaded, and a sign-out page calls `signOut()`
 * (docs/integration.md, "Shared devices").
 */
import type * as Core from '../src/index.js';
import type { ReviewSessionElement } from './review-session/review-session.js';
import type { ReviewStatsElement } from './review-stats/review-stats.js';
import type { SyncIndicatorElement } from './sync-indicator/sync-indicator.js';
import { LazyTags, type TagLoader } from './lazy-tags.js';
import { loadChunk } from './shared/stale-build.js';

/** The classes of the tags, by tag name (what `loadElement()` resolves). */
export interface ElementClasses {
  'review-session': typeof ReviewSessionElement;
  'sync-indicator': typeof SyncIndicatorElement;
  'review-stats': typeof ReviewStatsElement;
}

/**
 * How long the other tags wait at most, once `<review-session>` is defined, for its first card:
 * a review that never shows one (its storage hangs) does not keep them off the page.
 */
const FIRST_CARD_WAIT_MS = 5000;

// `<review-session>` fires 'review-ready' (ReviewReadyEvent, not imported: its module is the
// tag's) once its first card, summary or error shows; the entry listens from the start and
// resolves in the task after the next frame, when that first screen is painted.
const firstCard = new Promise<void>((resolve) => document.addEventListener('review-ready', () => requestAnimationFrame(() => setTimeout(resolve)), { once: true }));

/**
 * `load`, once a `<review-session>` of the page has painted its first card (or its summary, or
 * an error); at once on a page without one, and FIRST_CARD_WAIT_MS after the review tag is
 * defined (at once if its chunk cannot be loaded) when it shows nothing (or, in a hidden tab,
 * paints no frame). The page's other tags load so, and do not compete with the first card
 * for the network.
 */
function afterFirstCard(load: TagLoader): TagLoader {
  return async () => {
    if (document.querySelector('review-session')) {
      await Promise.race([firstCard, tags.load('review-session').then(() => new Promise((resolve) => setTimeout(resolve, FIRST_CARD_WAIT_MS)), () => 0)]);
    }
    return load();
  };
}

const tags = new LazyTags<keyof ElementClasses>({
  // loadChunk: a chunk deleted by a newer build that took control of the page reloads it once.
  'review-session': async () => (await loadChunk(() => import('./review-session/review-session.js'))).ReviewSessionElement,
  'sync-indicator': afterFirstCard(async () => (await loadChunk(() => import('./sync-indicator/sync-indicator.js'))).SyncIndicatorElement),
  'review-stats': afterFirstCard(async () => (await loadChunk(() => import('./review-stats/review-stats.js'))).ReviewStatsElement),
});
tags.watch(document);

/**
 * Resolves the class of the tag `name` (`'review-session'`, `'sync-indicator'`), loading its
 * chunk and defining the tag first (`'review-stats'` too); a page that shows the tag has it defined already. Rejects
 * when the chunk cannot be loaded (offline before the worker cached it).
 */
export function loadElement<Name extends keyof ElementClasses>(name: Name): Promise<ElementClasses[Name]> {
  return tags.load(name) as Promise<ElementClasses[Name]>;
}

/**
 * Resolves the offline core's entry (`OfflineReview`, `OfflineReviewError`, …, as in
 * docs/api.md), the same module instance the tags use, so that `OfflineReview.for()` gives
 * their engine. Rejects when the chunk cannot be loaded.
 */
export function loadCore(): Promise<typeof Core> {
  return loadChunk(() => import('../src/index.js'));
}

/**
 * Signs the learner out of this device, for a sign-out page without the tags: their cached
 * pages and API reads are deleted and the worker stops sending as them; their unsent answers
 * stay for their next sign-in. Resolves the names of the caches deleted.
 */
export async function signOut(options: { dbName?: string } = {}): Promise<string[]> {
  return (await loadChunk(() => import('./shared/device-user.js'))).signOut(options);
}
