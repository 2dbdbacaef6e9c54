/**
 * How a tag picks its words: a complete label set per language (English and Japanese are
 * built in), chosen by the `lang` that applies to the element, with the site's `labels`
 * property merged over it. The locale that formats numbers, plural forms and dates is the site's
 * `locale` label when given, else the element's language, else the chosen set's.
 *
 * English is in each tag's own chunk; another language's set is a chunk of its own, imported
 * the first time an element in that language updates (docs/design.md, "Labels and
 * languages"): a page in English never fetches Japanese words, and a page in Japanese waits
 * for them before its first render instead of showing English first.
 */
import { languageOf } from './format.js';

/** What every label set has: the BCP 47 locale it is written for. */
export interface LabelSet {
  /** The locale for numbers, plural rules, dates and times (`en`, `ja`, `pt-BR`…). */
  locale: string;
}

/** A set that is loaded on first use: resolves the set (its module is a chunk of its own). */
export type LabelSetLoader<T extends LabelSet> = () => Promise<T>;

/** The built-in sets of a tag by language: a set, or the loader of one. `en` is always a set. */
export type LabelSets<T extends LabelSet> = Readonly<Record<string, T | LabelSetLoader<T>>>;

/** Sets loaded so far, by loader; null for a loader whose chunk could not be loaded. */
const loaded = new WeakMap<LabelSetLoader<LabelSet>, LabelSet | null>();
/** Loads under way, by loader: elements in one language share one import. */
const loading = new WeakMap<LabelSetLoader<LabelSet>, Promise<void>>();

/** The entry of `sets` for `lang`: an exact match (case-insensitive), then the primary language. */
function entryFor<T extends LabelSet>(sets: LabelSets<T>, lang: string | undefined): T | LabelSetLoader<T> | undefined {
  const tag = (lang ?? '').toLowerCase();
  const primary = tag.split('-')[0] ?? '';
  const found = Object.entries(sets).find(([key]) => key.toLowerCase() === tag) ?? Object.entries(sets).find(([key]) => key.toLowerCase() === primary);
  return found?.[1];
}

/**
 * The set of `sets` for `lang`: an exact match (case-insensitive), then the primary language
 * (`ja-JP` → `ja`), else `en`. A set whose chunk is not loaded yet (see `labelsPending`), or
 * could not be loaded, gives `en`.
 */
export function labelSetFor<T extends LabelSet>(sets: LabelSets<T>, lang: string | undefined): T {
  const entry = entryFor(sets, lang);
  const set = typeof entry === 'function' ? (loaded.get(entry) as T | null | undefined) : entry;
  return set ?? (sets['en'] as T);
}

/**
 * Null when the set for `element`'s language is at hand; else the import of its chunk (started
 * now, or the one under way), which resolves once it is in. A chunk that cannot be loaded
 * (offline before the worker cached it) is reported on the console and resolves too: the
 * element then speaks English, as for a language without a built-in set.
 */
export function labelsPending<T extends LabelSet>(sets: LabelSets<T>, element: Element): Promise<void> | null {
  const entry = entryFor(sets, languageOf(element));
  if (typeof entry !== 'function' || loaded.has(entry)) return null;
  let pending = loading.get(entry);
  if (!pending) {
    pending = entry().then(
      (set) => void loaded.set(entry, set),
      (error: unknown) => {
        loaded.set(entry, null);
        console.error(`The words for lang="${languageOf(element) ?? ''}" could not be loaded:`, error);
      },
    );
    loading.set(entry, pending);
  }
  return pending;
}

/**
 * Runs `update` (a Lit element's `super.scheduleUpdate()`) once the set for `element`'s
 * language is in: at once when it is, else after its chunk arrives. Elements call it from
 * `scheduleUpdate()`, so their first render, and every render after a change of `lang`, is in
 * the right language and `updateComplete` waits for it.
 */
export function afterLabels<T extends LabelSet>(sets: LabelSets<T>, element: Element, update: () => void | Promise<unknown>): void | Promise<unknown> {
  const pending = labelsPending(sets, element);
  return pending ? pending.then(update) : update();
}

/**
 * The labels for `element`: its language's set with `overrides` over it, and as `locale` the
 * one that formats around them (the site's `locale` label, else the element's language, else
 * the set's).
 */
export function resolveLabels<T extends LabelSet>(sets: LabelSets<T>, element: Element, overrides: Partial<T>): T {
  const lang = languageOf(element);
  const labels = { ...labelSetFor(sets, lang), ...overrides };
  return { ...labels, locale: overrides.locale ?? lang ?? labels.locale };
}
