/**
 * Defines `<review-stats>` and exports its class: the tag's own module, which
 * components/define.ts imports only once a page shows the tag (and a test or a site's own
 * bundle may import to define it at once). Guarded like the other tags: a second copy keeps
 * the first definition.
 */
import { ReviewStatsElement } from './review-stats.js';

if (!customElements.get('review-stats')) customElements.define('review-stats', ReviewStatsElement);

export { ReviewStatsElement };
