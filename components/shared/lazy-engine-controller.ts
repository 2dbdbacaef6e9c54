/**
 * The engine for a tag that can show something before the engine is there: `<sync-indicator>`.
 * Its first paint shows the counts read straight from the database (src/sync/stored-counts.ts);
 * the engine's chunk (storage, merge rules, the drain and its client) is imported after the
 * indicator's first paint, the page's `load` event and at the next idle moment, and from then on an EngineController
 * (engine-controller.ts) does what it does for the other tags. A page with only the indicator
 * so shows the learner's state with lit, the tag and a small reader (docs/design.md, "Loading").
 *
 * Two things cannot wait for the engine. The tag offers its `api-base` and sign-in options at
 * once (src/engine/offered-options.ts): a page script's `OfflineReview.for()` that makes the
 * engine first makes it with them. And a tag with no user, the device's sign-out, imports the
 * announcement (device-user.ts) right after its first paint and signs out.
 */
import type { ReactiveController } from 'lit';
import type { OfflineReview, SyncState } from '../../src/index.js';
import { offerOptions } from '../../src/engine/offered-options.js';
import { isRecordId } from '../../src/records/record-id.js';
import { readStoredCounts } from '../../src/sync/stored-counts.js';
import { currentlyOnline, initialSyncState } from '../../src/sync/sync-state.js';
import { claimAnnouncement } from './announced.js';
import type { EngineController, EngineHost } from './engine-controller.js';
import { nextPaint, pageLoadedAndIdle } from './idle.js';
import { engineSignIn } from './sign-in.js';
import { loadChunk } from './stale-build.js';

/** Shows the stored counts, then hands over to an EngineController once its chunk is loaded. */
export class LazyEngineController implements ReactiveController {
  /**
   * Resolves once the engine's chunk is loaded and its controller took over (the host then
   * shows the engine's state); rejects when the chunk cannot be loaded (the stored counts stay).
   */
  readonly loaded: Promise<void>;

  private readonly host: EngineHost;
  private controller: EngineController | null = null;
  private key = '';
  private read: SyncState | null = null;
  private withdraw: (() => void) | null = null;

  /** Registers itself with `host`; the engine's chunk is imported once the page is loaded and idle. */
  constructor(host: EngineHost) {
    this.host = host;
    host.addController(this);
    // After the first paint, whose state is on screen by then, and the page's own loading.
    this.loaded = host.updateComplete
      .then(nextPaint)
      .then(pageLoadedAndIdle)
      .then(() => loadChunk(() => import('./engine-controller.js')))
      .then(({ EngineController }) => {
        // Adding a controller to a connected host connects it: it takes the engine and subscribes.
        this.controller = new EngineController(host);
        host.requestUpdate();
      });
    // The failure is the page's console's to show; the stored counts stay on screen.
    this.loaded.catch((error: unknown) => console.error('The offline core could not be loaded:', error));
  }

  /** The engine for the host's user and database, or null before its chunk is loaded or without a valid user id. */
  get engine(): OfflineReview | null {
    return this.controller?.engine ?? null;
  }

  /**
   * The engine's latest sync state; before it is loaded, the stored counts, and those still
   * until the engine has counted (its first state knows nothing yet); null without a valid user id.
   */
  get state(): SyncState | null {
    if (!this.controller) return this.read;
    const live = this.controller.state;
    // The stored counts are the host's user's and database's only while they stay so.
    const read = this.key === JSON.stringify([this.host.user, this.host.dbName]) ? this.read : null;
    return live && !live.counted && read?.counted ? read : live;
  }

  /** Reads the stored counts for the host's first user (and again when it changes before the engine is loaded). */
  hostConnected(): void {
    this.hostUpdate();
  }

  /**
   * Offers the host's engine options; follows the host's `user` and `db-name` until the
   * engine's controller does (a tag with no user signs the device out at once).
   */
  hostUpdate(): void {
    this.offerOptions();
    if (this.controller) return;
    const { user, dbName } = this.host;
    const key = JSON.stringify([user, dbName]);
    if (key === this.key) return;
    this.key = key;
    // Once the first paint is on screen (the sign-out is not what the learner waits for), not after the engine.
    if (user === '') void this.host.updateComplete.then(nextPaint).then(() => this.signOut());
    this.read = isRecordId(user) ? initialSyncState(currentlyOnline()) : null;
    if (!this.read) return;
    readStoredCounts(dbName, user).then(
      (counts) => {
        if (this.controller || key !== this.key) return;
        this.read = { ...this.read!, ...counts };
        this.host.requestUpdate();
      },
      // Unreadable now: the engine counts again when it arrives.
      () => undefined,
    );
  }

  /** Withdraws the offered options (the engine's controller unsubscribes itself). */
  hostDisconnected(): void {
    this.withdraw?.();
    this.withdraw = null;
  }

  /** Offers the host's `api-base` and sign-in options for its user's engine, as they are now (before each update). */
  private offerOptions(): void {
    this.withdraw?.();
    const { user, dbName, apiBase } = this.host;
    this.withdraw = isRecordId(user) ? offerOptions({ userId: user, dbName }, { apiBase, ...engineSignIn(this.host) }) : null;
  }

  /** Announces the host's sign-out (no user) before the engine arrives: once, and not if its controller took over. */
  private signOut(): void {
    const { user, dbName } = this.host;
    if (this.controller || user !== '' || !claimAnnouncement(this.host, user, dbName)) return;
    // announceUser never rejects; a chunk that cannot be loaded is the console's to show.
    loadChunk(() => import('./device-user.js')).then(
      ({ announceUser }) => announceUser(dbName, null, location.href),
      (error: unknown) => console.error('The offline core could not be loaded:', error),
    );
  }

  /** Re-reads the engine's state and updates the host. */
  refresh(): void {
    if (this.controller) this.controller.refresh();
    else this.host.requestUpdate();
  }
}
