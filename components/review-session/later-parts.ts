/**
 * `<review-session>`'s side of its chunks (review-parts.ts): the summaries', the extras' (undo,
 * the interval labels) and the derivation's are fetched at an idle moment once the first card
 * shows, so that the end of a review, an undo and a drill's first grade rarely wait for them, and
 * the styles of each (summaries, typed answers) are adopted by the element's shadow root in
 * the update after it is in, before anything renders its part (docs/design.md, "Loading").
 */
import { adoptStyles, type CSSResult, type LitElement, type ReactiveController } from 'lit';
import { loadDerivation } from '../../src/storage/derivation-loader.js';
import { pageLoadedAndIdle } from '../shared/idle.js';
import { loadChunk } from '../shared/stale-build.js';
import type { ReviewPhase } from './card-controller.js';
import { cardExtras, screens, typedAnswers } from './review-parts.js';

/** Fetches the summaries ahead and adopts their styles, for one element. */
export class LaterParts implements ReactiveController {
  private readonly host: LitElement;
  private readonly review: { readonly phase: ReviewPhase };
  /** How many parts' styles the shadow root has adopted. */
  private adopted = 0;
  private fetched = false;

  /** Registers with `host`, whose review's `phase` says when a card shows. */
  constructor(host: LitElement, review: { readonly phase: ReviewPhase }) {
    this.host = host;
    this.review = review;
    host.addController(this);
  }

  /** Before each render: the styles of the parts whose chunks are in join the element's. */
  hostUpdate(): void {
    const extra = [screens.loaded?.summaryStyles, typedAnswers.loaded?.typedStyles].filter((sheet): sheet is CSSResult => sheet !== undefined);
    if (extra.length === this.adopted) return;
    this.adopted = extra.length;
    const own = (this.host.constructor as typeof LitElement).elementStyles;
    adoptStyles(this.host.renderRoot as ShadowRoot, [...own, ...extra]);
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
    // Undo and the interval labels' formatting likewise (an undo or a label that comes first
    // waits for it, or fetches it again after a failure).
    void pageLoadedAndIdle()
      .then(() => cardExtras.load())
      .catch(() => undefined);
    // The derivation stores a grade (a scheduled run loads it itself, for its intervals; a
    // drill only here): fetched before any grade, so a chunk a newer build deleted reloads the
    // page before an answer waits on it. A failure is not shown: the grade tries again.
    void pageLoadedAndIdle()
      .then(() => loadChunk(loadDerivation))
      .catch(() => undefined);
  }
}
