/**
 * Defines `<review-session>` and `<sync-indicator>`, and `<review-stats>` once the page uses it.
 * A side-effect module for npm users (the CDN entry has its own lazy tags). Guarded, so loading it twice — or
 * next to another copy of the library — keeps the first definition instead of throwing.
 */
import { LazyTags } from './lazy-tags.js';
import { ReviewSessionElement } from './review-session/review-session.js';
import { SyncIndicatorElement } from './sync-indicator/sync-indicator.js';

/** Defines `name` as `element` unless something already owns that name. */
function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}

define('review-session', ReviewSessionElement);
define('sync-indicator', SyncIndicatorElement);
// Its module is fetched only once a page shows the tag, as the CDN entry does (lazy-tags.ts).
new LazyTags({ 'review-stats': async () => (await import('./review-stats/define-review-stats.js')).ReviewStatsElement }).watch(document);
