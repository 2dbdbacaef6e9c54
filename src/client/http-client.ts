/**
 * The HTTP side of sync protocol v1 (docs/protocol.md): push,
 * pull, and plain JSON reads for decks. Every failure is an OfflineReviewError with a stable
 * code (see http-errors.ts), and a malformed answer is an error, never a success.
 * Runs in pages and in the service worker: no `window`, no `document`.
 */
import { OfflineReviewError } from '../errors.js';
import { PROTOCOL_LIMITS } from '../protocol/mutations.js';
import { parsePullResponse, parsePushResponse } from '../protocol/responses.js';
import { PROTOCOL_VERSION } from '../types.js';
import type { Mutation, PullResponse, PushRequest, PushResponse } from '../types.js';
import { errorForResponse } from './http-errors.js';
import { requestTimeoutMs } from './timeout.js';
import { TokenSource } from './token-source.js';
import type { RequestInfo } from './http-errors.js';

/** Options of a ReviewApiClient. */
export interface ReviewApiClientOptions {
  /** The protocol's base path or URL. Default '/api/review'. */
  baseUrl?: string;
  /** Per request, including reading the body. Default 15,000 ms; 0 or Infinity: none. */
  timeoutMs?: number;
  /** Default 'same-origin': the site's session cookie goes along, never to other origins. */
  credentials?: RequestCredentials;
  /** Extra headers for every request, asked for each time (a CSRF token that rotates, say). */
  headers?: () => HeadersInit | Promise<HeadersInit>;
  /** The host site's token URL: its JWT goes as `Authorization: Bearer` (token-source.ts). */
  tokenUrl?: string;
  /** The user a token must be for (its `sub`): a token for anyone else pauses with auth-required. */
  tokenSubject?: string;
}

const DEFAULT_BASE = '/api/review';
export { DEFAULT_TIMEOUT_MS } from './timeout.js';
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What every request is made with: a ReviewApiClient's resolved options. */
export interface ClientSettings {
  /** The base path or URL, without a trailing slash. */
  readonly baseUrl: string;
  /** The timeout of each request in milliseconds (0 or Infinity: none). */
  readonly timeoutMs: number;
  /** The credentials mode of every request. */
  readonly credentials: RequestCredentials;
  /** Extra headers, asked for before each request. */
  readonly headers: (() => HeadersInit | Promise<HeadersInit>) | undefined;
  /** Where the bearer token comes from, when the site signs in with tokens. */
  readonly token: TokenSource | undefined;
}

/**
 * Fills in the defaults and checks the options.
 * @throws OfflineReviewError('invalid-input') for a negative or NaN timeout.
 */
export function clientSettings(options: ReviewApiClientOptions = {}): ClientSettings {
  const timeoutMs = requestTimeoutMs(options.timeoutMs);
  return {
    baseUrl: (options.baseUrl ?? DEFAULT_BASE).replace(/\/+$/, ''),
    timeoutMs,
    credentials: options.credentials ?? 'same-origin',
    headers: options.headers,
    token: options.tokenUrl ? new TokenSource(options.tokenUrl, options.tokenSubject) : undefined,
  };
}

/**
 * Pushes mutations: `POST {base}/sync` with `{protocol: 1, clientId, mutations}`.
 * Resolves one validated result per mutation (in the order sent) and the server's cursor.
 * A batch over PROTOCOL_LIMITS (count or bytes) fails with payload-too-large before it is
 * sent, exactly as a server's 413 would (details.local, no status). `ReviewApiClient.push`
 * is this; the service worker, which only pushes, calls it without the class.
 * @throws OfflineReviewError: network | timeout | aborted | auth-required | forbidden |
 * payload-too-large | rate-limited | server-error | bad-request | invalid-response.
 */
