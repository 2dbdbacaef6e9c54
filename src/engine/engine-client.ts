/**
 * The engine's HTTP client, as a chunk of its own: the first card needs none of it, so it is
 * imported at the first drain (or the first deck fetch), not with the engine.
 */
import type { ReviewApiClient } from '../client/http-client.js';
import { requestTimeoutMs } from '../client/timeout.js';
import { LazyChunk } from '../sync/lazy-chunk.js';
import type { OfflineReviewOptions } from './engine-options.js';

/**
 * The client for `apiBase` and the engine's options, loaded on first use.
 * @throws OfflineReviewError('invalid-input') for a bad `timeoutMs`, at once (not at the load).
 */
export function lazyClient(options: OfflineReviewOptions, apiBase: string): LazyChunk<ReviewApiClient> {
  const clientOptions = {
    baseUrl: apiBase,
    timeoutMs: requestTimeoutMs(options.timeoutMs),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.tokenUrl ? { tokenUrl: options.tokenUrl, tokenSubject: options.userId } : {}),
  };
  return new LazyChunk('HTTP client', async () => new (await import('../client/http-client.js')).ReviewApiClient(clientOptions));
}
