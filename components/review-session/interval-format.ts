/**
 * How long until a card is due, in the learner's language: "<1m", "10m", "1d", "4d" on the
 * grade buttons (Intl.NumberFormat's narrow units), and "in 10 minutes" or "tomorrow" for the
 * next due card (Intl.RelativeTimeFormat).
 */
import { intlFormatter } from '../shared/format.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Unit = 'minute' | 'hour' | 'day' | 'month' | 'year';

/** The largest unit that fits `ms`, with its count (a month is 30 days, a year 365). */
function unitOf(ms: number): { value: number; unit: Unit } {
  if (ms < HOUR) return { value: Math.round(ms / MINUTE), unit: 'minute' };
  if (ms < DAY) return { value: Math.round(ms / HOUR), unit: 'hour' };
  if (ms < 30 * DAY) return { value: Math.round(ms / DAY), unit: 'day' };
  if (ms < 365 * DAY) return { value: Math.round((ms / (30 * DAY)) * 10) / 10, unit: 'month' };
  return { value: Math.round((ms / (365 * DAY)) * 10) / 10, unit: 'year' };
}

/** How an interval names its unit (Intl.NumberFormat's `unitDisplay`): "10m", "10 min", "10 minutes". */
export type IntervalUnits = 'narrow' | 'short' | 'long';

/**
 * An interval as a grade button shows it: "<1m" under a minute, then "10m", "3h", "4d", "1.5 mths",
 * "2.1y". `lessThan` is the label around the one-minute figure (`{interval}` is replaced);
 * `units` the unit style (narrow units are Latin letters in some locales: Japanese takes `short`).
 */
export function formatInterval(ms: number, lang: string | undefined, lessThan = '<{interval}', units: IntervalUnits = 'narrow'): string {
  const number = (value: number, unit: Unit): string => {
    // Narrow months read as minutes in English ("1.5m"): months keep their short name.
    const unitDisplay = unit === 'month' && units === 'narrow' ? 'short' : units;
    const make = () => new Intl.NumberFormat(lang || undefined, { style: 'unit', unit, unitDisplay, maximumFractionDigits: 1 });
    return intlFormatter(`unit|${lang ?? ''}|${unit}|${unitDisplay}`, make).format(value);
  };
  if (ms < MINUTE) return lessThan.replace('{interval}', number(1, 'minute'));
  const { value, unit } = unitOf(ms);
  return number(value, unit);
}

/** When a card is next due, relative to `now`: "in 10 minutes", "in 3 hours", "tomorrow". */
export function formatDueIn(dueAt: number, now: number, lang: string | undefined): string {
  const ms = Math.max(0, dueAt - now);
  const format = intlFormatter(`relative|${lang ?? ''}`, () => new Intl.RelativeTimeFormat(lang || undefined, { numeric: 'auto' }));
  if (ms < HOUR) return format.format(Math.max(1, Math.ceil(ms / MINUTE)), 'minute');
  if (ms < DAY) return format.format(Math.round(ms / HOUR), 'hour');
  const { value, unit } = unitOf(ms);
  return format.format(unit === 'day' ? value : Math.round(value), unit);
}

/** Each grade's interval, formatted as `formatInterval` does. */
export function formatIntervals<K extends string>(
  ms: Record<K, number>,
  lang: string | undefined,
  lessThan?: string,
  units?: IntervalUnits,
): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(ms) as K[]) out[key] = formatInterval(ms[key], lang, lessThan, units);
  return out;
}
