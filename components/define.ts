/**
 * Defines `<review-session>` and `<sync-indicator>`, and `<review-stats>` once the page uses it.
 * A side-effect module: import it once (the CDN file does). Guarded, so loading it twice — or
 * next to another copy of the library — keeps the first definition instead of throwing.
 */
import { ReviewSessionElement } from './review-session/review-session.js';
import { SyncIndicatorElement } from './sync-indicator/sync-indicator.js';

/** Defines `name` as `element` unless something already owns that name. */
function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}

/**
 * Runs `load` (a dynamic import that defines `name`) when an element `name` is in the document,
 * now or once one is added: a page without the tag never fetches its module.
 */
function defineWhenUsed(name: string, load: () => Promise<unknown>): void {
  if (customElements.get(name) || typeof document === 'undefined') return;
  const used = (): boolean => document.querySelector(name) !== null;
  const start = (): void => {
    // A failed fetch (offline before the module was cached) waits for the next element added.
    load().catch(() => watch());
  };
  const watch = (): void => {
    const observer = new MutationObserver(() => {
      if (!used()) return;
      observer.disconnect();
      start();
    });
    observer.observe(document, { childList: true, subtree: true });
  };
  if (used()) start();
  else watch();
}

define('review-session', ReviewSessionElement);
define('sync-indicator', SyncIndicatorElement);
defineWhenUsed('review-stats', () => import('./review-stats/define-review-stats.js'));
