/**
 * Code the first card does not need, loaded on first use (a dynamic `import()`, which the CDN
 * build makes a chunk of its own). A failed load is not kept: the next use imports again, so a
 * device that was offline before the worker cached the chunk syncs once it can fetch it. Firefox
 * keeps a module whose fetch failed failed for the rest of the page: there the next import
 * fails the same way until the page is reloaded; the queue keeps every entry meanwhile.
 */
import { OfflineReviewError } from '../errors.js';

/** One lazily loaded part, loaded at most once at a time and kept once loaded. */
export class LazyChunk<T> {
  private readonly what: string;
  private readonly load: () => Promise<T>;
  private loading: Promise<T> | null = null;
  private value: T | undefined;

  /** `load` imports the part (`what` names it in errors); nothing is loaded until `get()`. */
  constructor(what: string, load: () => Promise<T>) {
    this.what = what;
    this.load = load;
  }

  /** The part when it is loaded, else undefined. */
  get current(): T | undefined {
    return this.value;
  }

  /**
   * Resolves the part, loading it on the first call (or the first after a failed load).
   * Rejects OfflineReviewError('network') with `details.chunk` when the import fails (the
   * chunk could not be fetched): callers treat it as a network failure and try again later.
   * An OfflineReviewError of the load itself is passed on as it is.
   */
  get(): Promise<T> {
    this.loading ??= this.load().then(
      (value) => (this.value = value),
      (cause: unknown) => {
        this.loading = null;
        if (cause instanceof OfflineReviewError) throw cause;
        throw new OfflineReviewError('network', `The ${this.what} code could not be loaded; the next try imports it again.`, {
          details: { chunk: this.what },
          cause,
        });
      },
    );
    return this.loading;
  }
}
