// h. Deriving the card states of 5,000 cards from 100,000 answers (src/scheduler/card-state.ts:
// grouping, (answeredAt, id) order, the learner's clock, retractions), beside ts-fsrs's own next()
// called in a plain loop over the same answers already grouped and sorted (the floor: the FSRS
// arithmetic alone). `node --import tsx bench/scheduler-derive.ts` runs it alone.
import { createEmptyCard, fsrs, type Card, type Grade } from 'ts-fsrs';
import { defaultSchedulerParameters, deriveCardStates } from '../src/scheduler/index.js';
import type { AnswerRecord } from '../src/types.js';

/** The figures of one run (best of `runs`, each side). */
export interface DeriveResult {
  cards: number;
  answers: number;
  oursMs: number;
  plainMs: number;
}

const DAY = 86_400_000;

/** `answers` answers spread over `cards` items, a few days apart per item, in no order. */
export function makeHistory(cards: number, answers: number): AnswerRecord[] {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const last = new Map<string, number>();
  const out: AnswerRecord[] = [];
  for (let i = 0; i < answers; i++) {
    const itemId = `item-${Math.floor(random() * cards)}`;
    const answeredAt = (last.get(itemId) ?? Date.UTC(2025, 0, 1)) + Math.floor(random() * 6 * DAY);
    last.set(itemId, answeredAt);
    const rating = (1 + Math.floor(random() * 4)) as Grade;
    out.push({ id: `a-${String(i).padStart(6, '0')}`, sessionId: 's', userId: 'u', itemId, deviceId: 'd', answeredAt, rating, correct: rating > 1, responseTimeMs: 900 });
  }
  return out.reverse();
}

/** Times both, alternating, `runs` times each after one warm-up; keeps the best of each. */
export function measureDerive(cards = 5_000, answers = 100_000, runs = 3): DeriveResult {
  const history = makeHistory(cards, answers);
  const grouped = new Map<string, AnswerRecord[]>();
  for (const a of [...history].sort((x, y) => x.answeredAt - y.answeredAt)) {
    const list = grouped.get(a.itemId) ?? [];
    list.push(a);
    grouped.set(a.itemId, list);
  }
  const f = fsrs({ enable_fuzz: false });
  const day = { timeZone: 'Europe/Paris', dayStartHour: 4 };
  let oursMs = Infinity;
  let plainMs = Infinity;
  for (let run = -1; run < runs; run++) {
    let start = performance.now();
    const states = deriveCardStates(history, new Set(), defaultSchedulerParameters, day);
    const ours = performance.now() - start;
    if (states.size !== grouped.size) throw new Error('cards lost');
    start = performance.now();
    let sink = 0;
    for (const list of grouped.values()) {
      let card: Card = createEmptyCard(list[0]!.answeredAt);
      for (const a of list) card = f.next(card, a.answeredAt, a.rating as Grade).card;
      sink += card.reps;
    }
    const plain = performance.now() - start;
    if (sink !== answers) throw new Error('answers lost');
    if (run < 0) continue;
    oursMs = Math.min(oursMs, ours);
    plainMs = Math.min(plainMs, plain);
  }
  return { cards, answers, oursMs, plainMs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = measureDerive();
  console.log(`derive ${r.cards} cards from ${r.answers} answers: ${r.oursMs.toFixed(0)} ms; ts-fsrs plain loop ${r.plainMs.toFixed(0)} ms (${(r.oursMs / r.plainMs).toFixed(2)}×)`);
}
