// Three devices and a server exchange messages over a network that drops, duplicates, delays
// and reorders them, while devices go offline at random. Devices retry until acknowledged.
// After the network heals, every replica must hold every answer exactly once, and counts must
// be the true totals (never a max).
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { encodeHlc, receiveHlc, tickHlc, decodeHlc } from '../../../src/hlc.js';
import type { HlcState } from '../../../src/hlc.js';
import { mergeProgress, mergeSessions, mergeStatistics } from '../../../src/merge/conflict-resolver.js';
import {
  applyAnswerToProgress,
  applyAnswerToStatistics,
  deriveProgress,
  deriveSessionStatistics,
} from '../../../src/merge/derive.js';
import type { AnswerRecord, ProgressData, ReviewSession, SessionStatistics, SessionStatus } from '../../../src/types.js';
import { DEVICES, ITEMS, SESSION, USER } from './arbitraries.js';

type Change = { kind: 'answer'; answer: AnswerRecord } | { kind: 'session'; session: ReviewSession };

interface Replica {
  answers: Map<string, AnswerRecord>;
  progress: Map<string, ProgressData>;
  stats: SessionStatistics | null;
  session: ReviewSession;
}

interface Device extends Replica {
  id: string;
  online: boolean;
  skew: number;
  clock: HlcState;
  /** Changes not yet acknowledged by the server, by change id. */
  outbox: Map<string, Change>;
}

type Message =
  | { to: 'server'; from: number; kind: 'push'; changes: Array<[string, Change]> }
  | { to: 'server'; from: number; kind: 'pull' }
  | { to: number; kind: 'ack'; ids: string[] }
  | {
      to: number;
      kind: 'changes';
      answers: AnswerRecord[];
      progress: ProgressData[];
      stats: SessionStatistics | null;
      session: ReviewSession;
    };

/** Peer to peer, a device's snapshots only (no answers): what only lossless merges keep exact. */
type Gossip = Extract<Message, { kind: 'changes' }>;

type Step =
  | { op: 'answer'; device: number; item: number; correct: boolean; rt: number }
  | { op: 'status'; device: number; status: SessionStatus }
  | { op: 'toggle' | 'push' | 'pull'; device: number }
  | { op: 'gossip'; device: number; to: number }
  | { op: 'deliver'; pick: number; fate: 'ok' | 'drop' | 'dup' };

const device = fc.nat(2);
const statusArb = fc.constantFrom<SessionStatus>('active', 'paused', 'completed', 'abandoned');
const fateArb = fc.constantFrom<'ok' | 'drop' | 'dup'>('ok', 'ok', 'drop', 'dup');
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ op: fc.constant('answer' as const), device, item: fc.nat(1), correct: fc.boolean(), rt: fc.nat(5000) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('status' as const), device, status: statusArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('toggle' as const), device }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('push' as const), device }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('pull' as const), device }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('gossip' as const), device, to: fc.nat(2) }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('deliver' as const), pick: fc.nat(), fate: fateArb }) },
);

const scenarioArb = fc.record({
  // The third device's wall clock may be far in the future.
  skews: fc.tuple(fc.integer({ min: -5_000, max: 5_000 }), fc.integer({ min: -5_000, max: 5_000 }), fc.constantFrom(0, 1e9)),
  steps: fc.array(stepArb, { minLength: 10, maxLength: 120, size: 'max' }),
});

function initialSession(): ReviewSession {
  return {
    id: SESSION,
    userId: USER,
    deckId: 'deck',
    itemIds: [...ITEMS],
    mode: 'grade',
    status: 'active',
    statusHlc: encodeHlc({ wall: 0, counter: 0, node: 'origin' }),
    startedAt: 0,
    lastActivityAt: 0,
    endedAt: null,
    deviceId: DEVICES[0],
  };
}

function replica(): Replica {
  return { answers: new Map(), progress: new Map(), stats: null, session: initialSession() };
}

