/**
 * The page's side of the answer worker (answer-worker.ts): posts each answer to record to the
 * worker and resolves what the worker wrote. The worker starts with the first answer, from
 * beside this module (through a one-line module of the page's origin when this one came from
 * another, a CDN). Where it cannot run (no module workers, a site's policy refuses it, its
 * script cannot be fetched),
 * its `error` event comes before any reply: the answers it held, and every later one, are
 * recorded on the page instead (`inPage`), as they were before the worker. That is safe even
 * for an answer the worker did store: an answer's id makes it idempotent.
 */
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
  /** Lets what is being recorded finish, then lets go of the worker. */
  close(): void;
}

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
  return useWorker && typeof Worker === 'function' ? new AnswerWorkerClient(inPage) : { record: inPage, close: () => undefined };
}

interface Waiting {
  job: AnswerJob;
  resolve(written: AnswerWrite): void;
  reject(error: unknown): void;
}

/** Records answers in a dedicated worker, or on the page where no worker runs. */
export class AnswerWorkerClient implements AnswerRecorder {
  private worker: Worker | null = null;
  /** True once the worker failed to start (or the client closed): answers are recorded on the page. */
  private unavailable = false;
  private closing = false;
  /** The one-line module that imports the worker from another origin, revoked once it replied or failed. */
  private blobUrl: string | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();

  /** `inPage` records an answer on the page: used where the worker cannot run. */
  constructor(private readonly inPage: (job: AnswerJob) => Promise<AnswerWrite>) {}

  /** Records `job`'s answer; resolves once its transaction committed. Rejects as `recordAnswer` does. */
  record(job: AnswerJob): Promise<AnswerWrite> {
    const worker = this.start();
    if (!worker) return this.inPage(job);
    return new Promise((resolve, reject) => {
      const id = ++this.nextId;
      this.waiting.set(id, { job, resolve, reject });
      try {
        worker.postMessage({ id, ...job } satisfies AnswerRequest);
      } catch {
        // An answer that cannot be cloned (a DataCloneError): the page's own transaction
        // refuses it with the error it always gave ('invalid-input'), and it costs only itself.
        this.waiting.delete(id);
        this.inPage(job).then(resolve, reject);
      }
    });
  }

  /** Ends the worker once the answers it holds are stored (a transaction is never cut short). */
  close(): void {
    this.closing = true;
    if (this.waiting.size === 0) this.stop();
  }

  private start(): Worker | null {
    if (this.worker || this.unavailable || this.closing) return this.worker;
    try {
      // A worker's script must come from the page's origin. From a CDN on another origin, a
      // one-line module of the page's origin imports it (the CDN serves modules with CORS,
      // or the page could not have loaded this one); a policy that refuses `blob:` workers
      // makes that fail like any other worker that cannot start.
      if (new URL(import.meta.url).origin === location.origin) {
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
      return null;
    }
    this.worker.addEventListener('message', (event: MessageEvent<AnswerReply>) => this.settle(event.data));
    // Before any reply: the script did not load or run. Nothing it held was stored by it.
    this.worker.addEventListener('error', () => this.fallBack());
    return this.worker;
  }

  private settle(reply: AnswerReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    this.revoke();
    if ('written' in reply) waiting.resolve(reply.written);
    else waiting.reject(fromWire(reply.error));
    if (this.closing && this.waiting.size === 0) this.stop();
  }

  /** The worker cannot run: what it held, and every later answer, is recorded on the page. */
  private fallBack(): void {
    this.unavailable = true;
    this.stop();
    const held = [...this.waiting.values()];
    this.waiting.clear();
    for (const { job, resolve, reject } of held) this.inPage(job).then(resolve, reject);
  }

  private stop(): void {
    this.worker?.terminate();
    this.worker = null;
    this.revoke();
  }

  private revoke(): void {
    if (this.blobUrl) URL.revokeObjectURL(this.blobUrl);
    this.blobUrl = null;
  }
}
