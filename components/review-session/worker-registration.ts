/**
 * The worker a review tag's `sw` attribute names: registered once per URL for each tag, at an
 * idle moment after the page's load, by the extras' chunk (card-extras.ts); a registration that
 * fails is the tag's `review-error`.
 */
import type { OfflineReview } from '../../src/index.js';
import { toOfflineReviewError } from '../shared/errors.js';
import { pageLoadedAndIdle } from '../shared/idle.js';
import { cardExtras } from './review-parts.js';
import { ReviewErrorEvent } from './review-session-events.js';

/** The URL each tag registered last. */
const registered = new WeakMap<HTMLElement, string>();

/** Registers the worker at `url` for `host`'s `engine`, unless `host` already registered that URL. */
export function registerWorkerOnce(host: HTMLElement, engine: OfflineReview, url: string): void {
  if (registered.get(host) === url) return;
  registered.set(host, url);
  void pageLoadedAndIdle()
    .then(() => cardExtras.load())
    .then((extras) => extras.registerWorker(engine, url))
    .catch((error: unknown) => host.dispatchEvent(new ReviewErrorEvent(toOfflineReviewError(error))));
}