export async function pushTo(
  settings: ClientSettings,
  req: { clientId: string; mutations: Mutation[] },
  signal?: AbortSignal,
): Promise<PushResponse> {
  const info = { method: 'POST', url: `${settings.baseUrl}/sync` };
  const body: PushRequest = { protocol: PROTOCOL_VERSION, clientId: req.clientId, mutations: req.mutations };
  const text = JSON.stringify(body);
  const bytes = new TextEncoder().encode(text).length;
  if (req.mutations.length > PROTOCOL_LIMITS.maxMutationsPerPush || bytes > PROTOCOL_LIMITS.maxBodyBytes) {
    throw new OfflineReviewError('payload-too-large', 'The batch is over the protocol limits; send fewer mutations.', {
      details: { ...info, local: true, count: req.mutations.length, bytes, limits: { ...PROTOCOL_LIMITS } },
    });
  }
  const json = await request(settings, info, text, signal, 'no-store');
  return parsePushResponse(json, req.mutations.map((m) => m.id));
}

/** Talks protocol v1 to a sync server. One instance per base URL is enough; it keeps no state. */
export class ReviewApiClient implements ClientSettings {
  /** The base path or URL, without a trailing slash. */
  readonly baseUrl: string;
  /** The timeout of each request in milliseconds. */
  readonly timeoutMs: number;
  /** The credentials mode of every request. */
  readonly credentials: RequestCredentials;
  /** The extra-headers hook, if any. */
  readonly headers: (() => HeadersInit | Promise<HeadersInit>) | undefined;
  /** The bearer token's source, if any. */
  readonly token: TokenSource | undefined;

  /**
   * Makes a client; sends nothing until asked.
   * @throws OfflineReviewError('invalid-input') for a negative or NaN timeout.
   */
  constructor(options: ReviewApiClientOptions = {}) {
    const settings = clientSettings(options);
    this.baseUrl = settings.baseUrl;
    this.timeoutMs = settings.timeoutMs;
    this.credentials = settings.credentials;
    this.headers = settings.headers;
    this.token = settings.token;
  }

  /** See {@link pushTo}. */
  push(req: { clientId: string; mutations: Mutation[] }, signal?: AbortSignal): Promise<PushResponse> {
    return pushTo(this, req, signal);
  }

  /**
   * Pulls changes: `GET {base}/changes?since=&limit=` (no `since`: from the beginning).
   * Resolves the validated page. Throws the same codes as `push`.
   */
  async pull(since: string | null, limit?: number, signal?: AbortSignal): Promise<PullResponse> {
    const query = new URLSearchParams();
    if (since !== null) query.set('since', since);
    if (limit !== undefined) query.set('limit', String(limit));
    const search = query.toString();
    const url = `${this.baseUrl}/changes${search ? `?${search}` : ''}`;
    return parsePullResponse(await request(this, { method: 'GET', url }, undefined, signal, 'no-store'));
  }

  /**
   * GETs any JSON document (a deck for `<review-session src>`) with the same credentials,
   * headers, timeout and error codes. Resolves the parsed JSON, unchecked: the caller
   * validates its shape. Throws invalid-response when the body is not JSON.
   */
  async fetchJson(url: string, signal?: AbortSignal): Promise<unknown> {
    // The HTTP cache may revalidate a deck; protocol calls never touch it.
    return request(this, { method: 'GET', url }, undefined, signal, 'no-cache');
  }
}

