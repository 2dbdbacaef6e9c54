/**
 * The device's hybrid logical clock, kept in the meta store so that every tab and the worker
 * tick the same clock inside the transaction of the write it stamps.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import { decodeHlc, encodeHlc, hlcZero, isHlc, receiveHlc, tickHlc, type HlcState } from '../hlc.js';
import { MetaKey } from './meta-keys.js';
import type { ReviewDB } from './schema.js';
import { queued } from './transaction.js';

/** The meta store inside some read-write transaction. */
export type MetaStore = IDBPObjectStore<ReviewDB, ArrayLike<StoreNames<ReviewDB>>, 'meta', 'readwrite'>;

/**
 * Reads the HLC from meta, ticks it for a local event at `now`, stores it; resolves the new
 * encoded clock. (An answer reads it with its other reads and ticks it with `tickedHlc`.)
 */
export async function tickStoredHlc(meta: MetaStore, deviceId: string, now: number): Promise<string> {
  const encoded = tickedHlc(await meta.get(MetaKey.Hlc), deviceId, now);
  queued(meta.put(encoded, MetaKey.Hlc));
  return encoded;
}

/** The clock stored as `stored`, ticked for a local event at `now` and encoded (to store under `MetaKey.Hlc`). */
export function tickedHlc(stored: unknown, deviceId: string, now: number): string {
  return encodeHlc(tickHlc(readHlc(stored, deviceId), now));
}

/** Moves the stored HLC past remote clocks seen in pulled data. */
export async function receiveStoredHlc(
  meta: MetaStore,
  deviceId: string,
  remote: readonly string[],
  now: number,
): Promise<void> {
  let clock = readHlc(await meta.get(MetaKey.Hlc), deviceId);
  for (const text of remote) if (isHlc(text)) clock = receiveHlc(clock, decodeHlc(text), now);
  queued(meta.put(encodeHlc(clock), MetaKey.Hlc));
}

function readHlc(stored: unknown, deviceId: string): HlcState {
  // The node is always this device, even if an old clock was stored under another id.
  return isHlc(stored) ? { ...decodeHlc(stored), node: deviceId } : hlcZero(deviceId);
}
