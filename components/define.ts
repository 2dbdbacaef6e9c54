/**
 * Defines `<review-session>` and `<sync-indicator>`. A side-effect module: import it once (the
 * CDN file does). Guarded, so loading it twice — or next to another copy of the library —
 * keeps the first definition instead of throwing.
 */
import { ReviewSessionElement } from './review-session/review-session.js';
import { SyncIndicatorElement } from './sync-indicator/sync-indicator.js';

/** Defines `name` as `element` unless something already owns that name. */
function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}

define('review-session', ReviewSessionElement);
define('sync-indicator', SyncIndicatorElement);
