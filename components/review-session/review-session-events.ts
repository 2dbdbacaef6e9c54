/**
 * The events `<review-session>` fires. Each is a class with a typed `detail`, registered in
 * `HTMLElementEventMap` so `el.addEventListener('review-answer', e => e.detail.answer)` is typed.
 * They bubble; they are not composed because they are dispatched on the host itself, which is
 * already outside the element's shadow root.
 */
import type { AnswerRecord, ErrorCode, OfflineReviewError } from '../../src/index.js';
import type { ReviewCompleteEvent } from './review-complete-event.js';

/** Detail of {@link ReviewAnswerEvent}. */
export interface ReviewAnswerDetail {
  /** The answer as stored on this device (it syncs later). */
  answer: AnswerRecord;
  /** 1-based position of the card answered. */
  position: number;
  /** Number of cards in the session. */
  total: number;
}

/** Fired after an answer was stored on the device. */
export class ReviewAnswerEvent extends CustomEvent<ReviewAnswerDetail> {
  /** The event name. */
  static readonly eventName = 'review-answer' as const;
  /** A bubbling `review-answer` event. */
  constructor(detail: ReviewAnswerDetail) {
    super('review-answer', { detail, bubbles: true });
  }
}

// ReviewCompleteEvent, fired from the summaries' chunk at the end of a review, is a module of
// its own (review-complete-event.ts): re-exported here, it would stay in the tag's first chunk.

/** Detail of {@link ReviewErrorEvent}. */
export interface ReviewErrorDetail {
  /** Stable code from the library's error table (`invalid-input`, `storage-full`, …). */
  code: ErrorCode;
  /** The error itself, with `details` and `cause`. */
  error: OfflineReviewError;
}

/** Fired when items cannot be loaded or an answer cannot be stored. */
export class ReviewErrorEvent extends CustomEvent<ReviewErrorDetail> {
  /** The event name. */
  static readonly eventName = 'review-error' as const;
  /** A bubbling `review-error` event. */
  constructor(error: OfflineReviewError) {
    super('review-error', { detail: { code: error.code, error }, bubbles: true });
  }
}

/**
 * Fired once, when the tag first shows something other than "loading": its first card, the
 * summary (nothing due) or an error. The CDN entry waits for it before it loads the page's
 * other tags, so they do not compete with the first card for the network.
 */
export class ReviewReadyEvent extends Event {
  /** The event name. */
  static readonly eventName = 'review-ready' as const;
  /** A bubbling `review-ready` event. */
  constructor() {
    super('review-ready', { bubbles: true });
  }
}

const ready = new WeakSet<Element>();

/** Dispatches a ReviewReadyEvent on `host` the first time it is called for that element. */
export function dispatchReviewReady(host: Element): void {
  if (ready.has(host)) return;
  ready.add(host);
  host.dispatchEvent(new ReviewReadyEvent());
}

declare global {
  interface HTMLElementEventMap {
    'review-answer': ReviewAnswerEvent;
    'review-complete': ReviewCompleteEvent;
    'review-error': ReviewErrorEvent;
    'review-ready': ReviewReadyEvent;
  }
}
