/**
 * The engine's one signal about answers: "the answers of these sessions changed". It fires on
 * the engine's own writes, on another tab's writes (over the database's BroadcastChannel) and
 * after a pull merged other devices' answers, so a view re-reads only when there is something
 * new, and only the sessions it shows.
 */
import { uuidv7 } from '../ids.js';
import type { AnswersChange } from '../storage/storage-options.js';
import { SyncChannel, type SyncMessage } from '../sync/sync-channel.js';
import type { AnswerRecord } from '../types.js';

/** Where the changed answers come from. */
export type AnswersOrigin = 'local' | 'tab' | 'pull';

/** `answers-changed`: the answers of `sessionIds` changed on this device. */
export class AnswersChangedEvent extends Event {
  /** The event's type. */
  static readonly type = 'answers-changed';
  /** The sessions whose answers changed. */
  readonly sessionIds: readonly string[];
  /** `local`: this engine stored them; `tab`: another tab or window did; `pull`: other devices' answers arrived. */
  readonly origin: AnswersOrigin;
  /** The new answers when they are known (this engine's own writes); otherwise read them. */
  readonly answers: readonly AnswerRecord[] | null;

  /** An event for `sessionIds`, with the new `answers` when known. */
  constructor(sessionIds: readonly string[], origin: AnswersOrigin, answers: readonly AnswerRecord[] | null = null) {
    super(AnswersChangedEvent.type);
    this.sessionIds = [...sessionIds];
    this.origin = origin;
    this.answers = answers;
  }

  /** True when `sessionId` is among the changed sessions. */
  concerns(sessionId: string): boolean {
    return this.sessionIds.includes(sessionId);
  }
}

/**
 * Emits `answers-changed` on an engine: for its own writes and pulls (and tells the other tabs
 * over the database's channel), and for the other tabs' messages about this user.
 */
export class AnswersSignal {
  private readonly target: EventTarget;
  private readonly userId: string;
  private readonly channel: SyncChannel;

  /** Listens to the other tabs of `dbName` for `userId`'s answers; emits on `target`. */
  constructor(target: EventTarget, dbName: string, userId: string) {
    this.target = target;
    this.userId = userId;
    const fromTab = (message: SyncMessage): void => {
      if (message.userId !== userId || !Array.isArray(message.sessionIds)) return;
      target.dispatchEvent(new AnswersChangedEvent(message.sessionIds, 'tab'));
    };
    this.channel = new SyncChannel(dbName, uuidv7(), fromTab, new Set(['answers']));
  }

  /** Storage stored answers here (a user action, or a pull): emits, and tells the other tabs. */
  changed(change: AnswersChange): void {
    this.target.dispatchEvent(new AnswersChangedEvent(change.sessionIds, change.origin, change.answers ?? null));
    this.channel.postAnswers(this.userId, change.sessionIds);
  }

  /** Stops listening and telling. */
  close(): void {
    this.channel.close();
  }
}
