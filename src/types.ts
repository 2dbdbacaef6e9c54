/**
 * The data model (docs/design.md, "The data model"). Pure types: used by the page, the service worker
 * and the reference server alike.
 */

import type { CardState } from './scheduler/card-state.js';

export type { CardState };

/** Server-owned content, read-only on the client; a newer `version` replaces an older one. */
export interface ReviewableContent {
  id: string;
  contentType: string;
  prompt: string;
  answer: string;
  version: number;
  /**
   * Other answers a typed answer may give besides `answer` (a reading, a romanisation, another
   * spelling); `answer` itself may also list alternatives separated by `|`.
   */
  accept?: string[];
  /** Optional extra fields a site wants to carry (reading, example sentence, …). */
  extra?: Record<string, unknown>;
}

/** Content as cached on the device: adds when it was last used, for LRU eviction. */
export interface CachedContent extends ReviewableContent {
  lastAccessed: number;
}

/** The four grades of a flashcard review. */
export const Rating = { Again: 1, Hard: 2, Good: 3, Easy: 4 } as const;
export type Rating = (typeof Rating)[keyof typeof Rating];

/**
 * One answer: an immutable event. Replicas merge answers as a set union by `id`;
 * nothing ever updates or deletes one through sync.
 */
export interface AnswerRecord {
  /** UUIDv7 made on the device. */
  id: string;
  sessionId: string;
  userId: string;
  itemId: string;
  deviceId: string;
  /** Epoch milliseconds on the device when the learner answered. */
  answeredAt: number;
  /** Set in grade mode. */
  rating?: Rating;
  /** Always set: in grade mode, rating > Again; in typed mode, the comparison result. */
  correct: boolean;
  responseTimeMs: number;
  /** What the learner typed, in typed mode. */
  typedAnswer?: string;
}

export const SessionMode = { Grade: 'grade', Typed: 'typed' } as const;
export type SessionMode = (typeof SessionMode)[keyof typeof SessionMode];

export const SessionStatus = {
  Active: 'active',
  Paused: 'paused',
  Completed: 'completed',
  Abandoned: 'abandoned',
} as const;
export type SessionStatus = (typeof SessionStatus)[keyof typeof SessionStatus];

/** Terminal states win over non-terminal ones in a merge. */
export const TERMINAL_STATUSES: readonly SessionStatus[] = ['completed', 'abandoned'];

export interface ReviewSession {
  /** UUIDv7 made on the device. */
  id: string;
  userId: string;
  /** The deck (a page's `<review-session>`), so a reload can find the session to resume. */
  deckId: string;
  itemIds: string[];
  mode: SessionMode;
  /** A last-writer-wins register ordered by `statusHlc` (terminal states win). */
  status: SessionStatus;
  /** HLC of the write that set `status` (see hlc.ts). */
  statusHlc: string;
  startedAt: number;
  /** Merged with max(). */
  lastActivityAt: number;
  endedAt: number | null;
  deviceId: string;
}

/** Per-device counters: a G-counter (max per device, sum over devices). */
export interface DeviceCounters {
  reviewCount: number;
  correctCount: number;
  /** Statistics only: sum of the device's response times, so the total merges without loss. */
  totalResponseTimeMs?: number;
  /**
   * Of the answers counted above, how many were retracted (undone), and of those how many
   * were correct and their response time: a second G-counter, subtracted from the totals.
   * Absent while zero.
   */
  retractedCount?: number;
  retractedCorrect?: number;
  retractedResponseTimeMs?: number;
}

/** Derived from the answers of one session; never conflicts. */
export interface SessionStatistics {
  sessionId: string;
  userId: string;
  answered: number;
  correct: number;
  totalResponseTimeMs: number;
  firstAnsweredAt: number | null;
  lastAnsweredAt: number | null;
  /** Per-device counters so that a snapshot from elsewhere merges without loss. */
  byDevice: Record<string, DeviceCounters>;
}

