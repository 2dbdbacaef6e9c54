/**
 * Checking a typed answer. An item's accepted answers are its `answer` split on `|` (the
 * documented separator: "Kyiv|Kiev") plus its `accept` list. Both sides are normalised before
 * they are compared: Unicode compatibility forms folded (NFKC: full-width "ｎｅｋｏ" is "neko",
 * half-width katakana are full-width), case ignored, surrounding whitespace trimmed and inner runs
 * of whitespace made one space.
 */
import type { ReviewableContent } from '../../src/index.js';
import { charDiff, diffDistance, type DiffPart } from './char-diff.js';

/** The separator of alternatives inside a plain `answer` string. */
export const ANSWER_SEPARATOR = '|';

/** `text` as it is compared: NFKC, trimmed, inner whitespace collapsed, lower case. */
export function normaliseAnswer(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/** Every answer `item` accepts, as written: the `|`-separated parts of `answer`, then `accept`. */
export function acceptedAnswers(item: Pick<ReviewableContent, 'answer' | 'accept'>): string[] {
  const parts = item.answer.split(ANSWER_SEPARATOR).map((part) => part.trim());
  return [...parts, ...(item.accept ?? [])].filter((part) => normaliseAnswer(part) !== '');
}

/** True when `typed` matches one of `item`'s accepted answers once both are normalised. */
export function typedAnswerMatches(typed: string, item: Pick<ReviewableContent, 'answer' | 'accept'>): boolean {
  const wanted = normaliseAnswer(typed);
  return acceptedAnswers(item).some((answer) => normaliseAnswer(answer) === wanted);
}

/** The diff of `typed` against the closest of `item`'s accepted answers, both normalised. */
export function closestDiff(typed: string, item: Pick<ReviewableContent, 'answer' | 'accept'>): DiffPart[] {
  const wanted = normaliseAnswer(typed);
  let best: DiffPart[] | null = null;
  for (const answer of acceptedAnswers(item)) {
    const parts = charDiff(wanted, normaliseAnswer(answer));
    if (!best || diffDistance(parts) < diffDistance(best)) best = parts;
  }
  return best ?? charDiff(wanted, normaliseAnswer(item.answer));
}
