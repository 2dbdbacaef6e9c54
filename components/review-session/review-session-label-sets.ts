/**
 * `<review-session>`'s built-in label sets, whole, for pages and scripts that import the
 * modules (the element itself loads each language's card words and later words as chunks of
 * their own: review-session-words.ts). Apart from review-session-labels.ts, which the element
 * imports: a bundle of the element leaves this module, and the English words in it, out.
 */
import type { LabelSets } from '../shared/labels.js';
import { loadChunk } from '../shared/stale-build.js';
import type { ReviewSessionLabels } from './review-session-labels.js';
import { englishCardWords } from './review-session-labels-en.js';
import { englishLaterWords } from './review-session-later-labels-en.js';

/** The English defaults: a card's words and the later ones. */
export const defaultReviewSessionLabels: ReviewSessionLabels = { ...englishCardWords, ...englishLaterWords };

/**
 * The built-in sets, by language: the element's `lang` picks one (`en` when none fits). The
 * element itself loads each language's set, English included, as chunks of its own
 * (review-session-words.ts); this table is for pages that import the modules.
 */
export const reviewSessionLabelSets: LabelSets<ReviewSessionLabels> = {
  en: defaultReviewSessionLabels,
  // loadChunk: a chunk deleted by a newer build that took control of the page reloads it once.
  ja: () =>
    loadChunk(async () => {
      const [card, later] = await Promise.all([import('./review-session-labels-ja.js'), import('./review-session-later-labels-ja.js')]);
      return { ...card.japaneseCardWords, ...later.japaneseLaterWords };
    }),
};
