/**
 * A character diff of a typed answer against the expected one, for the feedback after Check: a
 * longest common subsequence over code points (answers are short: at most a few hundred
 * characters are compared, which is a small table), as runs of kept, extra and missing text.
 */

/** One run of the diff: `same` in both, `extra` typed but not expected, `missing` expected but not typed. */
export interface DiffPart {
  kind: 'same' | 'extra' | 'missing';
  text: string;
}

/** Longest inputs compared character by character; longer ones are shown as wholly different. */
const MAX_DIFF_LENGTH = 300;

/** The runs that turn `typed` into `expected` (code points, so an emoji is one character). */
export function charDiff(typed: string, expected: string): DiffPart[] {
  const a = [...typed];
  const b = [...expected];
  if (a.length > MAX_DIFF_LENGTH || b.length > MAX_DIFF_LENGTH) {
    return [...(a.length ? [{ kind: 'extra' as const, text: typed }] : []), ...(b.length ? [{ kind: 'missing' as const, text: expected }] : [])];
  }
  // lengths[i][j]: the LCS length of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], char: string): void => {
    const last = parts[parts.length - 1];
    if (last?.kind === kind) last.text += char;
    else parts.push({ kind, text: char });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lengths[i]![j + 1]! >= lengths[i + 1]![j]!)) {
      push('missing', b[j]!);
      j++;
    } else {
      push('extra', a[i]!);
      i++;
    }
  }
  return parts;
}

/** How many characters differ (extra plus missing): picks the closest of several accepted answers. */
export function diffDistance(parts: readonly DiffPart[]): number {
  return parts.reduce((sum, part) => sum + (part.kind === 'same' ? 0 : [...part.text].length), 0);
}
