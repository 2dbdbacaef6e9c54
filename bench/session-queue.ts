// Today's queue for a 10,000-card deck (src/scheduler/session-queue.ts), beside a plain sort of
// the same 10,000 card states by due time in the same run. `node --import tsx bench/session-queue.ts`
// runs it alone.
import { buildSessionQueue, type QueueCard } from '../src/scheduler/session-queue.js';
import { stats, type Stats } from './stats.js';

/** The figures of one run. */
export interface SessionQueueResult {
  cards: number;
  queued: number;
  queue: Stats;
  sort: Stats;
}

const DAY = 86_400_000;

/** A deck as it looks after months of use: 30% new, 5% in learning, the rest in review. */
function deck(count: number, now: number): { itemIds: string[]; states: Map<string, QueueCard> } {
  const itemIds: string[] = [];
  const states = new Map<string, QueueCard>();
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < count; i++) {
    const itemId = `item-${i}`;
    itemIds.push(itemId);
    const kind = random();
    if (kind < 0.3) continue;
    const learning = kind < 0.35;
    const due = learning ? now + (random() - 0.5) * 3_600_000 : now + (random() - 0.3) * 60 * DAY;
    states.set(itemId, { itemId, phase: learning ? 'learning' : 'review', due, lastReviewAt: due - (learning ? 600_000 : DAY) });
  }
  return { itemIds, states };
}

/** Times `buildSessionQueue` and the baseline sort, interleaved, `runs` times each. */
export function measureSessionQueue(cards = 10_000, runs = 60): SessionQueueResult {
  const now = Date.UTC(2026, 0, 10, 12);
  const { itemIds, states } = deck(cards, now);
  const queueSamples: number[] = [];
  const sortSamples: number[] = [];
  let queued = 0;
  for (let run = -5; run < runs; run++) {
    let start = performance.now();
    const queue = buildSessionQueue({ itemIds, states, now, dayEndsAt: now + 16 * 3_600_000 });
    const queueMs = performance.now() - start;
    start = performance.now();
    const sorted = [...states.values()].sort((a, b) => a.due - b.due);
    const sortMs = performance.now() - start;
    if (sorted.length === 0) throw new Error('empty deck');
    queued = queue.itemIds.length;
    if (run < 0) continue; // warm-up
    queueSamples.push(queueMs);
    sortSamples.push(sortMs);
  }
  return { cards, queued, queue: stats(queueSamples), sort: stats(sortSamples) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = measureSessionQueue();
  console.log(`today's queue, ${r.cards} cards (${r.queued} queued): p50 ${r.queue.p50.toFixed(2)} ms, p95 ${r.queue.p95.toFixed(2)} ms; plain sort p50 ${r.sort.p50.toFixed(2)} ms (${(r.queue.p50 / r.sort.p50).toFixed(2)}×)`);
}
