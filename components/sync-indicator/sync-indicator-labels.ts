/**
 * Every word `<sync-indicator>` shows, in English and Japanese. The set is chosen by the
 * element's `lang` (see shared/labels.ts); a site replaces any word through the `labels`
 * property. `{name}` placeholders are filled in; a label holding a count is either one text or
 * plural forms (`{ one, other, … }`, chosen by `Intl.PluralRules` for the locale).
 */
import type { Label } from '../shared/format.js';
import type { LabelSet, LabelSets } from '../shared/labels.js';
import { loadChunk } from '../shared/stale-build.js';

/** The texts of `<sync-indicator>`. */
export interface SyncIndicatorLabels extends LabelSet {
  /** Everything reached the server. */
  synced: string;
  /** Offline with nothing waiting. */
  offline: string;
  /** Offline with something waiting: `{waiting}` is a `waiting` text. */
  offlineWaiting: string;
  /** Online, but the sync server cannot be reached; nothing waiting. */
  unreachable: string;
  /** The server cannot be reached: `{waiting}` is a `waiting` text. */
  unreachableWaiting: string;
  /** `{count}` answers. */
  answers: Label;
  /** `{count}` changes (records other than answers, with no answer among them). */
  changes: Label;
  /** `{count}` other changes, after answers. */
  otherChanges: Label;
  /** Answers and other changes together: `{answers}` and `{changes}`. */
  answersAndChanges: string;
  /** `{what}` (answers and/or changes) wait; `{count}` is how many in all. */
  waiting: Label;
  /** A drain is running: `{sent}` of `{count}` answers. */
  syncing: Label;
  /** A drain of records other than answers is running: `{count}` of them. */
  syncingChanges: Label;
  /** `{what}` waits for the next drain; `{count}` is how many in all. */
  waitingToSync: Label;
  /** The last drain failed (the error's technical text is the message's tooltip). */
  error: string;
  /** The device refused to store more (its storage is full): syncing needs room too. */
  storageFull: string;
  /** The server wants the user to sign in again. */
  authRequired: string;
  /** The sign-in link shown instead of Retry when `sign-in-url` is set. */
  signIn: string;
  /** When everything was last saved: `{time}` is "5 minutes ago" in the locale. */
  lastSync: string;
  /** Nothing has been synced on this device yet. */
  neverSynced: string;
  /** The next automatic retry: `{when}` is "in 30 seconds" in the locale. */
  retryingIn: string;
  /** The next automatic retry, more than an hour away: `{time}` is a clock time. */
  retryingAt: string;
  /** Retries a failed sync. */
  retry: string;
  /** `{what}` the server refused; `{count}` is how many in all. */
  deadLetters: Label;
  /** Why, for `wrong-user`: the records belong to another account. */
  reasonWrongUser: string;
  /** Why, for records the server could not read (`invalid-mutation`, `invalid-text`…). */
  reasonInvalid: string;
  /** Why, for `too-large`. */
  reasonTooLarge: string;
  /** Why, for `conflict`, `id-reused` and `unknown-session`. */
  reasonConflict: string;
  /** Why, when retries ran out on server errors. */
  reasonRetries: string;
  /** Why, for any other code: `{message}` is the server's own text. */
  reasonOther: string;
  /** Puts refused answers back in the queue. */
  retryDeadLetters: string;
  /** Starts discarding refused answers (asks to confirm). */
  discard: string;
  /** The confirmation question: `{what}`, `{count}`. */
  discardConfirm: Label;
  /** Confirms the discard. */
  discardYes: string;
  /** Cancels the discard. */
  discardNo: string;
  /** A new version waits. */
  updateAvailable: string;
  /** Activates the new version and reloads. */
  reload: string;
  /** Compact variant: synced. */
  compactSynced: string;
  /** Compact variant: offline, `{count}` waiting. */
  compactOffline: string;
  /** Compact variant: the server cannot be reached, `{count}` waiting. */
  compactUnreachable: string;
  /** Compact variant: `{sent}` of `{total}`. */
  compactSyncing: string;
  /** Compact variant: error. */
  compactError: string;
}

/** The English defaults. */
export const defaultSyncIndicatorLabels: SyncIndicatorLabels = {
  locale: 'en',
  synced: 'All changes saved',
  offline: 'Offline',
  offlineWaiting: 'Offline — {waiting}',
  unreachable: 'Can’t reach the server',
  unreachableWaiting: 'Can’t reach the server — {waiting}',
  answers: { one: '{count} answer', other: '{count} answers' },
  changes: { one: '{count} change', other: '{count} changes' },
  otherChanges: { one: '{count} other change', other: '{count} other changes' },
  answersAndChanges: '{answers} and {changes}',
  waiting: '{what} waiting',
  syncing: { one: 'Syncing {sent} of {count} answer', other: 'Syncing {sent} of {count} answers' },
  syncingChanges: { one: 'Syncing {count} change', other: 'Syncing {count} changes' },
  waitingToSync: '{what} waiting to sync',
  error: 'Sync failed — your answers are kept on this device',
  storageFull: 'This device is out of storage — free some space to keep saving and syncing answers',
  authRequired: 'Sign in again to sync your answers',
  signIn: 'Sign in',
  lastSync: 'Last synced {time}',
  neverSynced: 'Not synced yet',
  retryingIn: 'Retrying {when}',
  retryingAt: 'Retrying at {time}',
  retry: 'Retry',
  deadLetters: { one: '{what} was refused by the server', other: '{what} were refused by the server' },
  reasonWrongUser: 'They belong to another account.',
  reasonInvalid: 'The server could not read them.',
  reasonTooLarge: 'They are too large for the server.',
  reasonConflict: 'They conflict with changes already on the server.',
  reasonRetries: 'The server kept failing, so sending stopped.',
  reasonOther: 'The server said: “{message}”',
  retryDeadLetters: 'Send again',
  discard: 'Discard',
  discardConfirm: 'Discard {what} for good?',
  discardYes: 'Discard them',
  discardNo: 'Keep them',
  updateAvailable: 'Update available',
  reload: 'Reload',
  compactSynced: 'Saved',
  compactOffline: 'Offline ({count})',
  compactUnreachable: 'No server ({count})',
  compactSyncing: '{sent}/{total}',
  compactError: 'Sync error',
};

/**
 * The built-in sets, by language: the element's `lang` picks one (`en` when none fits). Only
 * English is in the tag's chunk; Japanese is a chunk of its own, loaded for a page in Japanese.
 */
export const syncIndicatorLabelSets: LabelSets<SyncIndicatorLabels> = {
  en: defaultSyncIndicatorLabels,
  // loadChunk: a chunk deleted by a newer build that took control of the page reloads it once.
  ja: () => loadChunk(async () => (await import('./sync-indicator-labels-ja.js')).japaneseSyncIndicatorLabels),
};
