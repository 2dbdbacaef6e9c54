// A scheduled review takes in its own answer by reading the answered card's state alone: the
// next card does not wait for the whole deck's states to be read again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addStored, heldAside, holdGrade, releaseGrade } from '../../components/review-session/scheduled-grades.js';
import { intervalsOf } from '../../components/review-session/scheduled-intervals.js';
import { ScheduledRun, type ScheduleSource } from '../../components/review-session/scheduled-run.js';
import { scheduleConfig } from '../../components/review-session/schedule-config.js';
import { deriveCardState, type CardState } from '../../src/scheduler/index.js';
import { loadedDerivation } from '../../src/storage/derivation-loader.js';
import type { AnswerRecord } from '../../src/types.js';


/** Card states derived from `answers` (kept as the test adds to them); each read's ids go to `asked`. */
function answersSource(answers: AnswerRecord[], config: ReturnType<typeof scheduleConfig>, asked: string[][] = []): ScheduleSource {
  return {
    async cardStates(itemIds) {
      asked.push([...itemIds]);
      const out = new Map<string, CardState>();
      for (const id of itemIds) {
        const mine = answers.filter((a) => a.itemId === id);
        if (mine.length) out.set(id, deriveCardState(id, mine, new Set(), config.params, config.day));
      }
      return out;
    },
  };
}

// First in this file: the scheduler (the derivation module) has not been loaded by anything yet.
test('before the scheduler has loaded, a held grade takes its card out of the queue until its answer is added or it is released', async () => {
  const items = Array.from({ length: 4 }, (_, i) => ({ id: `card-${i}`, contentType: 'vocab', version: 1, prompt: `p${i}`, answer: `a${i}` }));
  const config = scheduleConfig({ timeZone: 'UTC', fuzz: false });
  const answers: AnswerRecord[] = [];
  const source = answersSource(answers, config);
  const run = new ScheduledRun(items, config, source);
  const now = Date.UTC(2026, 0, 10, 12);
  await run.reload(now);
  assert.equal(loadedDerivation(), null, 'nothing loaded the scheduler yet');
  const first = run.current!.id;
  holdGrade(run, first, 3, now);
  assert.equal(run.queue.itemIds.includes(first), false, 'the held card is out of the queue');
  assert.notEqual(run.current!.id, first);
  assert.equal(intervalsOf(run, now), null, 'no intervals without the scheduler');
  releaseGrade(run, first, now);
  assert.equal(run.current!.id, first, 'a released card comes back first');
  holdGrade(run, first, 3, now);
  const answer: AnswerRecord = { id: 'a-0', sessionId: 's', userId: 'u', itemId: first, deviceId: 'd', answeredAt: now, rating: 3, correct: true, responseTimeMs: 900 };
  answers.push(answer);
  await addStored(run, answer, now + 1000);
  assert.equal(run.queue.itemIds.includes(first), true, 'once stored, its state is read back and it is queued again');
  assert.notEqual(run.current!.id, first);
  await run.loadScheduler();
  assert.notEqual(loadedDerivation(), null);
  assert.equal(typeof intervalsOf(run, now + 1000)?.good, 'number', 'intervals once the scheduler has loaded');
});

test('an answer given here re-reads that card only, and the queue moves on', async () => {
  const items = Array.from({ length: 30 }, (_, i) => ({ id: `card-${i}`, contentType: 'vocab', version: 1, prompt: `p${i}`, answer: `a${i}` }));
  const config = scheduleConfig({ timeZone: 'UTC', fuzz: false });
  const answers: AnswerRecord[] = [];
  const asked: string[][] = [];
  const source = answersSource(answers, config, asked);
  const run = new ScheduledRun(items, config, source);
  const now = Date.UTC(2026, 0, 10, 12);
  await run.reload(now);
  assert.equal(asked.at(-1)!.length, 30, 'the first read is the whole deck');
  const first = run.current!.id;
  const answer: AnswerRecord = { id: 'a-1', sessionId: 's', userId: 'u', itemId: first, deviceId: 'd', answeredAt: now, rating: 3, correct: true, responseTimeMs: 900 };
  answers.push(answer);
  await addStored(run, answer, now + 1000);
  assert.deepEqual(asked.at(-1), [first], 'after an answer only the answered card is read');
  assert.notEqual(run.current!.id, first, 'the answered card left the front of the queue');
  assert.equal(run.queue.counts.learning, 1, 'and is counted as learning');
});

