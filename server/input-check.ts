/**
 * Checks a push's raw mutations for input that would break storage rather than merely be
 * wrong: a NUL or a lone surrogate in any string (PostgreSQL's text and jsonb cannot hold
 * them), and nesting deep enough to overflow a recursive serialiser. Such a mutation is
 * rejected on its own, so one bad entry never fails the push of the good ones. Also the
 * payload hash that tells a resent mutation from a reused id.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { RejectCode } from '../src/error-codes.js';
import { isStorableText } from '../src/records/field.js';
import type { Mutation } from '../src/types.js';

/** Deepest nesting a mutation may have, counting the mutation object as 1 (real ones use 4). */
export const MAX_MUTATION_DEPTH = 16;

/** Why a raw value cannot be stored, or null when it can. */
export interface UnsafeInput {
  code: RejectCode;
  message: string;
}

export { isStorableText };

/**
 * Walks `value` without recursion (a hostile depth cannot overflow the stack). Resolves the
 * first problem: `too-deep` past MAX_MUTATION_DEPTH, `invalid-text` for a string or key that
 * is not storable; null when the value is safe to validate and store.
 */
export function checkStorable(value: unknown): UnsafeInput | null {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current === 'string') {
      if (!isStorableText(current)) return { code: RejectCode.InvalidText, message: 'a string holds a NUL character or a lone surrogate' };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth > MAX_MUTATION_DEPTH) return { code: RejectCode.TooDeep, message: `nested deeper than ${MAX_MUTATION_DEPTH} levels` };
    if (Array.isArray(current)) {
      for (const item of current) stack.push([item, depth + 1]);
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      if (!isStorableText(key)) return { code: RejectCode.InvalidText, message: 'a key holds a NUL character or a lone surrogate' };
      stack.push([item, depth + 1]);
    }
  }
  return null;
}

/** JSON with object keys sorted, so equal values always give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * SHA-256 (hex) of a normalised mutation's type, action, data, hlc and clientTimestamp. A
 * mutation sent again is the same bytes from the device's queue, so the same hash; a different
 * hash under the same id is a different change wrongly reusing the id. Synchronous, in this
 * thread: Web Crypto's digest is a job handed to another thread and back, which for a few
 * hundred bytes costs several times the hashing, and costs more the less busy the process is
 * (a sleeping worker thread to wake per answer), so an instance's cost per answer would grow
 * as the load is spread over more instances.
 */
export function payloadHash(mutation: Mutation): string {
  const { type, action, data, hlc, clientTimestamp } = mutation;
  return bytesToHex(sha256(new TextEncoder().encode(canonical({ type, action, data, hlc, clientTimestamp }))));
}
