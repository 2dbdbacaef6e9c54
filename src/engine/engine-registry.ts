/**
 * The engines of this context, one per database and user, so that every element (and the
 * site's own code) on a page shares one: one connection, one sync queue, one state.
 */
import { OfflineReviewError } from '../errors.js';
import { conflictingOption, engineKey, type OfflineReviewOptions } from './engine-options.js';
import { withOfferedOptions } from './offered-options.js';

/** What the registry needs of an engine. */
export interface RegisteredEngine {
  readonly userId: string;
  readonly dbName: string;
  readonly closed: boolean;
}

/** Engines by database and user, with the options each was made with. */
export class EngineRegistry<E extends RegisteredEngine> {
  private readonly engines = new Map<string, { engine: E; options: OfflineReviewOptions }>();

  /**
   * The open engine for `options`' database and user, or a new one from `make`. Throws
   * OfflineReviewError('engine-conflict') (details.option) when the open one was made with
   * another value of an option that `options` gives. A new engine is made with the sign-in
   * options the tags offered for its database and user (offered-options.ts) where `options`
   * gives none of its own.
   */
  shared(options: OfflineReviewOptions, make: (options: OfflineReviewOptions) => E): E {
    const key = engineKey(options);
    const existing = this.engines.get(key);
    if (existing && !existing.engine.closed) {
      const option = conflictingOption(existing.options, options);
      if (option === null) return existing.engine;
      const { dbName, userId } = existing.engine;
      throw new OfflineReviewError('engine-conflict', `An engine for this user and database already runs with another "${option}".`, {
        details: { option, dbName, userId },
      });
    }
    const made = withOfferedOptions(options);
    const engine = make(made);
    this.engines.set(key, { engine, options: { ...made } });
    return engine;
  }

  /** Forgets `engine` (it closed), unless another one took its place. */
  forget(engine: E): void {
    const key = engineKey(engine);
    if (this.engines.get(key)?.engine === engine) this.engines.delete(key);
  }
}
