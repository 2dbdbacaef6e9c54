/**
 * The engine options a tag's attributes give besides its user and database: `api-base` and the
 * sign-in attributes (docs/integration.md): `token-url`, and `csrf-header` with `csrf-cookie`
 * or `csrf-meta`. Kept apart from the engine's controller so that `<sync-indicator>` can offer
 * them (src/engine/offered-options.ts) before it imports the engine.
 */
import type { OfflineReviewOptions } from '../../src/engine/engine-options.js';
import { csrfHeaders, csrfSource } from './csrf.js';

/** The options of the host's `token-url` and `csrf-*` attributes (the same `headers` function for the same attributes). */
export function engineSignIn(host: Pick<Element, 'getAttribute'>): Pick<OfflineReviewOptions, 'tokenUrl' | 'headers'> {
  const tokenUrl = host.getAttribute('token-url');
  const csrf = csrfSource(host);
  return { ...(tokenUrl ? { tokenUrl } : {}), ...(csrf ? { headers: csrfHeaders(csrf) } : {}) };
}
