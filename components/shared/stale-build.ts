/**
 * A page left open across an update of the site's service worker: once another tab accepts
 * the update, the new worker takes control of every tab and deletes the old build's precached
 * chunks. This page still runs the old entry, so a chunk it has not loaded yet (a tag added
 * later, the core, sign-out) is gone while offline. The new build's entry and chunks are
 * precached, so a reload brings the page onto them, offline too; answers are in IndexedDB.
 * The reload happens once per tab session, so a chunk missing for another reason cannot loop.
 * The error screen's "Try again" reloads through the same guard where Firefox will not fetch a
 * chunk again (components/review-session/error-retry.ts).
 */

const RELOADED = 'offline-review:reloaded-for-new-build';

/** The worker that controlled the page when the entry ran (the page's load). */
const atLoad: ServiceWorker | null = globalThis.navigator?.serviceWorker?.controller ?? null;

/** True when `now` is a worker other than `start`: a newer build took control of the page. */
export function newerBuildInControl(start: ServiceWorker | null = atLoad, now: ServiceWorker | null = globalThis.navigator?.serviceWorker?.controller ?? null): boolean {
  return now !== null && now !== start;
}

/** What `loadChunk` may be told, for a page (or a test) that reloads its own way. */
export interface ChunkReloadOptions {
  /** Reloads the page (default `location.reload()`). */
  reload?: () => void;
  /** Whether a failed import reloads the page (default newerBuildInControl(): a newer build controls it). */
  reloadIf?: () => boolean;
}

/**
 * Resolves `load()` (a chunk's dynamic import). When it rejects while a newer build controls
 * the page (or `reloadIf()` says so), reloads the page once per tab session (until a chunk loads
 * again); rejects with the import's error either way.
 */
export async function loadChunk<T>(load: () => Promise<T>, options: ChunkReloadOptions = {}): Promise<T> {
  try {
    const loaded = await load();
    forget();
    return loaded;
  } catch (error) {
    if ((options.reloadIf ?? newerBuildInControl)() && markReload()) (options.reload ?? (() => location.reload()))();
    throw error;
  }
}

/** Notes the reload in sessionStorage; false when already noted (or storage is refused: no guard, no reload). */
function markReload(): boolean {
  try {
    if (sessionStorage.getItem(RELOADED) !== null) return false;
    sessionStorage.setItem(RELOADED, String(Date.now()));
    return true;
  } catch {
    return false;
  }
}

/** A chunk loaded: a later update may reload the page again. */
function forget(): void {
  try {
    sessionStorage.removeItem(RELOADED);
  } catch {
    // Storage refused: nothing was noted.
  }
}
