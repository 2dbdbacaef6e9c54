/**
 * How `<review-session>` gets its words: every language's set is a chunk of its own, English
 * included (review-session-labels-en.ts, -ja.ts), so a page fetches the words of its own
 * language only: a page in Japanese no longer fetches the English set as well. The set is
 * chosen by the element's `lang` as shared/labels.ts chooses (the exact language, then its
 * primary subtag, else English), and the element renders once it is in (docs/design.md,
 * "Loading"). A set that cannot be loaded is `content-unavailable` with `details.chunk:
 * 'words'`, shown with the two English sentences kept here.
 */
import { toOfflineReviewError } from '../shared/errors.js';
import { languageOf } from '../shared/format.js';
import { resolveLabels } from '../shared/labels.js';
import { LazyPart } from './lazy-part.js';
import type { ReviewSessionLabels } from './review-session-labels.js';
import { ReviewErrorEvent } from './review-session-events.js';

const sets: Readonly<Record<string, LazyPart<ReviewSessionLabels>>> = {
  en: new LazyPart('words', async () => (await import('./review-session-labels-en.js')).defaultReviewSessionLabels),
  ja: new LazyPart('words', async () => (await import('./review-session-labels-ja.js')).japaneseReviewSessionLabels),
};

/** The set of `element`'s language, loaded or not (English when none fits). */
export function wordsFor(element: Element): LazyPart<ReviewSessionLabels> {
  const lang = (languageOf(element) ?? '').toLowerCase();
  return sets[lang] ?? sets[lang.split('-')[0]!] ?? sets['en']!;
}

/** What the error screen says when the words themselves could not be loaded. */
const missingWords = {
  locale: 'en',
  partUnavailable: 'This part of the review could not be loaded. Connect to the internet and try again.',
  retry: 'Try again',
} as ReviewSessionLabels;

/** The words of one element: its updates wait for them; a failure is kept until "Try again". */
export class ElementWords {
  /** The words could not be loaded: updates go on without them (the element shows the error). */
  failed = false;
  private readonly host: HTMLElement;

  /** For `host`, which fires `review-error` when its words cannot be loaded. */
  constructor(host: HTMLElement) {
    this.host = host;
  }

  /** The words of the host's language are in. */
  get ready(): boolean {
    return wordsFor(this.host).loaded !== null;
  }

  /** The labels in force: the host's language's set (or, while it is not in, `missingWords`) with `overrides` over it. */
  resolve(overrides: Partial<ReviewSessionLabels>): ReviewSessionLabels {
    return resolveLabels({ en: wordsFor(this.host).loaded ?? missingWords }, this.host, overrides);
  }

  /**
   * Runs `update` (the element's `super.scheduleUpdate()`) once the words of the host's
   * language are in: at once when they are, else after their chunk arrives, so the first
   * render, and every render after a change of `lang`, is in the right language. A chunk that
   * cannot be loaded fires `review-error` (`content-unavailable`, `details.chunk: 'words'`) and
   * updates anyway, with `failed` set.
   */
  before(update: () => void | Promise<unknown>): void | Promise<unknown> {
    const words = wordsFor(this.host);
    if (words.loaded || this.failed) return update();
    return words.load().then(update, (error: unknown) => {
      this.failed = true;
      this.host.dispatchEvent(new ReviewErrorEvent(toOfflineReviewError(error)));
      return update();
    });
  }
}
