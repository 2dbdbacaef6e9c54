/**
 * The meta keys of stale marks (stale-marks.ts writes, reads and clears the marks): apart from
 * their writers so that the first card, which only asks whether its items are marked
 * (first-card-states.ts), loads these few lines and not the writers, which only the engine runs.
 *
 * Keys: `stale:item:` + JSON of [userId, itemId], `stale:session:` + the session id. JSON
 * strings end with an unescaped quote, so one user's item marks are exactly the keys that start
 * with `stale:item:["<user>",` and a key range reads them in order.
 */

/** An item whose progress and card state are stale. */
export interface StaleItem {
  userId: string;
  itemId: string;
}

/** A session whose statistics are stale. */
export interface StaleSession {
  userId: string;
  sessionId: string;
}

const ITEM = 'stale:item:';
const SESSION = 'stale:session:';

/** The meta key of an item's mark. */
export function staleItemKey(userId: string, itemId: string): string {
  return `${ITEM}${JSON.stringify([userId, itemId])}`;
}

/** The meta key of a session's mark. */
export function staleSessionKey(sessionId: string): string {
  return `${SESSION}${sessionId}`;
}

/** Every key that starts with `prefix`: up to the prefix with its last character one higher, excluded. */
function prefixRange(prefix: string): IDBKeyRange {
  const next = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return IDBKeyRange.bound(prefix, next, false, true);
}

/** The range of the item marks of `userId`, or of every user. */
export function staleItemRange(userId?: string): IDBKeyRange {
  return prefixRange(userId === undefined ? ITEM : `${ITEM}[${JSON.stringify(userId)},`);
}

/** The range of every session mark. */
export function staleSessionRange(): IDBKeyRange {
  return prefixRange(SESSION);
}
