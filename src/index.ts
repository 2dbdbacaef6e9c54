/**
 * The offline core's public entry (`offline-review/core`, and with the elements the package
 * root): what a site needs to drive reviews from its own code, and what a server integrator
 * needs to speak the protocol and merge as the reference server does. docs/api.md documents
 * every name; docs/api-surface.txt lists them and test/node/api-surface.test.ts keeps the two
 * in step. Re-exports only; no rendering and no lit here.
 */

// The engine: one per database and user, shared with the tags.
export { OfflineReview, type OfflineReviewOptions, type AnswerInput } from './engine.js';
export type { SessionStart } from './engine/session-start.js';
export { AnswersChangedEvent, type AnswersOrigin } from './engine/answers-changed.js';
export { SyncStateEvent, type SyncState, type SyncError } from './sync/sync-state.js';
export { FailureKind } from './sync/sync-failure.js';
export type { DeadLetterReason } from './sync/sync-ports.js';

// Errors: one class with a stable code.
export { ErrorCode, RejectCode } from './error-codes.js';
export { OfflineReviewError, isOfflineReviewError, type OfflineReviewErrorOptions } from './errors.js';

// Records and the protocol.
export {
  MutationAction,
  MutationType,
  PROTOCOL_VERSION,
  Rating,
  ResultStatus,
  SessionMode,
  SessionStatus,
  TERMINAL_STATUSES,
  type AnswerRecord,
  type AnswerRetraction,
  type ChangeSet,
  type DeadLetter,
  type DeviceCounters,
  type Mutation,
  type MutationResult,
  type ProgressData,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type ReviewSession,
  type ReviewableContent,
  type SessionStatistics,
} from './types.js';

// Review statistics from the merged answers (what <review-stats> shows), for a site's own views.
export { dueForecast, retention, reviewPhaseAnswers, reviewStreak, reviewsPerDay, streakOfDays, type Retention, type ReviewStreak } from './stats/index.js';

// The merge rules, for a server that merges as the reference server does.
export { compareAnswers, deriveProgress, deriveSessionStatistics } from './merge/derive.js';
export { ConflictResolver, mergeAnswers, mergeProgress, mergeSessions, mergeStatistics } from './merge/conflict-resolver.js';
export { compareHlc, isHlc } from './hlc.js';
export { isUuid, uuidv7 } from './ids.js';
