/**
 * The engine's HTTP client, as a chunk of its own: the first card needs none of it, so it is
 * imported at the first drain (or the first deck fetch), not with the engine.
 */
import type { ReviewApiClient } from '../client/http-client.js';
import { requestTimeoutMs } from '../client/timeout.js';
import { LazyChunk } from '../sync/lazy-chunk.js';
import type { OfflineReviewOptions } from './engine-options.js';
import { offeredOptions, withOfferedOptions } from './offered-options.js';

/**
 * The client for `apiBase` and the engine's options, loaded on first use.
 * @throws OfflineReviewError('invalid-input') for a bad `timeoutMs`, at once (not at the load).
 */
export function lazyClient(options: OfflineReviewOptions, apiBase: string): LazyChunk<ReviewApiClient> {
  const timeoutMs = requestTimeoutMs(options.timeoutMs);
  return new LazyChunk('HTTP client', async () => {
    // A tag may offer its sign-in after a page script made the engine without one (its chunk
    // came later): what was offered by the time the client loads fills in, and an engine made
    // without headers of its own asks the offer before each request, so a push refused for a
    // missing CSRF header is sent with it on its retry.
    const made = withOfferedOptions(options);
    const headers = options.headers ?? (() => offeredOptions(options).headers?.() ?? {});
    const clientOptions = {
      baseUrl: apiBase,
      timeoutMs,
      headers,
      ...(made.tokenUrl ? { tokenUrl: made.tokenUrl, tokenSubject: options.userId } : {}),
    };
    return new (await import('../client/http-client.js')).ReviewApiClient(clientOptions);
  });
}
