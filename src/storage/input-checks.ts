/**
 * Input checks of the storage layer: a failed check is the caller's mistake and throws
 * OfflineReviewError('invalid-input') before anything is written.
 */
import { OfflineReviewError } from '../errors.js';

/** Throws OfflineReviewError('invalid-input') unless `ok`. */
export function check(ok: boolean, message: string, details: Record<string, unknown> = {}): asserts ok {
  if (!ok) throw new OfflineReviewError('invalid-input', message, { details });
}

/** A finite number check for inputs. */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
