/**
 * Tabs and the service worker of one origin share queue changes over the BroadcastChannel
 * `offline-review:<dbName>`. Messages carry no data that matters: the receiver recounts from
 * IndexedDB, which stays the only source of truth.
 */

/** What a context tells the others. */
export interface SyncMessage {
  /** `write`: something was queued; `drained`: a drain ended; `dead-letters`: they changed. */
  type: 'write' | 'drained' | 'dead-letters';
  /** Whose entries changed. */
  userId: string;
  /** Which context sent it, so a context ignores its own messages. */
  from: string;
  /** For `drained`: everything due was sent (and, unless `pushOnly`, pulled). */
  ok?: boolean;
  /** For `drained`: the drainer pushed but did not pull (the service worker). */
  pushOnly?: boolean;
}

/** A typed BroadcastChannel that degrades to nothing where BroadcastChannel is missing. */
export class SyncChannel {
  private channel: BroadcastChannel | null;
  private readonly from: string;

  /** Opens the channel for `dbName`; `onMessage` gets the other contexts' messages. */
  constructor(dbName: string, from: string, onMessage: (message: SyncMessage) => void) {
    this.from = from;
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`offline-review:${dbName}`) : null;
    if (this.channel) {
      this.channel.onmessage = (event: MessageEvent<unknown>) => {
        const message = event.data as Partial<SyncMessage> | null;
        if (!message || typeof message.type !== 'string' || typeof message.userId !== 'string') return;
        if (message.from === this.from) return;
        onMessage(message as SyncMessage);
      };
    }
  }

  /** Tells the other contexts; does nothing once closed. */
  post(type: SyncMessage['type'], userId: string, ok?: boolean, pushOnly?: boolean): void {
    const message: SyncMessage = { type, userId, from: this.from, ...(ok === undefined ? {} : { ok }), ...(pushOnly ? { pushOnly } : {}) };
    this.channel?.postMessage(message);
  }

  /** Closes the channel; further posts are ignored. */
  close(): void {
    this.channel?.close();
    this.channel = null;
  }
}
