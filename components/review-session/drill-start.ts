/**
 * The start of a drill (every card once, in deck order; "Practise anyway"; the missed cards):
 * its session, started or resumed through the engine, and its run. In the grades' chunk
 * (grading.ts), which loads with the engine a drill's first card waits for.
 */
import type { OfflineReview, ReviewableContent } from '../../src/index.js';
import type { ReviewIdentity } from './review-identity.js';
import { ReviewRun } from './review-run.js';

/** What the drill is over: the deck's items, or only some (the missed cards), and whether it was chosen over the queue. */
export interface DrillChoice {
  readonly only: readonly string[] | null;
  readonly practising: boolean;
}

/**
 * Starts or resumes the drill of `items` for `identity` in `mode`: the latest unfinished
 * session of the deck resumes, except that "Practise anyway" is the whole deck and "review the
 * missed cards" those cards, so a session left unfinished earlier is closed first. Resolves the
 * run; rejects as the engine's `startSession` and `completeSession` do.
 */
export async function startDrill(engine: OfflineReview, items: ReviewableContent[], identity: ReviewIdentity, mode: 'grade' | 'typed', choice: DrillChoice): Promise<ReviewRun> {
  const { only, practising } = choice;
  const deckId = identity.deckId;
  const itemIds = items.map((item) => item.id).filter((itemId) => !only || only.includes(itemId));
  let { session, answers } = await engine.startSession({ deckId, itemIds, mode });
  if ((practising || only) && (answers.length > 0 || String(session.itemIds) !== String(itemIds))) {
    await engine.completeSession(session.id);
    ({ session, answers } = await engine.startSession({ deckId, itemIds, mode }));
  }
  const run = new ReviewRun(session, items, answers);
  run.identity = identity;
  return run;
}
