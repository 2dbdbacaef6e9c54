/**
 * The one check of a record against its field table: every field of the table, in order;
 * unknown fields dropped (a replica stores exactly the data model); defaults filled in.
 */
import { checkField, type Field } from './field.js';

/** A field table: one Field per property of `T`, none missing. */
export type RecordTable<T> = { readonly [K in keyof T]-?: Field };

/** The outcome of checkRecord: the normalised record, or the first field that does not fit. */
export type RecordCheck<T> =
  | { ok: true; value: T }
  | { ok: false; field: string; problem: string; tooLarge: boolean; unstorable: boolean; index?: number };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks `raw` against `table`. Resolves a new object holding the table's fields only (absent
 * optional fields stay absent, defaults are filled in), or the first problem. Never throws.
 */
export function checkRecord<T>(table: RecordTable<T>, raw: unknown): RecordCheck<T> {
  if (!isPlainObject(raw)) return { ok: false, field: '', problem: 'must be an object', tooLarge: false, unstorable: false };
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(table) as Array<[string, Field]>) {
    const value = raw[key];
    if (value === undefined) {
      if (field.default !== undefined) out[key] = field.default;
      else if (!field.optional) return { ok: false, field: key, problem: 'is required', tooLarge: false, unstorable: false };
      continue;
    }
    const wrong = checkField(field, value);
    if (wrong) return { ok: false, field: key, ...wrong };
    out[key] = value;
  }
  return { ok: true, value: out as T };
}
