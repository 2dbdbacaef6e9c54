/**
 * How HTTP outcomes become OfflineReviewErrors (docs/protocol.md, "Status codes and what the client does"), in
 * one table so that the queue can act on stable codes: network and timeout back off without
 * spending retries, 5xx/429/503 count a retry and honour Retry-After, 401 pauses, and so on.
 */
import { OfflineReviewError } from '../errors.js';
import type { ErrorCode } from '../errors.js';

/**
 * Parses a Retry-After header: delay-seconds or an HTTP date (RFC 9110, 10.2.3).
 * Resolves milliseconds from `now` (never negative), or undefined when absent or malformed.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only dates in a recognised HTTP form: Date.parse accepts too much (e.g. "5.5").
  if (!/^[A-Za-z]{3},\s|GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The code for an HTTP status that is not a success. */
export function codeForStatus(status: number, hasRetryAfter: boolean): ErrorCode {
  if (status === 401) return 'auth-required';
  if (status === 403) return 'forbidden';
  if (status === 413) return 'payload-too-large';
  if (status === 429) return 'rate-limited';
  // A 503 with Retry-After is the server asking to slow down; without, it is just down.
  if (status === 503 && hasRetryAfter) return 'rate-limited';
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'bad-request';
  // 1xx/3xx reaching here are not protocol answers.
  return 'invalid-response';
}

/** What a request was, for error details. */
export interface RequestInfo {
  method: string;
  url: string;
}

/**
 * Builds the error for a response that is not a success. Reads the protocol's error body
 * `{error: {code, message}}` when there is one, into details.serverCode / serverMessage.
 */
export async function errorForResponse(response: Response, request: RequestInfo, now: number = Date.now()): Promise<OfflineReviewError> {
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), now);
  const code = codeForStatus(response.status, retryAfterMs !== undefined);
  const details: Record<string, unknown> = { status: response.status, method: request.method, url: request.url };
  if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
  let bodyError: unknown;
  try {
    const body: unknown = await response.json();
    const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
    if (typeof error === 'object' && error !== null) {
      const { code: serverCode, message } = error as { code?: unknown; message?: unknown };
      if (typeof serverCode === 'string') details.serverCode = serverCode;
      if (typeof message === 'string') details.serverMessage = message;
    }
  } catch (error) {
    // The status already decides the outcome; a body that is not the protocol's error JSON
    // (a proxy's HTML page, an aborted read) only loses the server's explanation, kept as cause.
    bodyError = error;
  }
  return new OfflineReviewError(code, `${request.method} ${request.url} answered ${response.status}.`, {
    details,
    cause: bodyError,
  });
}
