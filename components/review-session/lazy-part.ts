/**
 * A part of `<review-session>` that is a chunk of its own (the summaries, typed answers),
 * imported the first time it is needed, or ahead of that, and kept once it is in. What renders
 * it reads `loaded`; what shows it awaits `load()` first, so a screen is never shown before its
 * code has arrived (docs/design.md, "Loading").
 */
import { OfflineReviewError } from '../../src/errors.js';
import { loadChunk } from '../shared/stale-build.js';

/** One chunk of the review tag, loaded once. */
export class LazyPart<T> {
  /** What the chunk gives, once it is in; null before. */
  loaded: T | null = null;
  /** The part's name, in its errors' `details.chunk`. */
  readonly name: string;
  private readonly importer: () => Promise<T>;
  private pending: Promise<T> | null = null;

  /** The part called `name` (in errors), whose chunk `importer` imports. */
  constructor(name: string, importer: () => Promise<T>) {
    this.name = name;
    this.importer = importer;
  }

  /**
   * Resolves the part, importing its chunk on the first call (later calls share it). Rejects
   * with `content-unavailable` (`details.chunk` names the part) when the chunk cannot be loaded,
   * offline before the worker cached it say; a later call tries again.
   */
  load(): Promise<T> {
    this.pending ??= loadChunk(this.importer).then(
      (value) => (this.loaded = value),
      (cause: unknown) => {
        this.pending = null;
        throw new OfflineReviewError('content-unavailable', `A part of the review (${this.name}) could not be loaded.`, { details: { chunk: this.name }, cause });
      },
    );
    return this.pending;
  }
}
