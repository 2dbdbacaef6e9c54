/**
 * One error class with a stable `code`, `details` and the original `cause`.
 * Tests assert the code, never the sentence. The table in error-codes.ts is the only list of codes.
 */

// The codes' tables are in error-codes.ts, IndexedDB's quota error in quota-error.ts: a first
// card runs this class and neither of them, which the engine and the server use. Not
// re-exported as values: a module that names another takes it into its chunk.
import type { ErrorCode } from './error-codes.js';

export type { ErrorCode, RejectCode } from './error-codes.js';

export interface OfflineReviewErrorOptions {
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** The only error class the library throws. `code` is stable; `message` is for people. */
export class OfflineReviewError extends Error {
  override readonly name = 'OfflineReviewError';
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: OfflineReviewErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** True when `error` is an OfflineReviewError, optionally with the given code. */
export function isOfflineReviewError(error: unknown, code?: ErrorCode): error is OfflineReviewError {
  return error instanceof OfflineReviewError && (code === undefined || error.code === code);
}