/** The server applies a change once per id (idempotent by mutation id); progress is derived. */
function serverApply(server: Replica, applied: Set<string>, id: string, change: Change): void {
  if (applied.has(id)) return;
  applied.add(id);
  if (change.kind === 'session') {
    server.session = mergeSessions(server.session, change.session);
    return;
  }
  const a = change.answer;
  server.answers.set(a.id, a);
  server.progress.set(a.itemId, applyAnswerToProgress(server.progress.get(a.itemId) ?? null, a));
  server.stats = applyAnswerToStatistics(server.stats, a);
}

/** A device merges a pull: answers by union, snapshots through the resolver, HLC receive. */
function deviceMerge(device: Device, msg: Gossip, now: number): void {
  for (const a of msg.answers) device.answers.set(a.id, a);
  for (const p of msg.progress) {
    const mine = device.progress.get(p.itemId);
    device.progress.set(p.itemId, mine ? mergeProgress(mine, p) : p);
  }
  if (msg.stats) device.stats = device.stats ? mergeStatistics(device.stats, msg.stats) : msg.stats;
  device.session = mergeSessions(device.session, msg.session);
  device.clock = receiveHlc(device.clock, decodeHlc(msg.session.statusHlc), now + device.skew);
}

function simulate(skews: readonly number[], steps: readonly Step[]) {
  let now = 1_000_000;
  let seq = 0;
  const devices: Device[] = DEVICES.map((id, i) => ({
    ...replica(), id, online: true, skew: skews[i]!, clock: { wall: 0, counter: 0, node: id }, outbox: new Map(),
  }));
  const server = replica();
  const applied = new Set<string>();
  const made: AnswerRecord[] = [];
  const statusWrites: ReviewSession[] = [initialSession()];
  const inFlight: Message[] = [];

  const send = (msg: Message) => inFlight.push(msg);
  const push = (d: number) =>
    devices[d]!.online && devices[d]!.outbox.size && send({ to: 'server', from: d, kind: 'push', changes: [...devices[d]!.outbox] });
  const pull = (d: number) => devices[d]!.online && send({ to: 'server', from: d, kind: 'pull' });
  const gossip = (from: number, to: number) =>
    devices[from]!.online &&
    send({
      to, kind: 'changes', answers: [], progress: [...devices[from]!.progress.values()],
      stats: devices[from]!.stats, session: devices[from]!.session,
    });
  const deliver = (msg: Message) => {
    if (msg.to === 'server') {
      if (!devices[msg.from]!.online) return; // the request never left
      if (msg.kind === 'push') {
        for (const [id, change] of msg.changes) serverApply(server, applied, id, change);
        send({ to: msg.from, kind: 'ack', ids: msg.changes.map(([id]) => id) });
      } else {
        send({
          to: msg.from, kind: 'changes', answers: [...server.answers.values()], progress: [...server.progress.values()],
          stats: server.stats, session: server.session,
        });
      }
      return;
    }
    const device = devices[msg.to]!;
    if (!device.online) return; // the answer is lost on the way back
    if (msg.kind === 'ack') for (const id of msg.ids) device.outbox.delete(id);
    else deviceMerge(device, msg, now);
  };

  for (const step of steps) {
    now += 1_000;
    if (step.op === 'deliver') {
      if (!inFlight.length) continue;
      const [msg] = inFlight.splice(step.pick % inFlight.length, 1);
      if (step.fate !== 'drop') deliver(msg!);
      if (step.fate === 'dup') deliver(msg!);
      continue;
    }
    const device = devices[step.device]!;
    if (step.op === 'answer') {
      const a: AnswerRecord = {
        id: `ans-${++seq}`, sessionId: SESSION, userId: USER, itemId: ITEMS[step.item]!, deviceId: device.id,
        answeredAt: now + device.skew, correct: step.correct, responseTimeMs: step.rt,
      };
      made.push(a);
      // One local action: the answer, its derived snapshots and the outbox entry together.
      device.answers.set(a.id, a);
      device.progress.set(a.itemId, applyAnswerToProgress(device.progress.get(a.itemId) ?? null, a));
      device.stats = applyAnswerToStatistics(device.stats, a);
      device.outbox.set(a.id, { kind: 'answer', answer: a });
    } else if (step.op === 'status') {
      device.clock = tickHlc(device.clock, now + device.skew);
      const status = step.status;
      const terminal = status === 'completed' || status === 'abandoned';
      const at = now + device.skew;
      const written = { ...device.session, status, statusHlc: encodeHlc(device.clock), endedAt: terminal ? at : null, lastActivityAt: at };
      statusWrites.push(written);
      device.session = mergeSessions(device.session, written);
      device.outbox.set(`st-${++seq}`, { kind: 'session', session: written });
    } else if (step.op === 'toggle') device.online = !device.online;
    else if (step.op === 'push') push(step.device);
    else if (step.op === 'gossip') gossip(step.device, step.to);
    else pull(step.device);
  }

  // The network heals: every device online, retries until every outbox is empty, then a pull.
  for (const d of devices) d.online = true;
  for (let round = 0; round < 5 && devices.some((d) => d.outbox.size); round++) {
    devices.forEach((_, i) => push(i));
    while (inFlight.length) deliver(inFlight.shift()!);
  }
  // Snapshots alone, all to all: per-device counters must add up to the true totals.
  devices.forEach((_, i) => devices.forEach((__, j) => gossip(i, j)));
  while (inFlight.length) deliver(inFlight.shift()!);
  const afterGossip = devices.map((d) => ({ progress: new Map(d.progress), stats: d.stats, session: d.session }));
  devices.forEach((_, i) => pull(i));
  while (inFlight.length) deliver(inFlight.shift()!);
  return { devices, server, made, statusWrites, applied, afterGossip };
}

