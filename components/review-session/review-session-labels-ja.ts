/**
 * The Japanese words of `<review-session>` (`lang="ja"`) that a card shows; those of the
 * summaries and typed answers are review-session-later-labels-ja.ts, a chunk that follows the
 * first card. Numbers, percentages, intervals and "when the next card is due" come from Intl
 * in the `ja` locale ("10分", "3日後").
 */
import type { CardWords } from './review-session-labels.js';

/** The Japanese words of a card. */
export const japaneseCardWords: CardWords = {
  locale: 'ja',
  loading: '読み込み中…',
  progress: '{n} / {total}',
  announceCard: 'カード {progress}：{prompt}',
  announceAnswer: '答え：{answer}',
  announceReviewCard: '{prompt}（{counts}）',
  announceCounts: '新規{new}、学習中{learning}、復習{due}',
  countNew: '新規',
  countLearning: '学習中',
  countDue: '復習',
  countsLabel: '今日の残りカード',
  lessThan: '{interval}未満',
  intervalUnits: 'short',
  undo: '元に戻す',
  answer: '答え',
  reveal: '答えを表示',
  gradeGroup: 'どのくらい覚えていましたか？',
  again: 'もう一度',
  hard: '難しい',
  good: '正解',
  easy: '簡単',
  offline: 'オフラインです。回答はこの端末に保存されています。',
  unreachable: 'サーバーに接続できません。回答はこの端末に保存されています。',
  storageFull: '保存容量が不足しているため、この回答は保存されませんでした。端末の空き容量を増やしてから、もう一度回答してください。',
  invalidInput: '復習項目を読み取れませんでした。',
  invalidMode: '不明な復習モード「{mode}」です。「grade」か「typed」を指定してください。',
  invalidAttribute: '{attribute} 属性に「{value}」は指定できません。',
  missingUser: 'この復習にはユーザーが設定されていません。',
  invalidId: '{attribute} のID「{value}」は使えません。IDは1〜200文字で、空白を含められません。',
  contentUnavailable: '復習項目を読み込めませんでした。インターネットに接続して、もう一度お試しください。',
  partUnavailable: 'この画面を読み込めませんでした。インターネットに接続して、もう一度お試しください。',
  answerUnavailable: '復習の一部を読み込めなかったため、この回答は保存されませんでした。インターネットに接続してから、もう一度回答してください。',
  error: 'この復習で問題が発生しました。',
  retry: 'もう一度試す',
};
