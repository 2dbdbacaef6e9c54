/**
 * The Japanese words of `<review-stats>` (`lang="ja"`). Japanese has one plural category, so
 * each count label has only its `other` form; dates, numbers and percentages follow `ja`.
 */
import type { ReviewStatsLabels } from './review-stats-labels.js';

/** The Japanese set. */
export const japaneseReviewStatsLabels: ReviewStatsLabels = {
  locale: 'ja',
  title: '復習の統計',
  loading: '統計を読み込み中…',
  error: 'この端末では統計を表示できません。',
  errorAttribute: '統計を表示できません：{attribute} 属性の値が正しくありません。',
  reviewCount: { other: '復習{count}回' },
  dayCount: { other: '{count}日' },
  weekCount: { other: '{count}週間' },
  cardCount: { other: '{count}枚' },
  streak: '連続学習',
  longestStreak: '最長：{days}',
  retention: '定着率',
  retentionDetail: { other: '過去{days}の復習の回答{count}件のうち、{passed}件が「もう一度」以外' },
  retentionNone: '過去{days}に復習の回答はありません',
  reviewsToday: '今日の復習',
  dueToday: '今日の期限',
  heatmapCaption: '日ごとの復習',
  heatmapSummary: '過去{weeks}のうち{days}で{reviews}',
  heatmapDay: '{date}：{reviews}',
  forecastCaption: '今後{days}に期限が来るカード',
  forecastSummary: '今後{days}で{cards}、うち今日{today}枚',
  forecastDay: '{date}：{cards}',
  columnDate: '日付',
  columnReviews: '復習',
  columnDue: '期限のカード',
  noReviews: 'まだ復習はありません',
  showTables: '表で表示',
  less: '少',
  more: '多',
};
