// Convergence of the schedule: random histories over 2–3 devices with offline windows, undo,
// duplicated, reordered and dropped-then-redelivered pushes and skewed clocks. The server is the
// real handler on PGlite (push and pull over Web Requests); each device merges what it pulls with
// the core's own merge and scheduler modules. At the end every device and the server hold the
// card states of one replay of the union, and no answer is lost or counted twice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { createPGliteStore, type ReviewStore } from '../../server/index.js';
import { makeSession, mutation } from '../../server/conformance/fixtures.js';
import { mergeAnswers } from '../../src/merge/conflict-resolver.js';
import { deriveProgress } from '../../src/merge/derive.js';
import { defaultSchedulerParameters, deriveCardStates } from '../../src/scheduler/index.js';
import type { AnswerRecord, AnswerRetraction, Mutation, ProgressData } from '../../src/types.js';
import { Api, unique } from './support.js';

const DAY = 86_400_000;
const ITEMS = ['neko', 'inu', 'tori'];
const LEARNER_DAY = { timeZone: 'America/New_York', dayStartHour: 4 };

/** One device: what it has merged, what waits in its outbox, its pull cursor, its clock skew. */
interface Device {
  id: string;
  skew: number;
  online: boolean;
  answers: AnswerRecord[];
  retractions: Map<string, AnswerRetraction>;
  outbox: Mutation[];
  cursor: string | undefined;
}

type Op =
  | { kind: 'answer'; device: number; item: number; rating: 1 | 2 | 3 | 4; gap: number }
  | { kind: 'undo'; device: number; pick: number }
  | { kind: 'toggle'; device: number }
  | { kind: 'push'; device: number; fate: 'ok' | 'lost-request' | 'lost-response'; reorder: boolean; duplicate: boolean }
  | { kind: 'pull'; device: number };

const op = (devices: number): fc.Arbitrary<Op> => {
  const device = fc.nat(devices - 1);
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('answer' as const), device, item: fc.nat(ITEMS.length - 1), rating: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>, gap: fc.oneof(fc.integer({ min: 1, max: 20 * 60_000 }), fc.integer({ min: 1, max: 9 * DAY })) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const), device, pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('toggle' as const), device }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('push' as const), device, fate: fc.constantFrom('ok', 'ok', 'lost-request', 'lost-response') as fc.Arbitrary<'ok' | 'lost-request' | 'lost-response'>, reorder: fc.boolean(), duplicate: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('pull' as const), device }) },
  );
};

const scenario = fc.integer({ min: 2, max: 3 }).chain((devices) =>
  fc.record({
    skews: fc.array(fc.integer({ min: -2 * DAY, max: 2 * DAY }), { minLength: devices, maxLength: devices }),
    ops: fc.array(op(devices), { maxLength: 14 }),
  }),
);

