/**
 * The package's root entry: the offline core and the element classes. It defines no tags;
 * import 'offline-review/define' (or load the CDN file) for that.
 */
export * from './src/index.js';
export { ReviewSessionElement } from './components/review-session/review-session.js';
export { SyncIndicatorElement } from './components/sync-indicator/sync-indicator.js';
export { ReviewStatsElement } from './components/review-stats/review-stats.js';
export type { ReviewFigures } from './components/review-stats/stats-source.js';
export { ReviewStatsChangeEvent } from './components/review-stats/review-stats-change-event.js';
export { ReviewAnswerEvent, ReviewErrorEvent, ReviewReadyEvent, type ReviewAnswerDetail, type ReviewErrorDetail } from './components/review-session/review-session-events.js';
export { ReviewCompleteEvent, type ReviewCompleteDetail } from './components/review-session/review-complete-event.js';
export { defaultReviewSessionLabels, reviewSessionLabelSets } from './components/review-session/review-session-label-sets.js';
export type { ReviewSessionLabels } from './components/review-session/review-session-labels.js';
export { defaultSyncIndicatorLabels, syncIndicatorLabelSets, type SyncIndicatorLabels } from './components/sync-indicator/sync-indicator-labels.js';
export { defaultReviewStatsLabels, reviewStatsLabelSets, type ReviewStatsLabels } from './components/review-stats/review-stats-labels.js';
export type { Label, PluralForms } from './components/shared/format.js';
export { IndicatorState, indicatorState } from './components/shared/sync-status.js';
