/**
 * The Japanese words of `<review-session>` that only its summaries and typed answers show:
 * a chunk of its own, loaded with those parts (review-session-words.ts). The card's words are
 * in review-session-labels-ja.ts.
 */
import type { LaterWords } from './review-session-labels.js';

/** The Japanese words of the summaries and typed answers. */
export const japaneseLaterWords: LaterWords = {
  announceComplete: { other: 'セッション完了。{answered}問に回答、正答率{accuracy}。' },
  allDone: '今はすべて完了です',
  nextDue: '次のカードは{when}です。',
  nothingScheduled: '予定されているカードはありません。',
  practise: 'それでも練習する',
  typedLabel: 'あなたの答え',
  check: '確認',
  next: '次へ',
  correct: '正解',
  incorrect: '惜しい',
  typedYours: '入力',
  typedExpected: '正解',
  complete: 'セッション完了',
  answered: '回答数',
  accuracy: '正答率',
  time: '時間',
  restart: 'もう一度復習する',
  missedHeading: '間違えたカード',
  reviewMissed: '間違えたカードを復習する',
  invalidAnswer: 'この回答は保存できません。{max}文字以内で、制御文字を使わずに入力してください。',
};
