/**
 * The IndexedDB schema, as types only: every storage file derives its types from `ReviewDB`.
 * Nothing here runs; the stores and indexes are made by the steps in upgrades.ts, and the
 * meta store's keys are in meta-keys.ts.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { AnswerRecord, CachedContent, DeadLetter, ProgressData, QueueEntry, ReviewSession, SessionStatistics } from '../types.js';

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
    indexes: { userId: string; sessionId: string; status: string };
  };
  /** Keyed by mutation id. */
  deadLetters: {
    key: string;
    value: DeadLetter;
    indexes: { userId: string; sessionId: string };
  };
  /** Out-of-line keys: device id, HLC, pull cursors, config. */
  meta: {
    key: string;
    value: unknown;
  };
}

/** An open database. */
export type ReviewDatabase = IDBPDatabase<ReviewDB>;
