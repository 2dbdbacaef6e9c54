/**
 * Every word `<sync-indicator>` shows. A site replaces any of them through the `labels`
 * property; `{name}` placeholders are filled in.
 */

/** The texts of `<sync-indicator>`. */
export interface SyncIndicatorLabels {
  /** Everything reached the server. */
  synced: string;
  /** Offline with nothing waiting. */
  offline: string;
  /** Offline with one answer waiting. */
  offlineOne: string;
  /** Offline with `{count}` answers waiting. */
  offlineMany: string;
  /** Online, but the sync server cannot be reached; nothing waiting. */
  unreachable: string;
  /** The server cannot be reached, one answer waiting. */
  unreachableOne: string;
  /** The server cannot be reached, `{count}` answers waiting. */
  unreachableMany: string;
  /** A drain is running: `{sent}` of `{total}`. */
  syncing: string;
  /** Answers wait for the next drain: `{count}`. */
  waiting: string;
  /** The last drain failed (the error's technical text is the message's tooltip). */
  error: string;
  /** The server wants the user to sign in again. */
  authRequired: string;
  /** When everything was last saved: `{time}`. */
  lastSync: string;
  /** Retries a failed sync. */
  retry: string;
  /** `{count}` answers the server refused. */
  deadLetters: string;
  /** Puts refused answers back in the queue. */
  retryDeadLetters: string;
  /** Starts discarding refused answers (asks to confirm). */
  discard: string;
  /** The confirmation question: `{count}`. */
  discardConfirm: string;
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
  synced: 'All changes saved',
  offline: 'Offline',
  offlineOne: 'Offline — 1 answer waiting',
  offlineMany: 'Offline — {count} answers waiting',
  unreachable: 'Can’t reach the server',
  unreachableOne: 'Can’t reach the server — 1 answer waiting',
  unreachableMany: 'Can’t reach the server — {count} answers waiting',
  syncing: 'Syncing {sent} of {total}',
  waiting: '{count} waiting to sync',
  error: 'Sync failed — your answers are kept on this device',
  authRequired: 'Sign in again to sync your answers',
  lastSync: 'Last synced {time}',
  retry: 'Retry',
  deadLetters: '{count} answers were refused by the server',
  retryDeadLetters: 'Send again',
  discard: 'Discard',
  discardConfirm: 'Discard {count} answers for good?',
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
