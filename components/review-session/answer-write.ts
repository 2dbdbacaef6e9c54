/**
 * Writing one answer of `<review-session>` (a grade, or a checked typed answer) through the
 * engine, in the grades' chunk (grading.ts), which loads with the engine: every write waits
 * for the engine, so nothing here is on the way to the first card.
 */
import type { ReviewSessionLabels } from './review-session-labels.js';
import { toOfflineReviewError } from '../shared/errors.js';
import { focusPart } from '../shared/focus.js';
import type { CardController, Grade } from './card-controller.js';
import { servesRun, storeAnswer } from './review-answer.js';
import { ReviewAnswerEvent, ReviewErrorEvent } from './review-session-events.js';
import { releaseCard } from './scheduled-grades.js';

/**
 * Stores one answer of `review`'s card on screen through the engine. On `storage-full`, or when
 * the scheduler's chunk cannot be fetched, the answer is not accepted: the card stays (or, when
 * the next card already shows, comes back) with a notice. `ahead`: the next card already shows;
 * `true`, or the write before, which this one waits for (if that one was refused, this one is
 * dropped), as is one whose review was left (another user, database or deck) before its write
 * starts. Resolves true when stored.
 */
export async function recordAnswer(
  review: CardController,
  answer: { rating?: Grade; correct?: boolean; typedAnswer?: string },
  ahead: Promise<boolean> | boolean = false,
): Promise<boolean> {
  const run = review.run!;
  const item = review.item!;
  const host = review.host;
  const responseTimeMs = Math.round(performance.now() - review.shownAt);
  const generation = review.generation;
  review.records += 1;
  if (ahead) review.ahead += 1;
  review.update({ busy: true });
  try {
    // The next card is painted first: the write starts in a task after that frame (100 ms at
    // most), so its IndexedDB work is not between the key and the paint. Held in memory.
    if (ahead) await nextPaintWithin(100);
    const engine = await review.engines.forWrite();
    if (generation !== review.generation || (typeof ahead !== 'boolean' && !(await ahead)) || !engine || review.run !== run || !servesRun(engine, run)) {
      releaseCard(run, item.id, host.clock.now());
      return (review.lastStored = false);
    }
    const { stored, position, total } = await storeAnswer(engine, host, run, { itemId: item.id, responseTimeMs, ...answer });
    if (review.run === run) review.undoStack.push(stored);
    if (!ahead) review.update({ notice: null });
    host.dispatchEvent(new ReviewAnswerEvent({ answer: stored, position, total }));
    return (review.lastStored = true);
  } catch (error) {
    review.lastStored = false;
    const failure = toOfflineReviewError(error);
    if (ahead) {
      releaseCard(run, item.id, host.clock.now());
      // A grade on the card brought back is not chained behind the writes now doomed.
      review.writing = null;
      review.generation += 1;
    }
    const notice = answerAgainNotice(host.resolvedLabels, failure);
    if (notice === null) {
      review.fail(failure);
      return false;
    }
    // The card answered comes back as it was left, grades showing, whatever showed meanwhile (not an error).
    if (ahead && review.run === run && review.phase !== 'error') {
      review.update({ phase: 'card', item, revealed: true, typed: null, notice, announcement: review.cardAnnouncement(item) });
      void focusPart(host, '[part~="grade-good"]');
    } else if (review.run === run) review.update({ notice });
    host.dispatchEvent(new ReviewErrorEvent(failure));
    return false;
  } finally {
    const waited = review.storing;
    review.records -= 1;
    if (ahead) review.ahead -= 1;
    // What arrived from elsewhere meanwhile is read once no answer of ours is in flight.
    if (review.records === 0) {
      review.update({ busy: false });
      for (const resolve of review.drained.splice(0)) resolve();
      review.settled();
    } else if (waited && !review.storing) {
      // One answer left in flight: the grades on screen take a click again, as they take a key.
      review.host.requestUpdate();
    }
  }
}

/**
 * The notice for an answer the device could not store this time, with the card back to answer
 * again (`storage-full`, or the scheduler's chunk not fetched); null for any other error,
 * which ends the review.
 */
export function answerAgainNotice(labels: ReviewSessionLabels, error: { code: string; details: Record<string, unknown> }): string | null {
  if (error.code === 'storage-full') return labels.storageFull;
  if (error.code === 'content-unavailable' && error.details['chunk'] === 'derivation') return labels.answerUnavailable;
  return null;
}

/** What waits in `nextPaintWithin`, each ended at once when the page is hidden. */
const waiting = new Set<() => void>();
let listening = false;

/** Ends every wait: the page is being hidden. */
function endAll(): void {
  for (const end of [...waiting]) end();
}

/**
 * Like `nextPaint` (components/shared/idle.ts), but resolves after `atMostMs` if no frame came
 * by then, and at once when the page is hidden (`pagehide`, or `visibilitychange` to hidden): a
 * hidden page paints no frames and throttles its timers, and what waits on the frame (an
 * answer's write) must start before the tab may be closed. The page's two listeners are added
 * once, not for each grade: adding and removing them each time was about 2% of the grade key's
 * own task (CPU profile, 4× throttling).
 */
export function nextPaintWithin(atMostMs: number): Promise<void> {
  if (document.visibilityState === 'hidden') return Promise.resolve();
  if (!listening) {
    listening = true;
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && endAll());
    window.addEventListener('pagehide', endAll);
  }
  return new Promise<void>((resolve) => {
    const end = (): void => {
      if (!waiting.delete(end)) return;
      clearTimeout(fallback);
      resolve();
    };
    // After the frame: a task later, once it is painted.
    const go = (): void => void setTimeout(end);
    const fallback = setTimeout(go, atMostMs);
    waiting.add(end);
    requestAnimationFrame(go);
  });
}
