/**
 * The one place where a tag meets the offline core. Both tags use it: it takes the shared
 * engine for the host's database and user (`OfflineReview.for` keeps one per pair), subscribes
 * to its state in `hostConnected` and unsubscribes in `hostDisconnected`, and follows changes
 * of the host's `user`, `api-base` and `db-name` attributes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AnswersChangedEvent, isOfflineReviewError, OfflineReview, type OfflineReviewOptions, type SyncState } from '../../src/index.js';
import { offerOptions } from '../../src/engine/offered-options.js';
import { isRecordId } from '../../src/records/index.js';
import { claimAnnouncement } from './announced.js';
import { csrfSource } from './csrf.js';
import { announceUser } from './device-user.js';
import { engineSignIn } from './sign-in.js';

/**
 * What a host element offers the controller: the attributes that select an engine. The sign-in
 * attributes (`token-url`, `csrf-*`) are read from the element as set in the page's HTML.
 */
export interface EngineHost extends ReactiveControllerHost, Pick<Element, 'getAttribute'> {
  /** The signed-in user's id; no engine without one. */
  user: string;
  /** Base URL of the sync API. */
  apiBase: string;
  /** IndexedDB database name. */
  dbName: string;
}

/**
 * Called when answers changed (here, in another tab, or by a pull), with the sessions they
 * belong to: the host re-reads what it shows only when its session is among them.
 */
export type AnswersChangedCallback = (event: AnswersChangedEvent) => void;

/**
 * The shared engine with the tag's sign-in options; when the page's own script made that
 * engine first with options of its own (its `headers` function, say), the script's engine is
 * used as it is: the site chose.
 */
function engineFor(identity: OfflineReviewOptions, signIn: Pick<OfflineReviewOptions, 'tokenUrl' | 'headers'>): OfflineReview {
  try {
    return OfflineReview.for({ ...identity, ...signIn });
  } catch (error) {
    if (isOfflineReviewError(error, 'engine-conflict')) return OfflineReview.for(identity);
    throw error;
  }
}

/** Subscribes its host to the shared engine's sync state. */
export class EngineController implements ReactiveController {
  /** The engine for the host's current user and database, or null without a valid user id. */
  engine: OfflineReview | null = null;
  /** The latest sync state, or null without an engine. */
  state: SyncState | null = null;

  private readonly host: EngineHost;
  private readonly onAnswersChanged: AnswersChangedCallback | undefined;
  private readonly watch: ((state: SyncState | null) => unknown) | undefined;
  /** What `watch` last gave; the host updates when it changes. */
  private watched: unknown = undefined;
  private key = '';
  private subscription: AbortController | null = null;
  private withdraw: (() => void) | null = null;

  /**
   * Registers itself with `host`. With `watch`, a state change updates the host only when what
   * `watch` gives of it changes (by `Object.is`): a tag that shows one part of the sync state is
   * not rendered again for the others (a review, say, for each pending count while it syncs).
   */
  constructor(host: EngineHost, onAnswersChanged?: AnswersChangedCallback, watch?: (state: SyncState | null) => unknown) {
    this.host = host;
    this.onAnswersChanged = onAnswersChanged;
    this.watch = watch;
    host.addController(this);
  }

  /** Takes (or re-takes) the engine and subscribes to it. */
  hostConnected(): void {
    this.hostUpdate();
  }

  /**
   * Follows attribute changes: a new user or database means another engine. Subscribes when
   * not subscribed yet (first connection, or connected again after a detach).
   */
  hostUpdate(): void {
    const { user, apiBase, dbName } = this.host;
    const signIn = engineSignIn(this.host);
    const key = JSON.stringify([user, apiBase, dbName, signIn.tokenUrl, csrfSource(this.host)]);
    if (key === this.key && this.subscription) return;
    this.key = key;
    // After the script that made the element has set its attributes (not at connect time).
    void Promise.resolve().then(() => this.announce());
    this.hostDisconnected();
    // Offered too, for an engine a page script made without them before this tag's chunk
    // arrived: its HTTP client asks the offer (src/engine/offered-options.ts).
    if (isRecordId(user)) this.withdraw = offerOptions({ userId: user, dbName }, { apiBase, ...signIn });
    // A user id the engine would refuse gives no engine; the review tag says why.
    const engine = (this.engine = isRecordId(user) ? engineFor({ userId: user, apiBase, dbName }, signIn) : null);
    const { signal } = (this.subscription = new AbortController());
    const refresh = (): void => this.refresh(false);
    engine?.addEventListener('state-change', refresh, { signal });
    engine?.addEventListener('update-available', refresh, { signal });
    const onAnswers = this.onAnswersChanged;
    if (onAnswers) {
      engine?.addEventListener(AnswersChangedEvent.type, (event) => onAnswers(event as AnswersChangedEvent), { signal });
    }
    // The state may have moved while we were not listening (the element was detached).
    this.refresh();
  }

  /**
   * Tells the device who this page shows (components/shared/device-user.ts): the page is kept for offline use
   * for that user, and every other user's cached pages and API reads go. Tags with no user
   * are a sign-out. Once per user and database (announced.ts).
   */
  private announce(): void {
    const { user, dbName } = this.host;
    if (claimAnnouncement(this.host, user, dbName)) void announceUser(dbName, user || null, location.href);
  }

  /**
   * Re-reads the engine's state and updates the host (after a change that emits no event);
   * with `always` false, only if what the host watches changed (see the constructor).
   */
  refresh(always = true): void {
    this.state = this.engine ? this.engine.state : null;
    const watched = this.watch?.(this.state);
    if (!always && this.watch && Object.is(watched, this.watched)) return;
    this.watched = watched;
    this.host.requestUpdate();
  }

  /** Stops listening; the engine stays open because other elements may share it. */
  hostDisconnected(): void {
    this.withdraw?.();
    this.withdraw = null;
    this.subscription?.abort();
    this.subscription = null;
  }
}
