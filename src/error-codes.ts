/**
 * The codes of OfflineReviewError (errors.ts) and of a server's rejections: the only list of
 * them. Tests assert the code, never the sentence.
 */

export const ErrorCode = {
  /** IndexedDB refused a write for lack of space, even after eviction and one retry. */
  StorageFull: 'storage-full',
  /** IndexedDB could not be opened (private mode, blocked upgrade, browser bug). */
  StorageUnavailable: 'storage-unavailable',
  /** A caller passed something that is not valid (bad item, bad option, bad attribute). */
  InvalidInput: 'invalid-input',
  /** A server answered something that is not protocol v1. Never treated as a success. */
  InvalidResponse: 'invalid-response',
  /** The network is down or the request could not be sent. */
  Network: 'network',
  /** The request took longer than its timeout. */
  Timeout: 'timeout',
  /** The server answered 401: the user must sign in again. The queue pauses. */
  AuthRequired: 'auth-required',
  /** The server answered 403 for a whole request. */
  Forbidden: 'forbidden',
  /** The server answered 413: the batch was too large. */
  PayloadTooLarge: 'payload-too-large',
  /** The server answered 429 or 503 (Retry-After may be set). */
  RateLimited: 'rate-limited',
  /** The server answered 5xx. */
  ServerError: 'server-error',
  /** The server answered 400 for a whole request. */
  BadRequest: 'bad-request',
  /** The operation was cancelled through an AbortSignal. */
  Aborted: 'aborted',
  /** Something was asked of an object that was closed. */
  Closed: 'closed',
  /** Items could not be loaded (src unreachable and nothing cached). */
  ContentUnavailable: 'content-unavailable',
  /** A record was not found. */
  NotFound: 'not-found',
  /**
   * `OfflineReview.for` was asked for the engine of a database and user that already runs with
   * another value of an option (`details.option`): close it first, or pass the same options.
   */
  EngineConflict: 'engine-conflict',
  /** Something failed that the library did not expect (a bug); `cause` holds the original. */
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Codes a server puts in a push result with `status: "rejected"`.
 * A rejected mutation goes to the dead letters at once, with its code and message.
 */
export const RejectCode = {
  InvalidMutation: 'invalid-mutation',
  UnsupportedType: 'unsupported-type',
  UnsupportedAction: 'unsupported-action',
  WrongUser: 'wrong-user',
  TooLarge: 'too-large',
  UnknownSession: 'unknown-session',
  Conflict: 'conflict',
  /** A string holds a NUL character or a lone surrogate: no database can store it as text. */
  InvalidText: 'invalid-text',
  /** The mutation is nested deeper than any real one (a hostile or broken client). */
  TooDeep: 'too-deep',
  /** The mutation id was already used for a different payload; the new change is refused. */
  IdReused: 'id-reused',
} as const;
export type RejectCode = (typeof RejectCode)[keyof typeof RejectCode];