describe('schedule convergence across devices and the server (PGlite)', () => {
  let store: ReviewStore;
  let api: Api;
  before(async () => {
    store = await createPGliteStore();
    api = new Api(store);
  });
  after(() => store.close());

  /** Merges a pulled page as a device does: answers and retractions as set unions by id. */
  function merge(device: Device, answers: AnswerRecord[], retractions: AnswerRetraction[]): void {
    device.answers = mergeAnswers(device.answers, answers);
    for (const r of retractions) device.retractions.set(r.id, r);
  }

  async function pull(user: string, device: Device): Promise<ProgressData[]> {
    const progress: ProgressData[] = [];
    for (;;) {
      const page = await api.pull(user, device.cursor, 50);
      merge(device, page.changes.answers, page.changes.retractions ?? []);
      progress.push(...page.changes.progress);
      device.cursor = page.cursor;
      if (!page.hasMore) return progress;
    }
  }

  async function push(user: string, device: Device, o: Extract<Op, { kind: 'push' }>): Promise<void> {
    if (device.outbox.length === 0) return;
    const batch = o.reorder ? [...device.outbox].reverse() : [...device.outbox];
    if (o.duplicate) batch.push(...batch.slice(0, 2));
    if (o.fate === 'lost-request') return; // never reached the server: stays in the outbox
    const response = await api.push(user, batch, device.id);
    for (const result of response.results) assert.notEqual(result.status, 'rejected', result.message);
    // A lost response: applied, but the device does not know and sends it all again later.
    if (o.fate === 'ok') device.outbox = [];
  }

  it('every device and the server end with the card states of one replay of the union', async () => {
    let t0 = Date.UTC(2026, 2, 1, 12);
    await fc.assert(
      fc.asyncProperty(scenario, async ({ skews, ops }) => {
        const user = unique('u');
        const session = makeSession(user, ITEMS);
        const devices: Device[] = skews.map((skew, i) => ({ id: `dev-${i}`, skew, online: true, answers: [], retractions: new Map(), outbox: [], cursor: undefined }));
        devices[0]!.outbox.push(mutation('session', 'create', session));
        let now = (t0 += 400 * DAY);
        for (const o of ops) {
          const device = devices[o.device]!;
          if (o.kind === 'answer') {
            now += o.gap;
            const answer: AnswerRecord = { id: `${device.id}-${unique('a')}`, sessionId: session.id, userId: user, itemId: ITEMS[o.item]!, deviceId: device.id, answeredAt: now + device.skew, rating: o.rating, correct: o.rating > 1, responseTimeMs: 800 };
            device.answers = mergeAnswers(device.answers, [answer]);
            device.outbox.push(mutation('answer', 'create', answer));
          } else if (o.kind === 'undo') {
            const undone = new Set([...device.retractions.values()].map((r) => r.answerId));
            const open = device.answers.filter((a) => !undone.has(a.id));
            if (open.length === 0) continue;
            const target = open[o.pick % open.length]!;
            const retraction: AnswerRetraction = { id: unique('r'), answerId: target.id, userId: user, deviceId: device.id, retractedAt: now + device.skew };
            device.retractions.set(retraction.id, retraction);
            device.outbox.push(mutation('retraction', 'create', retraction));
          } else if (o.kind === 'toggle') device.online = !device.online;
          else if (!device.online) continue;
          else if (o.kind === 'push') await push(user, device, o);
          else await pull(user, device);
        }
        // Everyone comes online and syncs twice (what one device pushes, the others pull).
        for (let round = 0; round < 2; round++) {
          for (const device of devices) await push(user, device, { kind: 'push', device: 0, fate: 'ok', reorder: false, duplicate: false });
          for (const device of devices) await pull(user, device);
        }
        const union = mergeAnswers(devices.flatMap((d) => d.answers), []);
        const retracted = new Set(devices.flatMap((d) => [...d.retractions.values()].map((r) => r.answerId)));
        const expected = deriveCardStates(union, retracted, defaultSchedulerParameters, LEARNER_DAY);
        for (const device of devices) {
          assert.equal(device.answers.length, union.length, 'no answer lost or duplicated on a device');
          const undone = new Set([...device.retractions.values()].map((r) => r.answerId));
          assert.deepEqual(undone, retracted);
          assert.deepEqual(deriveCardStates(device.answers, undone, defaultSchedulerParameters, LEARNER_DAY), expected);
        }
        // The server: every answer once, progress counting each kept answer once, the same cards.
        const server = await api.pullAll(user);
        assert.equal(server.answers.length, union.length);
        const page = (await (await api.request(user, `/changes?limit=1000&tz=${LEARNER_DAY.timeZone}&dayStart=4`)).json()) as { changes: { progress: ProgressData[] } };
        for (const item of ITEMS) {
          const progress = page.changes.progress.find((p) => p.itemId === item);
          const kept = union.filter((a) => a.itemId === item && !retracted.has(a.id));
          assert.equal(progress?.reviewCount ?? 0, kept.length, `${item}: each kept answer counted once`);
          if (progress) {
            const { card, ...counts } = progress;
            assert.deepEqual(counts, deriveProgress(user, item, union, retracted));
            assert.deepEqual(card, expected.get(item));
          }
        }
      }),
      { numRuns: Number(process.env.CONVERGENCE_RUNS ?? 1000) },
    );
  });
});
