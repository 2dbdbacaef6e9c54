/**
 * How a tag picks its words: a complete label set per language (English and Japanese are
 * built in), chosen by the `lang` that applies to the element, with the site's `labels`
 * property merged over it. The locale that formats numbers, plurals and dates is the site's
 * `locale` label when given, else the element's language, else the chosen set's.
 */
import { languageOf } from './format.js';

/** What every label set has: the BCP 47 locale it is written for. */
export interface LabelSet {
  /** The locale for numbers, plural rules, dates and times (`en`, `ja`, `pt-BR`…). */
  locale: string;
}

/**
 * The set of `sets` for `lang`: an exact match (case-insensitive), then the primary language
 * (`ja-JP` → `ja`), else `en`.
 */
export function labelSetFor<T extends LabelSet>(sets: Readonly<Record<string, T>>, lang: string | undefined): T {
  const tag = (lang ?? '').toLowerCase();
  const primary = tag.split('-')[0] ?? '';
  const found = Object.entries(sets).find(([key]) => key.toLowerCase() === tag) ?? Object.entries(sets).find(([key]) => key.toLowerCase() === primary);
  return found ? found[1] : (sets['en'] as T);
}

/**
 * The labels for `element`: its language's set with `overrides` over it, and as `locale` the
 * one that formats around them (the site's `locale` label, else the element's language, else
 * the set's).
 */
export function resolveLabels<T extends LabelSet>(sets: Readonly<Record<string, T>>, element: Element, overrides: Partial<T>): T {
  const lang = languageOf(element);
  const labels = { ...labelSetFor(sets, lang), ...overrides };
  return { ...labels, locale: overrides.locale ?? lang ?? labels.locale };
}
