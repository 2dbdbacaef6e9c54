/**
 * The page's side of the answer worker (answer-worker.ts): posts each answer to record to the
 * worker and resolves what the worker wrote. The worker is started ahead of the first answer
 * (`prepare`, once a session starts) or by it, from beside this module (through a one-line
 * module of the page's origin when this one came from another, a CDN).
 *
 * Answers are posted only once the worker says it runs (`ready`); until then the page holds
 * them. Where the worker cannot run (no module workers, a site's policy refuses it, its script
 * cannot be fetched, or it is not ready within READY_MS), the answers held, and every later
 * one, are recorded on the page instead, as they were before the worker: none of them was ever
 * posted, so none is recorded twice. When the page is hidden or closed before the worker is
 * ready, the answers held are recorded on the page at once, not left waiting on a fetch.
 */
import { OfflineReviewError } from '../errors.js';
import { fromWire, type AnswerReply, type AnswerRequest } from './answer-messages.js';
import type { AnswerWrite } from './answer-store.js';
import { loadDerivation } from './derivation-loader.js';
import type { ReviewDatabase } from './schema.js';

/** An answer to record, without the message's id. */
export type AnswerJob = Omit<AnswerRequest, 'id'>;

/** Where a storage records its answers. */
export interface AnswerRecorder {
  /** Records `job`'s answer; resolves once its transaction committed. Rejects as `recordAnswer` does. */
  record(job: AnswerJob): Promise<AnswerWrite>;
  /** Starts what records the answers, ahead of the first. */
  prepare(): void;
  /** Lets what is being recorded finish, then lets go of the worker. */
  close(): void;
}

/** How long a starting worker may take to say it runs before the page records the answers itself. */
export const READY_MS = 3000;

/**
 * The recorder of a storage whose database is `db`: a worker when `useWorker` and the page can
 * start one, else the page itself (IndexedDBStorageOptions' `answerWorker`).
 */
export function answerRecorder(useWorker: boolean, db: () => Promise<ReviewDatabase>): AnswerRecorder {
  const inPage = async ({ deviceId, answer, now, derive }: AnswerJob): Promise<AnswerWrite> => {
    // Loaded before the transaction opens: one would commit by itself while a chunk is fetched.
    const { recordAnswer } = await loadDerivation();
    return recordAnswer(await db(), deviceId, answer, now, derive);
  };
  const canStart = typeof Worker === 'function' && typeof document !== 'undefined';
  return useWorker && canStart ? new AnswerWorkerClient(inPage) : { record: inPage, prepare: () => undefined, close: () => undefined };
}

interface Waiting {
  job: AnswerJob;
  resolve(written: AnswerWrite): void;
  reject(error: unknown): void;
}

/** Records answers in a dedicated worker, or on the page where no worker runs. */
export class AnswerWorkerClient implements AnswerRecorder {
  private worker: Worker | null = null;
  /** True once the worker said it runs: answers are posted to it. */
  private ready = false;
  /** True once the worker could not start (or not in time), or could not open the database: answers are recorded on the page. */
  private unavailable = false;
  private closing = false;
  private nextId = 0;
  /** Answers posted to the worker, by message id. */
  private readonly posted = new Map<number, Waiting>();
  /** Answers given before the worker was ready, in order. */
  private held: Waiting[] = [];
  private readyTimer: ReturnType<typeof setTimeout> | undefined;
  /** The one-line module that imports the worker from another origin, revoked once the worker runs or failed. */
  private blobUrl: string | null = null;
  /** Hidden or closed before the worker runs: what it holds is recorded on the page now. */
  private readonly onHidden = (event: Event): void => {
    if (event.type === 'pagehide' || document.visibilityState === 'hidden') this.recordHeldOnPage();
  };

  /** `inPage` records an answer on the page: used where the worker cannot run. */
  constructor(private readonly inPage: (job: AnswerJob) => Promise<AnswerWrite>) {}

  record(job: AnswerJob): Promise<AnswerWrite> {
    const worker = this.start();
    // A hidden page may be frozen or discarded before the worker runs: recorded here at once.
    if (!worker || (!this.ready && document.visibilityState === 'hidden')) return this.inPage(job);
    return new Promise((resolve, reject) => {
      const waiting = { job, resolve, reject };
      if (this.ready) this.post(worker, waiting);
      else this.held.push(waiting);
    });
  }

  prepare(): void {
    this.start();
  }

  /**
   * Ends the worker once the answers given to it are stored (a transaction is never cut short);
   * those held for a worker still starting are posted when it runs. Later answers are refused
   * as 'closed' (by the page's closed connection).
   */
  close(): void {
    this.closing = true;
    if (this.posted.size === 0 && this.held.length === 0) this.stop();
  }

