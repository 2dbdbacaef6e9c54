/**
 * Derived card states on the device (store `cardStates`, keyed by [userId, itemId]): the
 * scheduler's replay of a user's answers to an item, without the retracted ones. Stored so a
 * session starts without replaying every answer; derived again when answers or retractions
 * arrive (in the same transaction) and when a deck asks with other parameters.
 */
import { deriveCardState, type CardState } from '../scheduler/card-state.js';
import { localLearnerDay, type LearnerDay } from '../scheduler/learner-day.js';
import { defaultSchedulerParameters, parametersKey, type SchedulerParameters } from '../scheduler/parameters.js';
import { parseParametersKey } from '../scheduler/parse-parameters-key.js';
import { retractedAnswerIds, toCardState, type CardTx } from './card-state-reads.js';
import type { StoredCardState } from './schema.js';
import { queued } from './transaction.js';

export { retractedAnswerIds, toCardState, type CardTx } from './card-state-reads.js';

/**
 * The parameters and learner day to derive a card with when the caller names none: those in
 * its stored key, so it keeps what it was last derived with, else (a card never derived, or a
 * key this version did not make) the defaults and this device's learner day.
 */
export function cardParameters(stored: StoredCardState | undefined): { params: SchedulerParameters; day: LearnerDay } {
  return (stored && parseParametersKey(stored.parametersKey)) || { params: defaultSchedulerParameters, day: localLearnerDay() };
}

/**
 * Derives and stores the card state of each of `itemIds`, with the parameters and learner day
 * each was last derived with (the defaults and this device's zone for a card never derived).
 * Resolves the new states by item.
 */
export async function rederiveCardStates(
  tx: CardTx,
  userId: string,
  itemIds: Iterable<string>,
  retracted?: ReadonlySet<string>,
): Promise<Map<string, CardState>> {
  const items = [...new Set(itemIds)];
  const out = new Map<string, CardState>();
  if (items.length === 0) return out;
  const undone = retracted ?? (await retractedAnswerIds(tx, userId));
  const cards = tx.objectStore('cardStates');
  const answers = tx.objectStore('answers').index('userItem');
  const [stored, lists] = await Promise.all([
    Promise.all(items.map((item) => cards.get([userId, item]))),
    Promise.all(items.map((item) => answers.getAll([userId, item]))),
  ]);
  items.forEach((item, i) => {
    const with_ = cardParameters(stored[i]);
    const state = deriveCardState(item, lists[i]!, undone, with_.params, with_.day);
    queued(cards.put({ ...state, userId }));
    out.set(item, state);
  });
  return out;
}

/**
 * The card states of `itemIds` for `params` and `day`: the stored ones when derived with those,
 * the others derived now from the answers and stored. Items nobody answered come back `new`.
 */
export async function readCardStates(
  tx: CardTx,
  userId: string,
  itemIds: readonly string[],
  params: SchedulerParameters,
  day: LearnerDay,
): Promise<Map<string, CardState>> {
  const key = parametersKey(params, day);
  const cards = tx.objectStore('cardStates');
  const stored = await Promise.all(itemIds.map((item) => cards.get([userId, item])));
  const out = new Map<string, CardState>();
  const stale: string[] = [];
  itemIds.forEach((item, i) => {
    const found = stored[i];
    if (found && found.parametersKey === key) out.set(item, toCardState(found));
    else stale.push(item);
  });
  if (stale.length === 0) return out;
  const undone = await retractedAnswerIds(tx, userId);
  const answers = tx.objectStore('answers').index('userItem');
  const lists = await Promise.all(stale.map((item) => answers.getAll([userId, item])));
  stale.forEach((item, i) => {
    const state = deriveCardState(item, lists[i]!, undone, params, day);
    queued(cards.put({ ...state, userId }));
    out.set(item, state);
  });
  return out;
}
