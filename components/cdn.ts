/**
 * The CDN entry (dist/cdn/offline-review.js): one file with lit and the core inlined that
 * defines the tags when loaded, and exposes the element classes and the engine for scripts,
 * and `signOut()` for a site's sign-out page (docs/integration.md, "Shared devices").
 */
import './define.js';

export { ReviewSessionElement } from './review-session/review-session.js';
export { SyncIndicatorElement } from './sync-indicator/sync-indicator.js';
export { OfflineReview, OfflineReviewError } from '../src/index.js';
export { signOut } from './shared/device-user.js';