  private start(): Worker | null {
    if (this.unavailable || this.closing) return null;
    if (this.worker) return this.worker;
    try {
      // A worker's script must come from the page's origin. From a CDN on another origin, a
      // one-line module of the page's origin imports it (the CDN serves modules with CORS,
      // or the page could not have loaded this one); a policy that refuses `blob:` workers
      // makes that fail like any other worker that cannot start. A bundler's `import.meta.url`
      // (a file: URL) takes the first way, which bundlers recognise.
      const here = new URL(import.meta.url);
      if (!here.protocol.startsWith('http') || here.origin === location.origin) {
        // Written out whole, with its options literal: the form bundlers find a worker by.
        this.worker = new Worker(new URL('./answer-worker.js', import.meta.url), { type: 'module', name: 'offline-review answers' });
      } else {
        const source = `import ${JSON.stringify(new URL('./answer-worker.js', import.meta.url).href)};`;
        this.blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        this.worker = new Worker(this.blobUrl, { type: 'module', name: 'offline-review answers' });
      }
    } catch {
      // Refused at once (a policy, or a browser without module workers).
      this.unavailable = true;
      this.revoke();
      return null;
    }
    this.worker.addEventListener('message', (event: MessageEvent<AnswerReply>) => this.receive(event.data));
    // Before `ready`: the script did not load or run, and nothing was posted to it. After it
    // (an error the worker did not catch): what it was given is recorded again on the page,
    // where one it had stored already comes back a duplicate, stored once.
    this.worker.addEventListener('error', () => this.fallBack());
    // A reply that cannot be read: which answer it was for is unknown, so all of them are.
    this.worker.addEventListener('messageerror', () => this.fallBack());
    this.readyTimer = setTimeout(() => {
      if (!this.ready) this.fallBack();
    }, READY_MS);
    addEventListener('pagehide', this.onHidden);
    document.addEventListener('visibilitychange', this.onHidden);
    return this.worker;
  }

  private post(worker: Worker, waiting: Waiting): void {
    const id = ++this.nextId;
    try {
      worker.postMessage({ id, ...waiting.job } satisfies AnswerRequest);
      this.posted.set(id, waiting);
    } catch (error) {
      // An answer that cannot be cloned (a DataCloneError) cannot be stored either: refused as
      // the page's own transaction refuses it, and it costs only itself.
      waiting.reject(new OfflineReviewError('invalid-input', 'A value cannot be stored in IndexedDB.', { cause: error }));
    }
  }

  private receive(reply: AnswerReply): void {
    if ('ready' in reply) {
      this.ready = true;
      this.stopWaiting();
      this.revoke();
      const held = this.held;
      this.held = [];
      for (const waiting of held) this.post(this.worker!, waiting);
      if ((this.closing || this.unavailable) && this.posted.size === 0) this.stop();
      return;
    }
    const waiting = this.posted.get(reply.id);
    if (!waiting) return;
    this.posted.delete(reply.id);
    if ('written' in reply) waiting.resolve(reply.written);
    else if (reply.error.code === 'storage-unavailable') {
      // The worker cannot open the database where the page can (nothing of this answer was
      // stored): this one, those posted after it and every later one are recorded on the page, in order.
      this.fallBack([waiting]);
      return;
    } else waiting.reject(fromWire(reply.error));
    if ((this.closing || this.unavailable) && this.posted.size === 0) this.stop();
  }

  /** The answers held for a worker not yet running are recorded on the page now (it may be closing). */
  private recordHeldOnPage(): void {
    const held = this.held;
    this.held = [];
    for (const { job, resolve, reject } of held) this.inPage(job).then(resolve, reject);
  }

  /**
   * The worker cannot run: what was given to it (`first`, then the rest in order), what was held
   * for it, and every later answer, is recorded on the page. One it had stored already comes
   * back a duplicate there; it is still this call's answer, stored once, and reported as written.
   */
  private fallBack(first: Waiting[] = []): void {
    this.unavailable = true;
    this.stop();
    const given = [...first, ...this.posted.values()].map(({ job, resolve, reject }) => ({
      job,
      resolve: (written: AnswerWrite) => resolve(written.duplicate ? { ...written, duplicate: false } : written),
      reject,
    }));
    this.posted.clear();
    this.held = [...given, ...this.held];
    this.recordHeldOnPage();
  }

  private stopWaiting(): void {
    clearTimeout(this.readyTimer);
    removeEventListener('pagehide', this.onHidden);
    document.removeEventListener('visibilitychange', this.onHidden);
  }

  private stop(): void {
    this.stopWaiting();
    this.worker?.terminate();
    this.worker = null;
    this.revoke();
  }

  private revoke(): void {
    if (this.blobUrl) URL.revokeObjectURL(this.blobUrl);
    this.blobUrl = null;
  }
}
