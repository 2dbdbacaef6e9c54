/**
 * Defines `<review-stats>`: its own module, so that the CDN file and `offline-review/define`
 * load it only on pages that use the tag (components/define.ts imports it when one appears).
 * Guarded like the other tags: a second copy keeps the first definition.
 */
import { ReviewStatsElement } from './review-stats.js';

if (!customElements.get('review-stats')) customElements.define('review-stats', ReviewStatsElement);
