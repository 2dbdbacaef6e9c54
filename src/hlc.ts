/**
 * Hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014).
 * Why: ordering session status writes by wall clock lets a device with a clock set in the
 * future win forever. An HLC never runs behind any timestamp it has seen, and stays close to
 * physical time. Encoded as a string that sorts lexicographically in HLC order:
 * `WWWWWWWWWWWWWWW:CCCCC:node` (wall ms, 15 digits; counter, 5 digits; node id).
 */

export interface HlcState {
  wall: number;
  counter: number;
  node: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 5;

/** The zero clock of a node. */
export function hlcZero(node: string): HlcState {
  return { wall: 0, counter: 0, node };
}

/** Encodes a clock as a sortable string. */
export function encodeHlc(state: HlcState): string {
  return `${String(state.wall).padStart(WALL_DIGITS, '0')}:${String(state.counter).padStart(COUNTER_DIGITS, '0')}:${state.node}`;
}

/** Decodes a string from `encodeHlc`; throws a TypeError for anything else. */
export function decodeHlc(text: string): HlcState {
  const match = /^(\d{15}):(\d{5}):(.+)$/.exec(text);
  if (!match) throw new TypeError(`Not an HLC timestamp: ${JSON.stringify(text)}`);
  return { wall: Number(match[1]), counter: Number(match[2]), node: match[3]! };
}

// The check of the text form alone lives apart (hlc-text.ts): the record checks use it.
export { isHlc } from './hlc-text.js';

/** Orders two encoded HLCs: negative, zero or positive. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The clock for a local event at physical time `now`. */
export function tickHlc(previous: HlcState, now: number): HlcState {
  if (now > previous.wall) return { wall: now, counter: 0, node: previous.node };
  return { wall: previous.wall, counter: previous.counter + 1, node: previous.node };
}

/** The clock after receiving a remote timestamp at physical time `now`. */
export function receiveHlc(local: HlcState, remote: HlcState, now: number): HlcState {
  const wall = Math.max(local.wall, remote.wall, now);
  let counter: number;
  if (wall === local.wall && wall === remote.wall) counter = Math.max(local.counter, remote.counter) + 1;
  else if (wall === local.wall) counter = local.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  else counter = 0;
  return { wall, counter, node: local.node };
}
