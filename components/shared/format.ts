/**
 * Small formatting helpers shared by the tags. Labels are plain strings with `{name}`
 * placeholders so that a site can translate them without writing code.
 */

/** Replaces each `{name}` in `template` with `values[name]`; unknown names stay as written. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
  );
}

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
  return new Intl.NumberFormat(lang || undefined, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** A clock time in the page's language, for "last synced". */
export function formatTime(epochMs: number, lang?: string): string {
  return new Intl.DateTimeFormat(lang || undefined, { hour: 'numeric', minute: '2-digit' }).format(epochMs);
}

/** The language that applies to `element`: the nearest `lang` attribute, else the browser's. */
export function languageOf(element: Element): string | undefined {
  return element.closest('[lang]')?.getAttribute('lang') || undefined;
}
