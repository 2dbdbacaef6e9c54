/**
 * Lossless merge rules (docs/design.md, "The data model"). Every merge here is commutative,
 * associative and idempotent (property-tested), so replicas that have seen the same writes
 * agree whatever the order, duplication or batching of deliveries.
 * Pure: the server imports this file too.
 */
import { OfflineReviewError } from '../errors.js';
import { compareHlc } from '../hlc.js';
import { TERMINAL_STATUSES } from '../types.js';
import type { AnswerRecord, ProgressData, ReviewSession, SessionStatistics } from '../types.js';
import { uniqueAnswers } from './answer-order.js';
import { latestRecent, maxNullable, mergeCounters, mergeRetracted, minNullable, progressRecord, statisticsRecord, type RecentAnswer } from './counters.js';

function different(what: string, details: Record<string, unknown>): OfflineReviewError {
  return new OfflineReviewError('invalid-input', `Cannot merge two different ${what}.`, { details });
}

/** Throws `different` unless both copies agree on every one of `keys`; the details give each copy's. */
function sameRecord<T>(what: string, local: T, remote: T, keys: ReadonlyArray<keyof T & string>): void {
  if (keys.every((key) => local[key] === remote[key])) return;
  const identity = (copy: T): Record<string, unknown> => Object.fromEntries(keys.map((key) => [key, copy[key]]));
  throw different(what, { local: identity(local), remote: identity(remote) });
}

/**
 * Merges two answer lists as a set union by id, sorted by (answeredAt, id).
 * If two copies of one id ever differ, the same one is kept on every replica. Never throws.
 */
export function mergeAnswers(a: readonly AnswerRecord[], b: readonly AnswerRecord[]): AnswerRecord[] {
  return uniqueAnswers([...a, ...b]);
}

function isTerminal(session: ReviewSession): boolean {
  return TERMINAL_STATUSES.includes(session.status);
}

/**
 * Orders the status registers of two copies: terminal over non-terminal, then by HLC, then
 * (equal HLCs, which only a buggy writer makes) by status and endedAt, so the choice is total.
 */
function compareStatus(a: ReviewSession, b: ReviewSession): number {
  const terminal = Number(isTerminal(a)) - Number(isTerminal(b));
  if (terminal !== 0) return terminal;
  const hlc = compareHlc(a.statusHlc, b.statusHlc);
  if (hlc !== 0) return hlc;
  if (a.status !== b.status) return a.status < b.status ? -1 : 1;
  return (a.endedAt ?? -1) - (b.endedAt ?? -1);
}

/** The immutable fields of a session as one comparable key. */
function immutableKey(session: ReviewSession): string {
  return JSON.stringify([session.userId, session.deckId, session.itemIds, session.mode, session.startedAt, session.deviceId]);
}

/**
 * Merges two copies of one session. status/statusHlc/endedAt come together from the winning
 * status write (terminal states win; otherwise the later HLC); lastActivityAt is the max.
 * Immutable fields never differ between honest copies; if they do, the copy with the smaller
 * key gives them, so the merge stays commutative and associative.
 * @throws OfflineReviewError('invalid-input') when the ids differ.
 */
export function mergeSessions(local: ReviewSession, remote: ReviewSession): ReviewSession {
  if (local.id !== remote.id) throw different('sessions', { local: local.id, remote: remote.id });
  const status = compareStatus(local, remote) >= 0 ? local : remote;
  const fixed = immutableKey(local) <= immutableKey(remote) ? local : remote;
  return {
    id: local.id,
    userId: fixed.userId,
    deckId: fixed.deckId,
    itemIds: [...fixed.itemIds],
    mode: fixed.mode,
    status: status.status,
    statusHlc: status.statusHlc,
    startedAt: fixed.startedAt,
    lastActivityAt: Math.max(local.lastActivityAt, remote.lastActivityAt),
    endedAt: status.endedAt,
    deviceId: fixed.deviceId,
  };
}

/**
 * Merges two progress snapshots of one user and item without loss: per-device G-counters
 * (max per device, sum over devices, less the retracted G-counters), the union of retracted
 * ids, the latest two answers of the union that are not retracted, lastReviewed max, and
 * `learned` recomputed from those two.
 * @throws OfflineReviewError('invalid-input') when user or item differ.
 */
export function mergeProgress(local: ProgressData, remote: ProgressData): ProgressData {
  sameRecord('progress records', local, remote, ['userId', 'itemId']);
  const byDevice = mergeCounters(local.byDevice, remote.byDevice);
  const retracted = mergeRetracted(local.retracted, remote.retracted);
  // Retracted answers leave `recent` before the top two are chosen, so an undo sticks.
  const keep = (entry: RecentAnswer): boolean => !retracted?.includes(entry.id);
  const recent = latestRecent(local.recent.filter(keep), remote.recent.filter(keep));
  const lastReviewed = Math.max(local.lastReviewed, remote.lastReviewed);
  return progressRecord(local.userId, local.itemId, byDevice, recent, lastReviewed, retracted);
}


/**
 * Merges two statistics snapshots of one session without loss: per-device G-counters for
 * answered, correct and response time; first answer min, last answer max.
 * @throws OfflineReviewError('invalid-input') when session or user differ.
 */
export function mergeStatistics(local: SessionStatistics, remote: SessionStatistics): SessionStatistics {
  sameRecord('statistics', local, remote, ['sessionId', 'userId']);
  const byDevice = mergeCounters(local.byDevice, remote.byDevice);
  const first = minNullable(local.firstAnsweredAt, remote.firstAnsweredAt);
  return statisticsRecord(local.sessionId, local.userId, byDevice, first, maxNullable(local.lastAnsweredAt, remote.lastAnsweredAt));
}

/**
 * The first design's resolver (docs/design.md, "Where it started") with lossless semantics:
 * each method is the matching merge function above (no wall-clock last-write-wins, no max()
 * of counters).
 */
export class ConflictResolver {
  /** Merges two copies of one session; see `mergeSessions`. Throws invalid-input for different ids. */
  resolveSessionConflict(local: ReviewSession, remote: ReviewSession): ReviewSession {
    return mergeSessions(local, remote);
  }

  /** Merges two progress snapshots; see `mergeProgress`. Throws invalid-input for different records. */
  resolveProgressConflict(local: ProgressData, remote: ProgressData): ProgressData {
    return mergeProgress(local, remote);
  }

  /** Merges two statistics snapshots; see `mergeStatistics`. Throws invalid-input for different sessions. */
  resolveStatisticsConflict(local: SessionStatistics, remote: SessionStatistics): SessionStatistics {
    return mergeStatistics(local, remote);
  }

  /** Set union of answers by id; see `mergeAnswers`. Never throws. */
  mergeAnswers(a: readonly AnswerRecord[], b: readonly AnswerRecord[]): AnswerRecord[] {
    return mergeAnswers(a, b);
  }
}
