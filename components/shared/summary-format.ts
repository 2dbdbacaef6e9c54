/**
 * The formats of the summaries (the review's end, the statistics): a duration and a
 * percentage. Apart from format.ts, which every tag loads with its first paint, since only
 * the chunks of those screens use them (docs/design.md, "Loading").
 */

/** Percentage formats by language, built once (format.ts keeps its own: importing it would pull it into this chunk). */
const percents = new Map<string, Intl.NumberFormat>();

/** "1:05" for 65,000 ms; "1:01:05" past an hour. Digits only, so no label is needed. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** A percentage in the page's language ("80 %" in French), from a ratio between 0 and 1. */
export function formatPercent(ratio: number, lang?: string): string {
  let formatter = percents.get(lang ?? '');
  if (!formatter) percents.set(lang ?? '', (formatter = new Intl.NumberFormat(lang || undefined, { style: 'percent', maximumFractionDigits: 0 })));
  return formatter.format(ratio);
}
