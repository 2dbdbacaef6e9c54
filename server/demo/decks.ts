/**
 * The demo's seed decks (demo/decks/*.json): real-looking content for the pages and for
 * `GET /decks/<id>.json` (what `<review-session src>` loads).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OfflineReviewError } from '../../src/errors.js';
import type { ReviewableContent } from '../../src/types.js';

/** One deck as stored in demo/decks/<id>.json. */
export interface Deck {
  id: string;
  title: string;
  description: string;
  /** The mode its page uses by default. */
  mode: 'grade' | 'typed';
  /** The language of the tags' own words on this deck's pages (their `lang`), e.g. `ja`; default the page's. */
  lang?: string;
  items: ReviewableContent[];
}

/** Reads every deck of `dir`, sorted by title. Throws OfflineReviewError('invalid-input') when a file is not a deck. */
export function loadDecks(dir: string): Deck[] {
  const decks = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const deck = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Deck;
      if (!deck.id || !Array.isArray(deck.items) || `${deck.id}.json` !== name) {
        throw new OfflineReviewError('invalid-input', `demo/decks/${name} is not a deck named after its id`, { details: { file: name } });
      }
      return deck;
    });
  return decks.sort((a, b) => a.title.localeCompare(b.title));
}
