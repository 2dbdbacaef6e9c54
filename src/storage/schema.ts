/**
 * The IndexedDB schema, as types only: every storage file derives its types from `ReviewDB`.
 * Nothing here runs; the stores and indexes are made by the steps in upgrades.ts, and the
 * meta store's keys are in meta-keys.ts.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { AnswerRecord, AnswerRetraction, CachedContent, CardState, DeadLetter, ProgressData, QueueEntry, ReviewSession, SessionStatistics } from '../types.js';

/** The typed schema of the whole database. */
export interface ReviewDB extends DBSchema {
  sessions: {
    key: string;
    value: ReviewSession;
    indexes: { userId: string; status: string; startedAt: number; userDeck: [string, string] };
  };
  content: {
    key: string;
    value: CachedContent;
    indexes: { contentType: string; lastAccessed: number };
  };
  answers: {
    key: string;
    value: AnswerRecord;
    indexes: { sessionId: string; userItem: [string, string] };
  };
  /** Keyed by [userId, itemId]. */
  progress: {
    key: [string, string];
    value: ProgressData;
    indexes: { userId: string };
  };
  statistics: {
    key: string;
    value: SessionStatistics;
    indexes: { userId: string };
  };
  /**
   * FIFO by the auto-increment `seq`. The `userId` index walks one user's entries in FIFO
   * order because entries with equal index keys are ordered by primary key.
   */
  syncQueue: {
    key: number;
    value: QueueEntry;
    /** `userType`: [userId, mutation.type], to count a user's answers apart (version 4). */
    indexes: { userId: string; sessionId: string; status: string; userType: [string, string] };
  };
  /** Keyed by mutation id. */
  deadLetters: {
    key: string;
    value: DeadLetter;
    indexes: { userId: string; sessionId: string };
  };
  /** Undos, keyed by retraction id; `userAnswer` finds those of one answer. */
  retractions: {
    key: string;
    value: AnswerRetraction;
    indexes: { userId: string; userAnswer: [string, string] };
  };
  /** Derived card states (the scheduler's replay), keyed by [userId, itemId]. */
  cardStates: {
    key: [string, string];
    value: StoredCardState;
    indexes: { userId: string };
  };
  /** Out-of-line keys: device id, HLC, pull cursors, config. */
  meta: {
    key: string;
    value: unknown;
  };
}

/** A derived card state as stored: with its user, for the key. */
export type StoredCardState = CardState & { userId: string };

/** An open database. */
export type ReviewDatabase = IDBPDatabase<ReviewDB>;
