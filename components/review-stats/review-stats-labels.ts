/**
 * Every word `<review-stats>` shows or announces, in English and Japanese. The set is chosen
 * by the element's `lang` (see shared/labels.ts); a site replaces any word through the
 * `labels` property. `{name}` placeholders are filled in; a label holding a count is either
 * one text or plural forms (`{ one, other, … }`, chosen by `Intl.PluralRules` for the locale).
 * Dates, weekdays, numbers and percentages follow the labels' `locale`.
 */
import type { Label } from '../shared/format.js';
import type { LabelSet, LabelSets } from '../shared/labels.js';
import { loadChunk } from '../shared/stale-build.js';

/** The texts of `<review-stats>`. */
export interface ReviewStatsLabels extends LabelSet {
  /** The name of the whole element (a region). */
  title: string;
  /** While the answers are read. */
  loading: string;
  /** The figures could not be read (the technical reason is the tooltip). */
  error: string;
  /** An attribute has a value the element cannot use: `{attribute}` names it. */
  errorAttribute: string;
  /** `{count}` reviews (answers). */
  reviewCount: Label;
  /** `{count}` days. */
  dayCount: Label;
  /** `{count}` weeks. */
  weekCount: Label;
  /** `{count}` cards. */
  cardCount: Label;
  /** The streak's term (its value is a `dayCount`). */
  streak: string;
  /** The longest streak: `{days}` is a `dayCount`. */
  longestStreak: string;
  /** Retention's term. */
  retention: string;
  /** Under retention: `{passed}` of `{count}` review answers in the last `{days}` (a `dayCount`) were not Again. */
  retentionDetail: Label;
  /** Retention without any review answer in the last `{days}` (a `dayCount`). */
  retentionNone: string;
  /** Reviews today's term. */
  reviewsToday: string;
  /** Cards due today's term. */
  dueToday: string;
  /** Caption of the heatmap (and its table). */
  heatmapCaption: string;
  /** The heatmap as a picture, for screen readers: `{reviews}`, `{days}`, `{weeks}` (count texts). */
  heatmapSummary: string;
  /** One day of the heatmap (its tooltip): `{date}` and `{reviews}`. */
  heatmapDay: string;
  /** Caption of the forecast (and its table): `{days}` (a `dayCount`). */
  forecastCaption: string;
  /** The forecast as a picture: `{cards}` due in the next `{days}`, `{today}` (a number) today. */
  forecastSummary: string;
  /** One day of the forecast (its tooltip): `{date}` and `{cards}`. */
  forecastDay: string;
  /** Table column: the date. */
  columnDate: string;
  /** Table column: reviews that day. */
  columnReviews: string;
  /** Table column: cards due that day. */
  columnDue: string;
  /** The heatmap table without any review. */
  noReviews: string;
  /** Switches the charts to tables (a toggle button; pressed while the tables show). */
  showTables: string;
  /** Either side of the heatmap's colour scale. */
  less: string;
  more: string;
}

/** The English defaults. */
export const defaultReviewStatsLabels: ReviewStatsLabels = {
  locale: 'en',
  title: 'Review statistics',
  loading: 'Loading statistics…',
  error: 'Statistics are not available on this device.',
  errorAttribute: 'Statistics are not available: the {attribute} attribute is not valid.',
  reviewCount: { one: '{count} review', other: '{count} reviews' },
  dayCount: { one: '{count} day', other: '{count} days' },
  weekCount: { one: '{count} week', other: '{count} weeks' },
  cardCount: { one: '{count} card', other: '{count} cards' },
  streak: 'Streak',
  longestStreak: 'Longest: {days}',
  retention: 'Retention',
  retentionDetail: {
    one: '{passed} of {count} review answer in the last {days} was not Again',
    other: '{passed} of {count} review answers in the last {days} were not Again',
  },
  retentionNone: 'No review answers in the last {days}',
  reviewsToday: 'Reviews today',
  dueToday: 'Due today',
  heatmapCaption: 'Reviews per day',
  heatmapSummary: '{reviews} on {days} in the last {weeks}',
  heatmapDay: '{date}: {reviews}',
  forecastCaption: 'Cards due in the next {days}',
  forecastSummary: '{cards} due in the next {days}, {today} of them today',
  forecastDay: '{date}: {cards} due',
  columnDate: 'Date',
  columnReviews: 'Reviews',
  columnDue: 'Cards due',
  noReviews: 'No reviews yet',
  showTables: 'Show as tables',
  less: 'Less',
  more: 'More',
};

/**
 * The built-in sets, by language: the element's `lang` picks one (`en` when none fits). Only
 * English is in the tag's chunk; Japanese is a chunk of its own, loaded for a page in Japanese.
 */
export const reviewStatsLabelSets: LabelSets<ReviewStatsLabels> = {
  en: defaultReviewStatsLabels,
  // loadChunk: a chunk deleted by a newer build that took control of the page reloads it once.
  ja: () => loadChunk(async () => (await import('./review-stats-labels-ja.js')).japaneseReviewStatsLabels),
};