test('grades held one after another: the first released takes the later ones back too, newest first; a card graded twice keeps its newer state', async () => {
  const items = Array.from({ length: 5 }, (_, i) => ({ id: `card-${i}`, contentType: 'vocab', version: 1, prompt: `p${i}`, answer: `a${i}` }));
  const config = scheduleConfig({ timeZone: 'UTC', fuzz: false, learnAhead: 0 });
  const answers: AnswerRecord[] = [];
  const run = new ScheduledRun(items, config, answersSource(answers, config));
  const now = Date.UTC(2026, 0, 10, 12);
  await run.reload(now);
  await run.loadScheduler();
  const queue = [...run.queue.itemIds];
  const [a, b, c] = queue as [string, string, string];
  holdGrade(run, a, 4, now);
  holdGrade(run, b, 4, now);
  holdGrade(run, c, 4, now);
  assert.equal(run.current!.id, queue[3], 'three cards held: the fourth shows');
  assert.equal(heldAside(run), 3, 'Easy puts each out of today: not queued, not answered');
  // The first write stored; the second refused: the third, written after it, is dropped too.
  const stored: AnswerRecord = { id: 'a-0', sessionId: 's', userId: 'u', itemId: a, deviceId: 'd', answeredAt: now, rating: 4, correct: true, responseTimeMs: 900 };
  answers.push(stored);
  await addStored(run, stored, now);
  releaseGrade(run, b, now);
  assert.equal(run.current!.id, b, 'the refused card shows next');
  assert.equal(heldAside(run), 0);
  assert.deepEqual(run.queue.itemIds, queue.filter((id) => id !== a), 'b and c are queued as before, a is answered');
  releaseGrade(run, c, now);
  assert.equal(run.current!.id, b, 'the dropped grade pins nothing: the refused card stays first');

  // The same card graded again before its first answer is stored keeps the newer state.
  const [d] = run.queue.itemIds.filter((id) => id !== b) as [string];
  holdGrade(run, d, 1, now);
  holdGrade(run, d, 1, now + 60_000);
  const afterTwo = run.nextChangeAt();
  const first: AnswerRecord = { id: 'a-1', sessionId: 's', userId: 'u', itemId: d, deviceId: 'd', answeredAt: now, rating: 1, correct: false, responseTimeMs: 900 };
  answers.push(first);
  await addStored(run, first, now + 60_000);
  assert.equal(run.nextChangeAt(), afterTwo, 'the stored first answer does not replace the state of the second, still held');
});

/** A source over `answers` whose reads wait, while `gate.held`, until `gate.open()`. */
function gatedSource(answers: AnswerRecord[], config: ReturnType<typeof scheduleConfig>): { source: ScheduleSource; gate: { held: boolean; open: () => void } } {
  const plain = answersSource(answers, config);
  const gate = { held: false, open: () => undefined as void, waiting: Promise.resolve() };
  const source: ScheduleSource = {
    async cardStates(itemIds, cfg) {
      // The states are taken when the read starts, answered later (an IndexedDB round trip).
      const states = await plain.cardStates(itemIds, cfg);
      if (gate.held) await new Promise<void>((resolve) => (gate.open = resolve));
      return states;
    },
  };
  return { source, gate };
}

test('a card graded or stored while the whole deck is read again keeps its state from memory: it is not due again', async () => {
  const items = Array.from({ length: 5 }, (_, i) => ({ id: `card-${i}`, contentType: 'vocab', version: 1, prompt: `p${i}`, answer: `a${i}` }));
  const config = scheduleConfig({ timeZone: 'UTC', fuzz: false });
  const answers: AnswerRecord[] = [];
  const { source, gate } = gatedSource(answers, config);
  const run = new ScheduledRun(items, config, source);
  const now = Date.UTC(2026, 0, 10, 12);
  await run.reload(now);
  await run.loadScheduler();

  // A grade during the read (the queue timer, a pull, the page shown again read the deck).
  gate.held = true;
  const reloading = run.reload(now);
  const a = run.current!.id;
  holdGrade(run, a, 3, now);
  const shown = run.current!.id;
  assert.notEqual(shown, a);
  gate.held = false;
  gate.open();
  await reloading;
  assert.equal(run.current!.id, shown, 'the card on screen stays first');
  assert.equal(heldAside(run), 0, 'the held card has its learning step, queued behind the new cards');
  holdGrade(run, shown, 3, now);
  assert.notEqual(run.current!.id, a, 'the next grade does not bring the held card back');
  assert.equal(run.current!.id, 'card-2');

  // An answer stored (and read back) while a read that began before its write was in flight.
  gate.held = true;
  const again = run.reload(now);
  await new Promise<void>((resolve) => setImmediate(resolve)); // the read waits at the gate
  const stored: AnswerRecord = { id: 'a-0', sessionId: 's', userId: 'u', itemId: a, deviceId: 'd', answeredAt: now, rating: 3, correct: true, responseTimeMs: 900 };
  answers.push(stored);
  const open = gate.open;
  gate.held = false;
  await addStored(run, stored, now);
  open();
  await again;
  assert.equal(run.current!.id, 'card-2', 'the stored card is not new again from the older read');
});
