/**
 * The one place where a tag meets the offline core. Both tags use it: it takes the shared
 * engine for the host's database and user (`OfflineReview.for` keeps one per pair), subscribes
 * to its state in `hostConnected` and unsubscribes in `hostDisconnected`, and follows changes
 * of the host's `user`, `api-base` and `db-name` attributes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { OfflineReview, type SyncState } from '../../src/index.js';

/** What a host element offers the controller: the attributes that select an engine. */
export interface EngineHost extends ReactiveControllerHost {
  /** The signed-in user's id; no engine without one. */
  user: string;
  /** Base URL of the sync API. */
  apiBase: string;
  /** IndexedDB database name. */
  dbName: string;
}

/** Options for {@link EngineController}. */
export interface EngineControllerOptions {
  /** Called when the engine changes (or goes away): the host reloads what it shows. */
  onEngineChange?: (engine: OfflineReview | null) => void;
  /**
   * Called on every state change, including those another tab or the worker caused (a write
   * there changes the pending count here): the host may re-read what it shows.
   */
  onStateChange?: (state: SyncState) => void;
}

/** Subscribes its host to the shared engine's sync state. */
export class EngineController implements ReactiveController {
  /** The engine for the host's current user and database, or null without a user. */
  engine: OfflineReview | null = null;
  /** The latest sync state, or null without an engine. */
  state: SyncState | null = null;

  private readonly host: EngineHost;
  private readonly options: EngineControllerOptions;
  private key: string | null = null;
  private subscription: AbortController | null = null;

  /** Registers itself with `host`. */
  constructor(host: EngineHost, options: EngineControllerOptions = {}) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** Takes (or re-takes) the engine and subscribes to it. */
  hostConnected(): void {
    this.select();
    this.subscribe();
  }

  /** Follows attribute changes: a new user or database means another engine. */
  hostUpdate(): void {
    if (this.keyOf() !== this.key) {
      this.unsubscribe();
      this.select();
      this.subscribe();
    }
  }

  /** Re-reads the engine's state and updates the host (after a change that emits no event). */
  refresh(): void {
    this.state = this.engine ? this.engine.state : null;
    this.host.requestUpdate();
  }

  /** Stops listening; the engine stays open because other elements may share it. */
  hostDisconnected(): void {
    this.unsubscribe();
  }

  private keyOf(): string {
    const { user, apiBase, dbName } = this.host;
    return JSON.stringify([user, apiBase, dbName]);
  }

  private select(): void {
    const key = this.keyOf();
    if (key === this.key) return;
    this.key = key;
    const { user, apiBase, dbName } = this.host;
    const engine = user ? OfflineReview.for({ userId: user, apiBase, dbName }) : null;
    if (engine === this.engine) return;
    this.engine = engine;
    this.state = engine ? engine.state : null;
    this.options.onEngineChange?.(engine);
  }

  private subscribe(): void {
    const engine = this.engine;
    if (!engine || this.subscription) return;
    this.subscription = new AbortController();
    const { signal } = this.subscription;
    const refresh = (): void => this.refresh();
    engine.addEventListener(
      'state-change',
      () => {
        refresh();
        this.options.onStateChange?.(engine.state);
      },
      { signal },
    );
    engine.addEventListener('update-available', refresh, { signal });
    // The state may have moved while we were not listening (the element was detached).
    refresh();
  }

  private unsubscribe(): void {
    this.subscription?.abort();
    this.subscription = null;
  }
}
