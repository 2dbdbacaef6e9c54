/**
 * `<review-session>`'s side of its summaries' chunk (review-parts.ts): fetched at an idle
 * moment once the first card shows, so that the end of a review rarely waits for it, and its
 * styles adopted by the element's shadow root once it is in, in the update that follows,
 * before anything renders the summaries (docs/design.md, "Loading").
 */
import { adoptStyles, type LitElement, type ReactiveController } from 'lit';
import { pageLoadedAndIdle } from '../shared/idle.js';
import type { ReviewPhase } from './card-controller.js';
import { screens } from './review-parts.js';

/** Fetches the summaries ahead and adopts their styles, for one element. */
export class LaterParts implements ReactiveController {
  private readonly host: LitElement;
  private readonly review: { readonly phase: ReviewPhase };
  private adopted = false;
  private fetched = false;

  /** Registers with `host`, whose review's `phase` says when a card shows. */
  constructor(host: LitElement, review: { readonly phase: ReviewPhase }) {
    this.host = host;
    this.review = review;
    host.addController(this);
  }

  /** Before each render: the summaries' styles join the element's once their chunk is in. */
  hostUpdate(): void {
    const loaded = screens.loaded;
    if (!loaded || this.adopted) return;
    this.adopted = true;
    const own = (this.host.constructor as typeof LitElement).elementStyles;
    adoptStyles(this.host.renderRoot as ShadowRoot, [...own, loaded.summaryStyles]);
  }

  /** After the first card shows: the summaries' chunk is fetched at the next idle moment. */
  hostUpdated(): void {
    if (this.fetched || this.review.phase !== 'card') return;
    this.fetched = true;
    // A failure here is not shown: the summary tries again when it is needed, and shows the
    // error only then.
    void pageLoadedAndIdle()
      .then(() => screens.load())
      .catch(() => undefined);
  }
}
