/**
 * The keys of the meta store that the library itself uses. The meta store has out-of-line
 * keys, so these names are the only schema it has.
 */

/** Keys of the meta store that the library itself uses. */
export const MetaKey = {
  DeviceId: 'deviceId',
  Hlc: 'hlc',
  /** Configuration the service worker needs (API base, signed-in user). */
  Config: 'config',
  /** How many sign-outs this database has seen: a write begun before one never stands (sw/worker-config.ts). */
  SignOuts: 'signOuts',
  /** When old data was last cleaned up (engine/maintenance.ts). */
  CleanupAt: 'cleanupAt',
} as const;
export type MetaKey = (typeof MetaKey)[keyof typeof MetaKey];

/** The meta key of a user's pull cursor. */
export function cursorKey(userId: string): string {
  return `cursor:${userId}`;
}
