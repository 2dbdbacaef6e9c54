/**
 * Small formatting helpers shared by the tags. Labels are plain strings with `{name}`
 * placeholders, or plural forms chosen by `Intl.PluralRules`, so that a site can translate
 * them without writing code. Numbers, plurals and dates follow the labels' locale.
 */

/**
 * A label that holds a count: one text per plural category of the locale (`one`, `other`,
 * `few`… as `Intl.PluralRules` names them); `other` is required, as every locale has it.
 */
export type PluralForms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>;

/** A label: a text, or plural forms where it holds a count. */
export type Label = string | PluralForms;

/**
 * Fills `template` in: each `{name}` becomes `values[name]` (numbers formatted for `locale`);
 * unknown names stay as written. Plural forms are chosen by `values.count`, else by the first
 * number among `values`, under the plural rules of `locale`.
 */
export function format(template: Label, values: Record<string, string | number>, locale?: string): string {
  const text = typeof template === 'string' ? template : pluralForm(template, pluralCount(values), locale);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) return whole;
    const value = values[name];
    return typeof value === 'number' ? formatNumber(value, locale) : String(value);
  });
}

const formatters = new Map<string, unknown>();

/**
 * The formatter `make` builds for `key` (a kind, a locale and its options), built once and kept:
 * building an Intl formatter costs far more than using one, and every card renders several.
 */
export function intlFormatter<T>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (formatter === undefined) formatters.set(key, (formatter = make()));
  return formatter;
}

/** The form of `forms` for `count` in `locale` (`other` when the locale's category is missing). */
export function pluralForm(forms: PluralForms, count: number, locale?: string): string {
  // An exact "=0"-style form is not part of PluralRules: a zero case is a label of its own.
  const category = intlFormatter(`plural|${locale ?? ''}`, () => new Intl.PluralRules(locale || undefined)).select(count);
  return forms[category] ?? forms.other;
}

function pluralCount(values: Record<string, string | number>): number {
  const count = values['count'];
  if (typeof count === 'number') return count;
  const first = Object.values(values).find((value): value is number => typeof value === 'number');
  return first ?? 0;
}

/** A whole number in `locale` ("1,234" in English, "1 234" in French). */
export function formatNumber(value: number, locale?: string): string {
  return intlFormatter(`number|${locale ?? ''}`, () => new Intl.NumberFormat(locale || undefined, { maximumFractionDigits: 0 })).format(value);
}

/** A clock time in the labels' locale, for "last synced" and "retrying at". */
export function formatTime(epochMs: number, lang?: string): string {
  return intlFormatter(`time|${lang ?? ''}`, () => new Intl.DateTimeFormat(lang || undefined, { hour: 'numeric', minute: '2-digit' })).format(epochMs);
}

/** The language that applies to `element`: the nearest `lang` attribute, else the browser's. */
export function languageOf(element: Element): string | undefined {
  return element.closest('[lang]')?.getAttribute('lang') || undefined;
}
