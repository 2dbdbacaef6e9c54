// The shape of bench/results.json's table: every row has a unique stable id, a boolean `met`
// where it has a target, and the rows the project reports on are always present.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, type BenchResults } from '../../bench/rows.js';
import { REQUIRED_ROWS, shapeProblems, withRequiredRows, type Row } from '../../bench/table.js';

const stats = (p50: number) => ({ p50, p95: p50 * 2, max: p50 * 3, mean: p50, n: 10 });

/** Results of every bench, with made-up figures: the shape, not the numbers, is under test. */
const full: BenchResults = {
  browser: {
    a: { engine: stats(2), raw: stats(1), longTasks: 0, longestTaskMs: 0, count: 1000 },
    b: {
      engine: { ms: 3000, queued: 10_000, left: 0, pushes: 50, pushMs: 900, pullMs: 300, storageMs: { putAnswers: { calls: 3, ms: 40 } }, serverAnswers: 10_000 },
      perItem: { ms: 12_000, count: 1000, failures: 0, pushMs: 9000 },
      perItemScaledMs: 120_000,
      floor: { ms: 1000, read: 10_000 },
      count: 10_000,
    },
    c: { entries: 100_000, engineBytes: 400_000, inMemoryBytes: 37_000_000, enginePending: 100_000 },
  },
  sizes: {
    cdn: 30_000, sw: 19_000, lit: 6000, idb: 1000, workboxWindow: 2000, libsTogether: 9000, workboxSw: 8000,
    libsAsInlined: 9500, coreWithLibs: 25_000, workerEsbuild: 20_000, workerWithoutDrain: 10_000, core: 31_000,
    coreWithoutScheduler: 23_000, scheduler: 9000,
  },
  ingest: { stores: [{ store: 'pglite', batchSize: 200, answersPerSecond: 12_000 }, { store: 'pg', batchSize: 200, answersPerSecond: null, reason: 'no server' }] },
  cold: { offline: stats(120), online: stats(150), throttle: 4 },
  queue: { cards: 10_000, queued: 500, queue: stats(1), sort: stats(1.5) },
  derive: { cards: 5000, answers: 100_000, oursMs: 1800, plainMs: 1800 },
  catchUp: { answers: 100_000, cards: 5000, stored: { answers: 100_000, cards: 5000 }, ms: 30_000, waitMs: 3000, pages: 200, floorMs: 10_000, bareFloorMs: 8000, heapBytes: 1_000_000, longTasks: [120] },
  scale: {
    one: { instances: 1, poolSize: 10, learners: 200, answers: 20_000, seconds: 20, serverCpu: 5, postgresCpu: 4, answersPerCpuSecond: 2222, push: stats(1000), pushP99: 5000, lockShare: 0, lwlockShare: 0 },
    two: { instances: 2, poolSize: 5, learners: 200, answers: 20_000, seconds: 20, serverCpu: 5.5, postgresCpu: 4, answersPerCpuSecond: 2105, push: stats(900), pushP99: 6000, lockShare: 0.001, lwlockShare: 0.01 },
    runs: [],
  },
  grade: {
    real: { swap: stats(30), longTasks: [60], eventTiming: stats(36), reveal: stats(30), pressedAgain: 2, unreported: 0 },
    bare: { swap: stats(20), longTasks: [], eventTiming: stats(24), reveal: stats(20), pressedAgain: 0, unreported: 1 },
    answers: 200,
    throttle: 4,
    paced: { real: { swap: stats(25), longTasks: [], eventTiming: stats(32), reveal: stats(20), pressedAgain: 0, unreported: 0 }, bare: { swap: stats(20), longTasks: [55], eventTiming: stats(24), reveal: stats(20), pressedAgain: 0, unreported: 0 }, answers: 60, paceMs: 600 },
  },
};

describe('bench table shape', () => {
  test('every row of a full run has a unique id, a boolean met where it has a target, and the required ids', () => {
    const table = rows(full, {});
    assert.deepEqual(shapeProblems(table), []);
    for (const id of Object.keys(REQUIRED_ROWS)) assert.ok(table.some((row) => row.id === id), id);
    for (const row of table) if (row.target) assert.equal(typeof row.met, 'boolean', row.id);
  });

  test('a run where every bench failed still has a sound shape, with each required row not met', () => {
    const errors = { browser: 'x', sizes: 'x', ingest: 'x', cold: 'x', queue: 'x', derive: 'x', grade: 'x', scale: 'x', catchUp: 'x' };
    const table = rows({}, errors);
    assert.deepEqual(shapeProblems(table), []);
    for (const id of Object.keys(REQUIRED_ROWS)) assert.equal(table.find((row) => row.id === id)?.met, false, id);
  });

  test("the grade row stays back to back, with the learner's pace in a row of its own beside it", () => {
    const table = rows(full, {});
    const row = table.find((r) => r.id === 'grade-to-paint-p95')!;
    // The row's figure and target are the back-to-back swaps' (p95 60 against 40).
    assert.equal(row.ratio, '1.50×');
    assert.equal(row.target, '≤ 1.5×');
    assert.equal(row.met, true);
    const paced = table.find((r) => r.id === 'grade-to-paint-p95-paced');
    assert.ok(paced, 'a paced row');
    assert.equal(paced.ratio, '1.25×');
    assert.equal(paced.met, null);
    assert.match(paced.bench, /600 ms/);
    assert.match(paced.figure, /^50 ms \(p50 25 ms\); 0 tasks > 50 ms/);
    assert.match(paced.baseline, /1 tasks > 50 ms \(longest 55 ms\)/);
    assert.ok(table.indexOf(paced) === table.indexOf(row) + 4, 'after the row, its long tasks, Event Timing and the reveals');
    assert.equal(table.find((r) => r.id === 'reveal-event-timing-p95')?.ratio, '1.50×');
    // Event Timing's measure of the same keys: context beside the row, with no target of its own.
    const timing = table.find((r) => r.id === 'grade-event-timing-p95')!;
    assert.equal(table.indexOf(timing), table.indexOf(row) + 2);
    assert.equal(timing.ratio, '1.50×');
    assert.equal(timing.met, null);
    assert.match(timing.figure, /^72 ms \(p50 36 ms; 2 keys pressed again; 0 under 16 ms\)/);
    assert.match(timing.baseline, /1 under 16 ms/);
    // A result without the paced runs (BENCH runs that skip them) has no paced row and a sound shape.
    const { paced: _paced, ...backToBack } = full.grade!;
    const without = rows({ ...full, grade: backToBack }, {});
    assert.deepEqual(shapeProblems(without), []);
    assert.equal(without.some((r) => r.id === 'grade-to-paint-p95-paced'), false);
  });

  test('the check names duplicate ids, a missing met, a stray met and a missing required id', () => {
    const base: Row = { id: 'a-row', bench: 'a', figure: '1', baseline: '', ratio: '', target: '≤ 1', met: true };
    const table = withRequiredRows([base, { ...base }, { ...base, id: 'no-met', met: null }, { ...base, id: 'stray', target: '', met: false }]);
    const problems = shapeProblems(table);
    assert.ok(problems.includes('duplicate id a-row'), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('no-met: has a target')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('stray: has no target')), problems.join('\n'));
    assert.ok(shapeProblems([base]).includes('missing grade-to-paint-p95'));
  });
});
