/** Error helpers shared by the tags. */
import { OfflineReviewError, isOfflineReviewError } from '../../src/errors.js';

/** Any failure as an OfflineReviewError; an unexpected one becomes `internal`, keeping its `cause`. */
export function toOfflineReviewError(error: unknown): OfflineReviewError {
  if (isOfflineReviewError(error)) return error;
  return new OfflineReviewError('internal', error instanceof Error ? error.message : String(error), { cause: error });
}
