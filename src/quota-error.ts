/**
 * IndexedDB's quota error, recognised however the browser reports it: storage turns it into
 * `storage-full` (quota.ts). Apart from errors.ts, which a first card loads without storage.
 */

/** True for IndexedDB's quota error, whichever way the browser spells it. */
export function isQuotaExceededError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  if (name === 'QuotaExceededError') return true;
  // A transaction aborted for quota reports the DOMException on `error` of the transaction.
  const inner = (error as { error?: unknown }).error;
  return inner !== error && inner !== undefined && isQuotaExceededError(inner);
}
