/**
 * Which user and database each tag last announced to the device (device-user.ts), so that a
 * tag announces once per pair even when two controllers serve it in turn: `<sync-indicator>`
 * announces a sign-out before its engine's chunk arrives, and the engine's controller, which
 * takes over then, does not announce it again (every sign-out is counted).
 */
import { isRecordId } from '../../src/records/record-id.js';

const announced = new WeakMap<object, string>();

/**
 * True when `host` should announce `user` (empty: nobody, a sign-out) for `dbName` now, and
 * notes it as announced; false when it already did, or when `user` is an id the engine
 * refuses (a mistake of the page, not a sign-out).
 */
export function claimAnnouncement(host: object, user: string, dbName: string): boolean {
  const key = JSON.stringify([user, dbName]);
  if (announced.get(host) === key || (user !== '' && !isRecordId(user))) return false;
  announced.set(host, key);
  return true;
}
