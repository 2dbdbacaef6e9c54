/**
 * The one order of answers every replica agrees on, and one copy per answer id: what the
 * derivations (derive.ts), the scheduler's replay and a session's answers on screen read
 * answers in. Kept apart from the derivations so that reading answers in order needs no
 * merge or scheduler code. Pure: runs in pages, the service worker and the server.
 */
import type { AnswerRecord } from '../types.js';

/** Orders answers by (answeredAt, id): the one order every replica agrees on. */
export function compareAnswers(a: AnswerRecord, b: AnswerRecord): number {
  if (a.answeredAt !== b.answeredAt) return a.answeredAt < b.answeredAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A total order over copies of answers: `compareAnswers`, then their JSON. Why: an id is one
 * immutable event, but if two copies ever differ, every replica must keep the same one
 * whatever the arrival order.
 */
export function compareAnswerCopies(a: AnswerRecord, b: AnswerRecord): number {
  const order = compareAnswers(a, b);
  if (order !== 0) return order;
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The answers that pass `keep`, one per id (the greatest copy), sorted by `compareAnswers`. */
export function uniqueAnswers(
  answers: readonly AnswerRecord[],
  keep: (answer: AnswerRecord) => boolean = () => true,
): AnswerRecord[] {
  const byId = new Map<string, AnswerRecord>();
  for (const answer of answers) {
    if (!keep(answer)) continue;
    const seen = byId.get(answer.id);
    if (!seen || compareAnswerCopies(seen, answer) < 0) byId.set(answer.id, answer);
  }
  return [...byId.values()].sort(compareAnswers);
}
