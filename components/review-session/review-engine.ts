/**
 * `<review-session>`'s engine, loaded on demand: a scheduled review of inline items builds its
 * first card from a read-only reader of the database (first-card.ts), and the engine's chunk
 * (storage, the sync queue, the records' checks) is imported after that card's paint, or at
 * once when a grade needs it; other reviews (a drill, a `src` deck, "Practise anyway") import
 * it before their first card; the grades' chunk (grading.ts) comes with it. Once it is in,
 * an EngineController (engine-controller.ts) does what it does for every tag: the engine for
 * the host's attributes, its sync state, answers changed elsewhere and the device's user
 * announcement, which so follows the first card too.
 *
 * Before the engine, the tag offers its `api-base` and sign-in options at once
 * (src/engine/offered-options.ts), as the indicator does: a page script's engine made first
 * syncs and signs in as the tag says.
 */
import type { ReactiveController } from 'lit';
import { OfflineReviewError } from '../../src/errors.js';
import type { OfflineReview, SyncState } from '../../src/index.js';
import { offerOptions } from '../../src/engine/offered-options.js';
import { isRecordId } from '../../src/records/record-id.js';
import { currentlyOnline, initialSyncState } from '../../src/sync/sync-state.js';
import type { AnswersChangedCallback, EngineController, EngineHost } from '../shared/engine-controller.js';
import { engineSignIn } from '../shared/sign-in.js';
import { loadChunk } from '../shared/stale-build.js';
import type { EngineArrival } from './first-card.js';
import { grades } from './review-parts.js';

type ControllerModule = typeof import('../shared/engine-controller.js');

/** The engine of one review tag, once its chunk is loaded. */
export class ReviewEngine implements ReactiveController {
  /** The element. */
  readonly host: EngineHost;
  /** The engine of the review on screen when its first card was read without it; null otherwise. */
  arrival: EngineArrival | null = null;
  private readonly onAnswersChanged: AnswersChangedCallback;
  private readonly watch: ((state: SyncState | null) => unknown) | undefined;
  private controller: EngineController | null = null;
  private loading: Promise<EngineController> | null = null;
  private withdraw: (() => void) | null = null;

  /**
   * Registers itself with `host`; `onAnswersChanged` and `watch` go to the engine's controller
   * (engine-controller.ts). Each tag reads its first card itself, even where another has
   * loaded the chunk already: one way to the first card, whatever else the page holds.
   */
  constructor(host: EngineHost, onAnswersChanged: AnswersChangedCallback, watch?: (state: SyncState | null) => unknown) {
    this.host = host;
    this.onAnswersChanged = onAnswersChanged;
    this.watch = watch;
    host.addController(this);
  }

  /** True once the engine's controller is there (the chunk loaded). */
  get loaded(): boolean {
    return this.controller !== null;
  }

  /** The engine for the host's user and database, or null before its chunk is loaded or without a valid user id. */
  get engine(): OfflineReview | null {
    return this.controller?.engine ?? null;
  }

  /** The engine's latest sync state; before it, the state of a start (online or not); null without a valid user id. */
  get state(): SyncState | null {
    if (this.controller) return this.controller.state;
    return isRecordId(this.host.user) ? initialSyncState(currentlyOnline()) : null;
  }

  /**
   * Imports the engine's chunk (once) and resolves the engine for the host's attributes (null
   * without a valid user id). Rejects with `content-unavailable` (`details.chunk` 'engine', the
   * import's error its cause) when the chunk cannot be loaded; the next call imports again.
   */
  async load(): Promise<OfflineReview | null> {
    // What a grade does comes with the engine, which its write waits for (grading.ts): a
    // failure is not shown here, the grade tries again and shows it.
    if (!this.loading) void grades.load().catch(() => undefined);
    this.loading ??= loadChunk(() => import('../shared/engine-controller.js')).then(
      (module) => this.take(module),
      (cause: unknown) => {
        this.loading = null;
        throw new OfflineReviewError('content-unavailable', 'The offline core could not be loaded.', { details: { chunk: 'engine' }, cause });
      },
    );
    await this.loading;
    return this.engine;
  }

  /**
   * The engine that stores an answer: the arriving one (a grade before it waits for it), or
   * the loaded one. Null when it failed to arrive: the error screen says so, once
   * (review-controller.ts), and the answer is not stored.
   */
  forWrite(): Promise<OfflineReview | null> {
    return this.arrival ? this.arrival.forWrite() : Promise.resolve(this.engine);
  }

  private take(module: ControllerModule): EngineController {
    this.withdraw?.();
    this.withdraw = null;
    // Adding a controller to a connected host connects it: it takes the engine and subscribes.
    this.controller ??= new module.EngineController(this.host, this.onAnswersChanged, this.watch);
    this.host.requestUpdate();
    return this.controller;
  }

  /** Offers the host's options (a reconnected host's too). */
  hostConnected(): void {
    this.hostUpdate();
  }

  /** Follows the host's attributes: the engine's controller once it is in, the offered options until then. */
  hostUpdate(): void {
    if (this.controller) return this.controller.hostUpdate();
    this.withdraw?.();
    const { user, dbName, apiBase } = this.host;
    this.withdraw = isRecordId(user) ? offerOptions({ userId: user, dbName }, { apiBase, ...engineSignIn(this.host) }) : null;
  }

  /** Withdraws the offered options (the engine's controller unsubscribes itself). */
  hostDisconnected(): void {
    this.withdraw?.();
    this.withdraw = null;
  }
}
