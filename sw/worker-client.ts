/**
 * How the worker's drain talks to the sync server: the pages' settings, with the site's token
 * URL when the engine stored one, so that Background Sync sends a fresh bearer token too (the
 * worker has the site's cookies, which is all the token URL needs). Runs in the worker and in
 * pages.
 */
import { clientSettings, type ClientSettings } from '../src/worker.js';
import type { WorkerConfig } from './worker-config.js';

/** The client settings of a drain for `userId` under `config`; a token for anyone else is refused. */
export function workerClientSettings(config: WorkerConfig, userId: string): ClientSettings {
  return clientSettings({ baseUrl: config.apiBase, ...(config.tokenUrl ? { tokenUrl: config.tokenUrl, tokenSubject: userId } : {}) });
}
