/**
 * Every word `<review-stats>` shows or announces. A site replaces any of them through the
 * `labels` property (for another language, say); `{name}` placeholders are filled in. Dates,
 * weekdays and percentages are formatted by Intl in the page's language.
 */

/** The texts of `<review-stats>`. */
export interface ReviewStatsLabels {
  /** The name of the whole element (a region). */
  title: string;
  /** While the answers are read. */
  loading: string;
  /** The figures could not be read: `{message}`. */
  error: string;
  /** The streak's term. */
  streak: string;
  /** The streak in days: `{count}`. */
  streakDays: string;
  /** The longest streak: `{count}` days. */
  longestStreak: string;
  /** Retention's term. */
  retention: string;
  /** Under retention: `{passed}` of `{reviews}` review answers in the last `{days}` days were not Again. */
  retentionDetail: string;
  /** Retention without any review answer in the window: `{days}`. */
  retentionNone: string;
  /** Reviews today's term. */
  reviewsToday: string;
  /** Cards due today's term. */
  dueToday: string;
  /** Caption of the heatmap (and its table). */
  heatmapCaption: string;
  /** The heatmap as a picture, for screen readers: `{total}` reviews on `{days}` days in the last `{weeks}` weeks. */
  heatmapSummary: string;
  /** One day of the heatmap (its tooltip): `{date}` and `{count}`. */
  heatmapDay: string;
  /** Caption of the forecast (and its table): `{days}`. */
  forecastCaption: string;
  /** The forecast as a picture: `{total}` cards due in the next `{days}` days, `{today}` today. */
  forecastSummary: string;
  /** One day of the forecast (its tooltip): `{date}` and `{count}`. */
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
  /** "Less" and "More", either side of the heatmap's colour scale. */
  less: string;
  more: string;
}

/** The English defaults. */
export const defaultReviewStatsLabels: ReviewStatsLabels = {
  title: 'Review statistics',
  loading: 'Loading statistics…',
  error: 'Statistics are not available: {message}',
  streak: 'Streak',
  streakDays: '{count} days',
  longestStreak: 'Longest: {count} days',
  retention: 'Retention',
  retentionDetail: '{passed} of {reviews} review answers in the last {days} days were not Again',
  retentionNone: 'No review answers in the last {days} days',
  reviewsToday: 'Reviews today',
  dueToday: 'Due today',
  heatmapCaption: 'Reviews per day',
  heatmapSummary: '{total} reviews on {days} days in the last {weeks} weeks',
  heatmapDay: '{date}: {count} reviews',
  forecastCaption: 'Cards due in the next {days} days',
  forecastSummary: '{total} cards due in the next {days} days, {today} of them today',
  forecastDay: '{date}: {count} due',
  columnDate: 'Date',
  columnReviews: 'Reviews',
  columnDue: 'Cards due',
  noReviews: 'No reviews yet',
  showTables: 'Show as tables',
  less: 'Less',
  more: 'More',
};
