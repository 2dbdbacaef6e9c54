/**
 * The small lattices the merge rules are built from: per-device G-counters and the
 * "latest two answers" set. Each merge here is commutative, associative and idempotent.
 * Pure: no DOM, runs in pages, the service worker and the server.
 */
import type { DeviceCounters, ProgressData, SessionStatistics } from '../types.js';

/** One entry of `ProgressData.recent`. */
export type RecentAnswer = ProgressData['recent'][number];

/** How many recent answers a progress record keeps: `learned` needs the latest two. */
export const RECENT_SIZE = 2;

/**
 * Orders two recent answers by (answeredAt, id), then by correctness so that even two
 * inconsistent copies of one id order the same way on every replica.
 */
export function compareRecent(a: RecentAnswer, b: RecentAnswer): number {
  if (a.answeredAt !== b.answeredAt) return a.answeredAt < b.answeredAt ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return Number(a.correct) - Number(b.correct);
}

/**
 * The latest `RECENT_SIZE` answers of the union of the given lists, newest first, one per id.
 * Why a top-k of a union: it is a semilattice, so snapshots merge in any order to the same set.
 */
export function latestRecent(...lists: ReadonlyArray<readonly RecentAnswer[]>): RecentAnswer[] {
  const all = lists.flat().slice().sort((a, b) => compareRecent(b, a));
  const out: RecentAnswer[] = [];
  const seen = new Set<string>();
  for (const entry of all) {
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    out.push({ answeredAt: entry.answeredAt, id: entry.id, correct: entry.correct });
    if (out.length === RECENT_SIZE) break;
  }
  return out;
}

/** True when the latest two answers were both correct. */
export function isLearned(recent: readonly RecentAnswer[]): boolean {
  return recent.length >= RECENT_SIZE && recent.slice(0, RECENT_SIZE).every((entry) => entry.correct);
}

/** A copy of `counters` with its keys sorted, so equal states serialise identically. */
export function sortCounters(counters: Record<string, DeviceCounters>): Record<string, DeviceCounters> {
  const out: Record<string, DeviceCounters> = {};
  for (const key of Object.keys(counters).sort()) out[key] = { ...counters[key]! };
  return out;
}

/**
 * Merges per-device counters as G-counters: the maximum per device and per field.
 * Why max and not sum: only device `d` ever adds to `d`'s counters, so every replica's value
 * is a lower bound of the truth and the larger one has seen more of `d`'s answers.
 */
export function mergeCounters(
  a: Record<string, DeviceCounters>,
  b: Record<string, DeviceCounters>,
): Record<string, DeviceCounters> {
  const out: Record<string, DeviceCounters> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[key];
    const y = b[key];
    const merged: DeviceCounters = {
      reviewCount: Math.max(x?.reviewCount ?? 0, y?.reviewCount ?? 0),
      correctCount: Math.max(x?.correctCount ?? 0, y?.correctCount ?? 0),
    };
    if (x?.totalResponseTimeMs !== undefined || y?.totalResponseTimeMs !== undefined) {
      merged.totalResponseTimeMs = Math.max(x?.totalResponseTimeMs ?? 0, y?.totalResponseTimeMs ?? 0);
    }
    for (const field of RETRACTED_FIELDS) {
      const value = Math.max(x?.[field] ?? 0, y?.[field] ?? 0);
      if (value > 0) merged[field] = value;
    }
    out[key] = merged;
  }
  return sortCounters(out);
}

/** The counters of retracted answers: a second G-counter per device, subtracted in the totals. */
export const RETRACTED_FIELDS = ['retractedCount', 'retractedCorrect', 'retractedResponseTimeMs'] as const;

/**
 * Sums the per-device counters, less what was retracted: the totals a PN-counter stands for.
 * Why a second grow-only counter and not a decrement: max() merges of a counter that can go
 * down would let a snapshot taken before the undo win back the answer.
 */
export function sumCounters(counters: Record<string, DeviceCounters>): {
  reviewCount: number;
  correctCount: number;
  totalResponseTimeMs: number;
} {
  let reviewCount = 0;
  let correctCount = 0;
  let totalResponseTimeMs = 0;
  for (const entry of Object.values(counters)) {
    reviewCount += entry.reviewCount - (entry.retractedCount ?? 0);
    correctCount += entry.correctCount - (entry.retractedCorrect ?? 0);
    totalResponseTimeMs += (entry.totalResponseTimeMs ?? 0) - (entry.retractedResponseTimeMs ?? 0);
  }
  return { reviewCount, correctCount, totalResponseTimeMs };
}

/** Merges two grow-only sets of retracted answer ids; absent while empty. */
export function mergeRetracted(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] | undefined {
  if (!a?.length && !b?.length) return undefined;
  return [...new Set([...(a ?? []), ...(b ?? [])])].sort();
}

/** The smaller of two times where null means "none yet". */
export function minNullable(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/** The larger of two times where null means "none yet". */
export function maxNullable(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/**
 * A progress record from its parts: totals summed from the (sorted) per-device counters and
 * `learned` from `recent`. Deriving, applying one answer and merging all build it here.
 */
export function progressRecord(
  userId: string,
  itemId: string,
  byDevice: Record<string, DeviceCounters>,
  recent: RecentAnswer[],
  lastReviewed: number,
  retracted?: string[],
): ProgressData {
  const totals = sumCounters(byDevice);
  const kept = retracted?.length ? recent.filter((entry) => !retracted.includes(entry.id)) : recent;
  const record: ProgressData = {
    userId,
    itemId,
    reviewCount: totals.reviewCount,
    correctCount: totals.correctCount,
    learned: isLearned(kept),
    lastReviewed,
    byDevice,
    recent: kept,
  };
  if (retracted?.length) record.retracted = retracted;
  return record;
}

/** Session statistics from their parts: totals summed from the (sorted) per-device counters. */
export function statisticsRecord(
  sessionId: string,
  userId: string,
  byDevice: Record<string, DeviceCounters>,
  firstAnsweredAt: number | null,
  lastAnsweredAt: number | null,
): SessionStatistics {
  const totals = sumCounters(byDevice);
  return {
    sessionId,
    userId,
    answered: totals.reviewCount,
    correct: totals.correctCount,
    totalResponseTimeMs: totals.totalResponseTimeMs,
    firstAnsweredAt,
    lastAnsweredAt,
    byDevice,
  };
}
