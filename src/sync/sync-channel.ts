/**
 * Cross-tab messaging: tabs and the service worker of one origin share queue changes over the
 * BroadcastChannel `offline-review:<dbName>`, and this file alone says what a message means
 * for a queue (`reactionTo`). Messages carry no data that matters: the receiver recounts (or,
 * for `answers`, re-reads those sessions) from IndexedDB, which stays the only source of truth.
 */

/** What a context tells the others. */
export interface SyncMessage {
  /**
   * `write`: something was queued; `drained`: a drain ended; `dead-letters`: they changed;
   * `answers`: the answers of `sessionIds` changed (the engines listen, not the queues).
   */
  type: 'write' | 'drained' | 'dead-letters' | 'answers';
  /** Whose entries changed. */
  userId: string;
  /** Which context sent it, so a context ignores its own messages. */
  from: string;
  /** For `drained`: everything due was sent (and, unless `pushOnly`, pulled). */
  ok?: boolean;
  /** For `drained`: the drainer pushed but did not pull (the service worker). */
  pushOnly?: boolean;
  /** For `answers`: the sessions whose answers changed. */
  sessionIds?: string[];
}

/** The messages a queue reacts to (`reactionTo`). */
export const QUEUE_MESSAGES: ReadonlySet<SyncMessage['type']> = new Set(['write', 'drained', 'dead-letters']);

/** A typed BroadcastChannel that degrades to nothing where BroadcastChannel is missing. */
export class SyncChannel {
  private channel: BroadcastChannel | null;
  private readonly from: string;

  /** Opens the channel for `dbName`; `onMessage` gets the other contexts' messages of the types in `accepts`. */
  constructor(dbName: string, from: string, onMessage: (message: SyncMessage) => void, accepts = QUEUE_MESSAGES) {
    this.from = from;
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`offline-review:${dbName}`) : null;
    if (this.channel) {
      this.channel.onmessage = (event: MessageEvent<unknown>) => {
        const message = event.data as Partial<SyncMessage> | null;
        if (!message || typeof message.type !== 'string' || typeof message.userId !== 'string') return;
        if (message.from === this.from || !accepts.has(message.type)) return;
        onMessage(message as SyncMessage);
      };
    }
  }

  /** Tells the other contexts; does nothing once closed. */
  post(type: SyncMessage['type'], userId: string, ok?: boolean, pushOnly?: boolean): void {
    const message: SyncMessage = { type, userId, from: this.from, ...(ok === undefined ? {} : { ok }), ...(pushOnly ? { pushOnly } : {}) };
    this.channel?.postMessage(message);
  }

  /** Tells the other contexts that the answers of `sessionIds` changed. */
  postAnswers(userId: string, sessionIds: readonly string[]): void {
    const message: SyncMessage = { type: 'answers', userId, from: this.from, sessionIds: [...sessionIds] };
    this.channel?.postMessage(message);
  }

  /** Closes the channel; further posts are ignored. */
  close(): void {
    this.channel?.close();
    this.channel = null;
  }
}

/** What a queue knows of itself when a message arrives. */
export interface ReceiverView {
  /** The queue's user. */
  userId: string;
  /** Paused after a 401. */
  paused: boolean;
  /** It skipped a drain because another context held the lock. */
  skipped: boolean;
  /** Its triggers are on. */
  autoSync: boolean;
}

/** What a queue does about another context's message. */
export interface MessageReaction {
  /** Recount `pending` only (a write), or pending and dead letters. */
  recount: 'pending' | 'all';
  /** End the 401 pause and drain. When set, nothing below applies. */
  resume: boolean;
  /** Another context synced this user: show it as synced here too. */
  syncedElsewhere: boolean;
  /** Drain now (and forget the skip). */
  drain: boolean;
}

/**
 * What `message` means for the queue described by `view`:
 * - every message: recount (a write changes `pending` only);
 * - a page's successful drain of this user always reached the server (its pull, at least),
 *   with the origin's cookies, which are ours too: a 401 pause here is over. Not so for the
 *   worker, whose "ok" may mean it had nothing to send;
 * - a successful drain of this user elsewhere: synced here too;
 * - any drain after this queue skipped: drain now (what it skipped may be left);
 * - the worker pushed this user's answers but does not pull: a drain here (nothing left to
 *   push) brings the other devices' changes, as a drain of our own would have.
 */
export function reactionTo(message: SyncMessage, view: ReceiverView): MessageReaction {
  const recount = message.type === 'write' ? 'pending' : 'all';
  const drained = message.type === 'drained';
  const mine = message.userId === view.userId;
  const syncedHere = drained && message.ok === true && mine;
  if (syncedHere && view.paused && !message.pushOnly) return { recount, resume: true, syncedElsewhere: false, drain: false };
  const drain = drained && (view.skipped || (syncedHere && message.pushOnly === true && view.autoSync));
  return { recount, resume: false, syncedElsewhere: syncedHere, drain };
}