/** One request under one deadline: connect, status, and body read. */
async function request(
  settings: ClientSettings,
  info: RequestInfo,
  body: string | undefined,
  signal: AbortSignal | undefined,
  cache: RequestCache,
): Promise<unknown> {
  const deadline = new Deadline(settings.timeoutMs, signal, info);
  try {
    deadline.throwIfDone();
    const headers = new Headers({ Accept: 'application/json' });
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    if (settings.headers) {
      try {
        new Headers(await settings.headers()).forEach((value, name) => headers.set(name, value));
      } catch (error) {
        // A browser raises a TypeError for what it could not fetch (a request, or a chunk such
        // as the CSRF token's reader): a network failure, which spends no answer's retries.
        if (error instanceof OfflineReviewError) throw error;
        throw new OfflineReviewError(error instanceof TypeError ? 'network' : 'invalid-input', 'The headers hook failed.', { details: { ...info }, cause: error });
      }
      deadline.throwIfDone();
    }
    const send = async (freshToken: boolean): Promise<Response> => {
      if (settings.token) {
        try {
          headers.set('Authorization', `Bearer ${await settings.token.get(deadline.signal, freshToken)}`);
        } catch (error) {
          throw deadline.failure(error) ?? error;
        }
      }
      try {
        return await fetch(info.url, { method: info.method, headers, body, credentials: settings.credentials, cache, signal: deadline.signal });
      } catch (error) {
        // fetch rejects with a TypeError when the network is down: only the deadline or the
        // caller can make it an AbortError, and `failure` tells those two apart.
        throw (
          deadline.failure(error) ??
          new OfflineReviewError('network', `${info.method} ${info.url} failed: no network.`, { details: { ...info }, cause: error })
        );
      }
    };
    let response = await send(false);
    // A token the server no longer takes (expired, a key rotated): one fresh token, one retry.
    if (response.status === 401 && settings.token) response = await send(true);
    // The status decides the outcome even if reading the error body is then cut short.
    if (!response.ok) throw await errorForResponse(response, info);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw deadline.failure(error) ?? new OfflineReviewError('network', `${info.method} ${info.url}: the answer was cut off.`, {
        details: { ...info, status: response.status },
        cause: error,
      });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new OfflineReviewError('invalid-response', `${info.method} ${info.url} did not answer JSON.`, {
        details: { ...info, status: response.status, contentType: response.headers.get('Content-Type') },
        cause: error,
      });
    }
  } finally {
    deadline.dispose();
  }
}

/**
 * Combines the caller's signal with a timeout, and remembers which one fired, so that a
 * timeout (back off, keep the retry budget) is never confused with a cancellation.
 */
class Deadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout> | undefined;
  private readonly caller: AbortSignal | undefined;
  private readonly info: RequestInfo;
  private readonly timeoutMs: number;
  private timedOut = false;
  private readonly onAbort = () => this.controller.abort(this.caller?.reason);

  constructor(timeoutMs: number, caller: AbortSignal | undefined, info: RequestInfo) {
    this.signal = this.controller.signal;
    this.caller = caller;
    this.info = info;
    this.timeoutMs = timeoutMs;
    // 0 or Infinity: no deadline. Past 2^31-1 ms a browser timer fires at once: clamp.
    this.timer =
      timeoutMs > 0 && Number.isFinite(timeoutMs)
        ? setTimeout(() => {
            this.timedOut = true;
            this.controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
          }, Math.min(timeoutMs, MAX_TIMER_MS))
        : undefined;
    if (caller?.aborted) this.onAbort();
    else caller?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Throws `aborted` or `timeout` when either already happened. */
  throwIfDone(): void {
    const failure = this.failure(undefined);
    if (failure) throw failure;
  }

  /** The error for `cause` when the deadline or the caller ended the request, else null. */
  failure(cause: unknown): OfflineReviewError | null {
    if (this.caller?.aborted) {
      return new OfflineReviewError('aborted', `${this.info.method} ${this.info.url} was cancelled.`, {
        details: { ...this.info },
        cause: cause ?? this.caller.reason,
      });
    }
    if (this.timedOut) {
      return new OfflineReviewError('timeout', `${this.info.method} ${this.info.url} took more than ${this.timeoutMs} ms.`, {
        details: { ...this.info, timeoutMs: this.timeoutMs },
        cause: cause ?? this.signal.reason,
      });
    }
    return null;
  }

  /** Stops the timer and forgets the caller's signal. */
  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onAbort);
  }
}