/** Derived from a user's answers to one item; never conflicts. */
export interface ProgressData {
  userId: string;
  itemId: string;
  reviewCount: number;
  correctCount: number;
  /** The two most recent answers (in (answeredAt, id) order) were correct. */
  learned: boolean;
  /** answeredAt of the most recent answer, or 0. */
  lastReviewed: number;
  /** Per-device counters so that a snapshot from elsewhere merges without loss. */
  byDevice: Record<string, DeviceCounters>;
  /** Correctness of the latest two answers, newest first, for `learned` after a merge. */
  recent: Array<{ answeredAt: number; id: string; correct: boolean }>;
  /** Ids of this item's retracted answers (sorted; a grow-only set), kept out of `recent` in merges. Absent while empty. */
  retracted?: string[];
  /**
   * In pull responses only: the item's schedule as the server derived it (with the parameters
   * and learner day the pull asked for). Clients derive their own from answers; never stored.
   */
  card?: CardState;
}

/**
 * An undo: answers are immutable and merged as a set union, so undoing one is an event of its
 * own, merged the same way. Every count and schedule leaves out an answer named by a retraction.
 */
export interface AnswerRetraction {
  /** UUIDv7 made on the device. */
  id: string;
  /** The answer taken back (same user). */
  answerId: string;
  userId: string;
  deviceId: string;
  /** Epoch milliseconds on the device when the learner undid the answer. */
  retractedAt: number;
}

// ---- Sync protocol v1 (docs/protocol.md) -------------------------------------------------

export const PROTOCOL_VERSION = 1;

export const MutationType = {
  Session: 'session',
  Answer: 'answer',
  Statistics: 'statistics',
  Progress: 'progress',
  /** An undo (create only): data is an AnswerRetraction. */
  Retraction: 'retraction',
} as const;
export type MutationType = (typeof MutationType)[keyof typeof MutationType];

export const MutationAction = { Create: 'create', Update: 'update', Delete: 'delete' } as const;
export type MutationAction = (typeof MutationAction)[keyof typeof MutationAction];

/** One change a device sends. `id` is the idempotency key: the server applies it once. */
export interface Mutation {
  /** UUIDv7 made on the device. */
  id: string;
  type: MutationType;
  action: MutationAction;
  data: unknown;
  /** HLC at the moment of the change. */
  hlc: string;
  clientTimestamp: number;
}

export interface PushRequest {
  protocol: typeof PROTOCOL_VERSION;
  clientId: string;
  mutations: Mutation[];
}

export const ResultStatus = { Applied: 'applied', Duplicate: 'duplicate', Rejected: 'rejected' } as const;
export type ResultStatus = (typeof ResultStatus)[keyof typeof ResultStatus];

export interface MutationResult {
  id: string;
  status: ResultStatus;
  code?: string;
  message?: string;
}

export interface PushResponse {
  results: MutationResult[];
  cursor: string;
}

export interface ChangeSet {
  sessions: ReviewSession[];
  answers: AnswerRecord[];
  progress: ProgressData[];
  /** Undos. A server that predates them may leave the list out; clients read it as empty. */
  retractions?: AnswerRetraction[];
}

export interface PullResponse {
  changes: ChangeSet;
  cursor: string;
  hasMore: boolean;
}

// ---- The persistent queue -----------------------------------------------------------------

export const QueueEntryStatus = { Pending: 'pending', Syncing: 'syncing' } as const;
export type QueueEntryStatus = (typeof QueueEntryStatus)[keyof typeof QueueEntryStatus];

/** A user's queue entries (pending or syncing), and the answers among them. */
export interface PendingCounts {
  pending: number;
  answers: number;
}

/** A queue entry as stored in IndexedDB (store `syncQueue`, key `seq`, FIFO by `seq`). */
export interface QueueEntry {
  /** Auto-increment key: FIFO order. */
  seq?: number;
  userId: string;
  mutation: Mutation;
  status: QueueEntryStatus;
  /** While `syncing`: the time after which another drainer may take the entry back. */
  leaseUntil: number;
  retryCount: number;
  /** Not before this time (backoff). */
  nextAttemptAt: number;
  /** Size of the JSON of `mutation`, for byte-limited batches. */
  bytes: number;
  createdAt: number;
  lastError?: { code: string; message: string };
  /** The session the mutation belongs to: cleanup keeps a session while an entry references it. */
  sessionId?: string;
}

/** An entry the server refused, or that ran out of retries. Kept until the user decides. */
export interface DeadLetter {
  /** The mutation id. */
  id: string;
  userId: string;
  mutation: Mutation;
  reason: { code: string; message: string; status?: number };
  retryCount: number;
  failedAt: number;
  /** The session the mutation belongs to: cleanup keeps a session while a dead letter references it. */
  sessionId?: string;
}
