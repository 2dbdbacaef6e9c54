/**
 * The kinds of field a record may hold, and the one check of a value against a field. Pure:
 * runs in pages, the service worker and the server alike, so a value the client accepts is a
 * value the server accepts.
 */
import { isHlc } from '../hlc-text.js';
import { isRecordId, isStorableText, RECORD_LIMITS } from './record-id.js';

// The id check and the limits live apart so that a tag can check a user id without this table.
export { RECORD_LIMITS, isRecordId, isStorableText } from './record-id.js';

/** What a field holds. */
export type FieldKind =
  /** 1–200 characters, no whitespace, no control characters, no lone surrogates. */
  | 'id'
  /** A string with no NUL and no lone surrogates (it must survive UTF-8 and PostgreSQL). */
  | 'text'
  /** An integer from 0 to Number.MAX_SAFE_INTEGER: times (epoch ms), durations, counts. */
  | 'count'
  /** Any finite number. */
  | 'number'
  | 'boolean'
  /** One of `values`. */
  | 'enum'
  /** A hybrid logical clock value (see hlc.ts). */
  | 'hlc'
  /** An array of ids, at most `max` of them. */
  | 'ids'
  /** An array of non-empty strings (no NUL, no lone surrogates), at most `max` of them. */
  | 'texts'
  /** A plain object (not an array, not null); its inside is not checked here. */
  | 'object';

/** One field of a record table. Declarative, so that docs and tests can walk the tables. */
export interface Field {
  readonly kind: FieldKind;
  /** May be absent (undefined). Absent with a `default`: the default is filled in. */
  readonly optional?: boolean;
  /** `null` is a value (e.g. a session not ended yet). */
  readonly nullable?: boolean;
  /** `text`: longest length; `ids`: most entries. Over it the value is too large, not malformed. */
  readonly max?: number;
  /** `text`: the empty string is refused. */
  readonly nonEmpty?: boolean;
  /** `enum`: the allowed values. */
  readonly values?: readonly (string | number)[];
  /** Filled in when the field is absent. */
  readonly default?: string | number;
}

/**
 * Why a value does not fit its field. `tooLarge`: well formed but over a limit. `unstorable`: a
 * string holds a NUL or a lone surrogate, which UTF-8 and PostgreSQL text cannot keep.
 */
export interface FieldProblem {
  problem: string;
  tooLarge: boolean;
  unstorable: boolean;
  /** `ids`: the position of the entry at fault. */
  index?: number;
}

/** True for an integer from 0 to Number.MAX_SAFE_INTEGER. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(problem: string): FieldProblem {
  return { problem, tooLarge: false, unstorable: false };
}

const UNSTORABLE: FieldProblem = { problem: 'holds a NUL character or a lone surrogate', tooLarge: false, unstorable: true };

// `WWWWWWWWWWWWWWW:CCCCC:` before the node (see hlc.ts).
const HLC_NODE_OFFSET = 22;

/** A sentence fragment for `field`: "must be …". */
export function describeField(field: Field): string {
  switch (field.kind) {
    case 'id':
      return `an id (1 to ${RECORD_LIMITS.maxIdLength} characters, no spaces or control characters)`;
    case 'text':
      return `${field.nonEmpty ? 'a non-empty' : 'a'} string without NUL or lone surrogates${field.max === undefined ? '' : `, at most ${field.max} characters`}`;
    case 'count':
      return 'an integer ≥ 0';
    case 'number':
      return 'a finite number';
    case 'boolean':
      return 'a boolean';
    case 'enum':
      return `one of ${(field.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'hlc':
      return 'an HLC timestamp';
    case 'ids':
      return `an array of ids${field.max === undefined ? '' : `, at most ${field.max}`}`;
    case 'texts':
      return `an array of non-empty strings${field.max === undefined ? '' : `, at most ${field.max}`}`;
    case 'object':
      return 'an object';
  }
}

/**
 * Checks `value` (present: not undefined) against `field`. Returns null when it fits, else the
 * problem. `null` fits only a nullable field.
 */
export function checkField(field: Field, value: unknown): FieldProblem | null {
  if (value === null && field.nullable) return null;
  // The same rule for every string, whatever its kind: one a database cannot keep is refused as such.
  if (typeof value === 'string' && !isStorableText(value)) return UNSTORABLE;
  const wrong = (): FieldProblem => malformed(`must be ${describeField(field)}`);
  switch (field.kind) {
    case 'id':
      return isRecordId(value) ? null : wrong();
    case 'text':
      if (!isStorableText(value) || (field.nonEmpty && value === '')) return wrong();
      if (field.max !== undefined && value.length > field.max) {
        return { problem: `is longer than ${field.max} characters`, tooLarge: true, unstorable: false };
      }
      return null;
    case 'count':
      return isCount(value) ? null : wrong();
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : wrong();
    case 'boolean':
      return typeof value === 'boolean' ? null : wrong();
    case 'enum':
      return (field.values ?? []).includes(value as string | number) ? null : wrong();
    case 'hlc':
      // The node part is the device id that made it: an id too.
      return isHlc(value) && isRecordId(value.slice(HLC_NODE_OFFSET)) ? null : wrong();
    case 'ids':
      if (!Array.isArray(value)) return wrong();
      if (field.max !== undefined && value.length > field.max) {
        return { problem: `has more than ${field.max} entries`, tooLarge: true, unstorable: false };
      }
      for (const [index, entry] of value.entries()) {
        if (typeof entry === 'string' && !isStorableText(entry)) return { ...UNSTORABLE, index };
        if (!isRecordId(entry)) return { ...malformed(`must be ${describeField({ kind: 'id' })}`), index };
      }
      return null;
    case 'texts':
      if (!Array.isArray(value)) return wrong();
      if (field.max !== undefined && value.length > field.max) {
        return { problem: `has more than ${field.max} entries`, tooLarge: true, unstorable: false };
      }
      for (const [index, entry] of value.entries()) {
        if (typeof entry === 'string' && !isStorableText(entry)) return { ...UNSTORABLE, index };
        if (typeof entry !== 'string' || entry.trim() === '') return { ...malformed('must be a non-empty string'), index };
      }
      return null;
    case 'object':
      return isPlainObject(value) ? null : wrong();
  }
}
