/**
 * How `<review-session>` gets its words: every language's set is two chunks of its own,
 * English included. The words a card shows (review-session-labels-en.ts, -ja.ts: the card, its
 * grades and counts, the notices, the errors) come before the first render; the words only
 * the summaries and typed answers show (review-session-later-labels-en.ts, -ja.ts) load with
 * those parts (review-parts.ts), after the first card of a grade review and before the first
 * of a typed one. So a page fetches the words of its own language only, and its first card
 * only the words it can show. The set is chosen by the element's `lang` as shared/labels.ts
 * chooses (the exact language, then its primary subtag, else English), and the element renders
 * once it is in (docs/design.md, "Loading"). A set that cannot be loaded is
 * `content-unavailable` with `details.chunk: 'words'`, shown with the two English sentences
 * kept here.
 */
import { toOfflineReviewError } from '../shared/errors.js';
import { languageOf } from '../shared/format.js';
import { resolveLabels } from '../shared/labels.js';
import { LazyPart } from './lazy-part.js';
import type { CardWords, LaterWords, ReviewSessionLabels } from './review-session-labels.js';
import { ReviewErrorEvent } from './review-session-events.js';

/** One language's words: a card's, and the summaries' and typed answers'. */
interface Words {
  card: LazyPart<CardWords>;
  later: LazyPart<LaterWords>;
}

const sets: Readonly<Record<string, Words>> = {
  en: {
    card: new LazyPart('words', async () => (await import('./review-session-labels-en.js')).englishCardWords),
    later: new LazyPart('words', async () => (await import('./review-session-later-labels-en.js')).englishLaterWords),
  },
  ja: {
    card: new LazyPart('words', async () => (await import('./review-session-labels-ja.js')).japaneseCardWords),
    later: new LazyPart('words', async () => (await import('./review-session-later-labels-ja.js')).japaneseLaterWords),
  },
};

/** The languages of the page's review elements so far: the later parts load the later words of each. */
const inUse = new Set<Words>();
/** A later part has been asked for: from then on an element's update waits for its later words too. */
let laterWanted = false;

/** The words of `element`'s language (English when none fits), noted as in use. */
function wordsFor(element: Element): Words {
  const lang = (languageOf(element) ?? '').toLowerCase();
  const words = sets[lang] ?? sets[lang.split('-')[0]!] ?? sets['en']!;
  inUse.add(words);
  return words;
}

/**
 * Resolves once the later words of every language the page's review elements speak are in
 * (a language that appears meanwhile included). The summaries' and typed answers' chunks load
 * them beside their code, so what awaits those parts (a summary, its announcement, a typed
 * card) has its words. Rejects as LazyPart.load does (`details.chunk: 'words'`).
 */
export async function laterWords(): Promise<void> {
  laterWanted = true;
  let count: number;
  do {
    count = inUse.size;
    await Promise.all([...inUse].map((words) => words.later.load()));
  } while (inUse.size !== count);
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

  /** The words of the host's language are in (a card's; the later ones come with their parts). */
  get ready(): boolean {
    return wordsFor(this.host).card.loaded !== null;
  }

  /**
   * The labels in force: the host's language's words (a card's, with the later ones once they
   * are in; while a card's are not in, `missingWords`) with `overrides` over them.
   */
  resolve(overrides: Partial<ReviewSessionLabels>): ReviewSessionLabels {
    const { card, later } = wordsFor(this.host);
    const set = card.loaded ? ({ ...card.loaded, ...later.loaded } as ReviewSessionLabels) : missingWords;
    return resolveLabels({ en: set }, this.host, overrides);
  }

  /**
   * Runs `update` (the element's `super.scheduleUpdate()`) once the words of the host's
   * language are in: a card's, and the later ones too once a later part was asked for (a
   * change of `lang` after a summary). At once when they are, else after their chunks arrive,
   * so the first render, and every render after a change of `lang`, is in the right language.
   * A chunk that cannot be loaded fires `review-error` (`content-unavailable`,
   * `details.chunk: 'words'`) and updates anyway, with `failed` set.
   */
  before(update: () => void | Promise<unknown>): void | Promise<unknown> {
    const { card, later } = wordsFor(this.host);
    const missing = (laterWanted ? [card, later] : [card]).filter((part: LazyPart<unknown>) => part.loaded === null);
    if (missing.length === 0 || this.failed) return update();
    return Promise.all(missing.map((part) => part.load())).then(update, (error: unknown) => {
      this.failed = true;
      this.host.dispatchEvent(new ReviewErrorEvent(toOfflineReviewError(error)));
      return update();
    });
  }
}