describe('convergence of three devices over a faulty network', () => {
  it('holds every answer exactly once and exact totals on every replica', () => {
    fc.assert(
      fc.property(scenarioArb, ({ skews, steps }) => {
        const { devices, server, made, statusWrites, afterGossip } = simulate(skews, steps);
        const truth = statusWrites.reduce(mergeSessions);
        for (const g of afterGossip) {
          for (const itemId of ITEMS) {
            const expected = deriveProgress(USER, itemId, made);
            expect(g.progress.get(itemId) ?? expected, 'snapshots after gossip').to.deep.equal(expected);
          }
          expect(g.stats ?? deriveSessionStatistics(SESSION, USER, [])).to.deep.equal(deriveSessionStatistics(SESSION, USER, made));
          expect(g.session).to.deep.equal(truth);
        }
        for (const r of [server, ...devices]) {
          expect(r.answers.size).to.equal(made.length);
          expect([...r.answers.keys()]).to.have.members(made.map((a) => a.id));
          for (const itemId of ITEMS) {
            const expected = deriveProgress(USER, itemId, made);
            const actual = r.progress.get(itemId);
            if (expected.reviewCount === 0) expect(actual).to.equal(undefined);
            else expect(actual).to.deep.equal(expected);
            expect(actual?.reviewCount ?? 0).to.equal(made.filter((a) => a.itemId === itemId).length);
          }
          const stats = r.stats ?? deriveSessionStatistics(SESSION, USER, []);
          expect(stats).to.deep.equal(deriveSessionStatistics(SESSION, USER, made));
          expect(stats.answered).to.equal(made.length);
          expect(r.session).to.deep.equal(truth);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('sums concurrent offline work: 5 answers on one device and 3 on another give 8', () => {
    const steps: Step[] = [
      { op: 'toggle', device: 0 },
      { op: 'toggle', device: 1 },
      ...Array.from({ length: 5 }, (): Step => ({ op: 'answer', device: 0, item: 0, correct: true, rt: 10 })),
      ...Array.from({ length: 3 }, (): Step => ({ op: 'answer', device: 1, item: 0, correct: false, rt: 10 })),
    ];
    const { devices, server, applied, afterGossip } = simulate([0, 0, 0], steps);
    for (const g of afterGossip) expect(g.progress.get(ITEMS[0])!.reviewCount, 'never max').to.equal(8);
    expect(server.progress.get(ITEMS[0])!.reviewCount).to.equal(8);
    expect(applied.size).to.equal(8);
    for (const d of devices) {
      expect(d.progress.get(ITEMS[0])!.reviewCount).to.equal(8);
      expect(d.progress.get(ITEMS[0])!.correctCount).to.equal(5);
      expect(d.stats!.answered).to.equal(8);
    }
  });
});
