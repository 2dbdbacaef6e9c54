/**
 * The sentences of `<sync-indicator>`, from a SyncState and a label set: what is waiting or
 * was refused counted as answers and other changes, the server's reason for a refusal, and
 * the compact variant. Pure functions, so every state can be checked in any language.
 */
import type { SyncState } from '../../src/index.js';
import { initialSyncState } from '../../src/sync/sync-state.js';
import { format } from '../shared/format.js';
import { IndicatorState } from '../shared/sync-status.js';
import type { SyncIndicatorLabels } from './sync-indicator-labels.js';

/** The labels and the locale that formats numbers and plurals around them. */
export interface Words {
  t: SyncIndicatorLabels;
  locale: string;
}

/** A count of records: how many are answers, how many are other changes. */
export interface RecordCount {
  answers: number;
  others: number;
}

/** "2 answers", "1 change", "2 answers and 1 other change" (nothing when both are zero). */
export function describe({ t, locale }: Words, { answers, others }: RecordCount): string {
  if (answers > 0 && others > 0) {
    return format(t.answersAndChanges, {
      answers: format(t.answers, { count: answers }, locale),
      changes: format(t.otherChanges, { count: others }, locale),
    });
  }
  return answers > 0 ? format(t.answers, { count: answers }, locale) : format(t.changes, { count: others }, locale);
}

/**
 * A synced state with nothing waiting with `changes` over it: what `status` shows when given
 * only some fields. Always `counted`: a preview shows a state (one copied from a queue that
 * had not counted yet included).
 */
export function fullState(changes: Partial<SyncState>): SyncState {
  return { ...initialSyncState(true), ...changes, counted: true };
}

/** The waiting records of `sync`, answers apart. */
export function pendingCount(sync: SyncState): RecordCount {
  const answers = Math.min(sync.pendingAnswers, sync.pending);
  return { answers, others: sync.pending - answers };
}

/** The refused records of `sync`, answers apart. */
export function refusedCount(sync: SyncState): RecordCount {
  const answers = Math.min(sync.deadLetterAnswers, sync.deadLetters);
  return { answers, others: sync.deadLetters - answers };
}

/** `label` with `{what}` and `{count}` for `count`. */
export function counted(words: Words, label: SyncIndicatorLabels['waiting'], count: RecordCount): string {
  return format(label, { what: describe(words, count), count: count.answers + count.others }, words.locale);
}

/** The status sentence for the live region. */
export function statusMessage(words: Words, state: IndicatorState, sync: SyncState): string {
  const { t, locale } = words;
  const pending = pendingCount(sync);
  const waiting = sync.pending > 0 ? counted(words, t.waiting, pending) : '';
  switch (state) {
    case IndicatorState.Offline:
      return waiting ? format(t.offlineWaiting, { waiting }) : t.offline;
    case IndicatorState.Unreachable:
      return waiting ? format(t.unreachableWaiting, { waiting }) : t.unreachable;
    case IndicatorState.Syncing:
      if (sync.syncing && sync.totalAnswers > 0) return format(t.syncing, { sent: sync.sentAnswers, count: sync.totalAnswers }, locale);
      if (sync.syncing && sync.total > 0) return format(t.syncingChanges, { count: sync.total }, locale);
      return counted(words, t.waitingToSync, pending);
    case IndicatorState.Error:
      if (sync.paused) return t.authRequired;
      if (sync.lastError?.kind === 'storage-full') return t.storageFull;
      if (sync.lastError && sync.lastError.kind !== 'offline') return t.error;
      return counted(words, t.deadLetters, refusedCount(sync));
    default:
      return t.synced;
  }
}

/** The short text of the compact variant. */
export function compactMessage({ t, locale }: Words, state: IndicatorState, sync: SyncState): string {
  switch (state) {
    case IndicatorState.Offline:
      return format(t.compactOffline, { count: shortCount(pendingCount(sync)) }, locale);
    case IndicatorState.Unreachable:
      return format(t.compactUnreachable, { count: shortCount(pendingCount(sync)) }, locale);
    case IndicatorState.Syncing:
      if (sync.syncing && sync.totalAnswers > 0) return format(t.compactSyncing, { sent: sync.sentAnswers, total: sync.totalAnswers }, locale);
      return format(t.compactSyncing, { sent: sync.sent, total: Math.max(sync.total, sync.pending) }, locale);
    case IndicatorState.Error:
      return t.compactError;
    default:
      return t.compactSynced;
  }
}

/** The one number of the compact variant: the answers, or the other changes when no answer waits. */
function shortCount({ answers, others }: RecordCount): number {
  return answers > 0 ? answers : others;
}

/** Codes a server gives for records it cannot read (src/errors.ts, RejectCode). */
const UNREADABLE = new Set(['invalid-mutation', 'unsupported-type', 'unsupported-action', 'invalid-text', 'too-deep']);

/** Why the server refused, in the labels' words; the server's own message for codes not named here. */
export function refusalReason(t: SyncIndicatorLabels, reason: { code: string; message: string }): string {
  const { code, message } = reason;
  if (code === 'wrong-user') return t.reasonWrongUser;
  if (UNREADABLE.has(code)) return t.reasonInvalid;
  if (code === 'too-large') return t.reasonTooLarge;
  if (code === 'conflict' || code === 'id-reused' || code === 'unknown-session') return t.reasonConflict;
  if (code === 'server-error' || code === 'invalid-response') return t.reasonRetries;
  return format(t.reasonOther, { message });
}
