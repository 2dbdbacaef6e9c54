/**
 * checkRecord as a throw, for storage on the device: apart from the check, which a first card
 * runs on its items before the engine (and storage) is fetched.
 */
import { OfflineReviewError } from '../errors.js';
import { checkRecord, type RecordTable } from './check-record.js';

/**
 * checkRecord for callers on the device: resolves the normalised record.
 * @throws OfflineReviewError('invalid-input') with details `{ ...extra, record, field, problem }`
 * (and `tooLarge` or `unstorable`, see FieldProblem).
 */
export function requireRecord<T>(table: RecordTable<T>, raw: unknown, record: string, extra: Record<string, unknown> = {}): T {
  const checked = checkRecord(table, raw);
  if (checked.ok) return checked.value;
  const where = checked.field ? `${record}.${checked.field}` : record;
  throw new OfflineReviewError('invalid-input', `${where} ${checked.problem}.`, {
    details: {
      ...extra,
      record,
      field: checked.field,
      problem: checked.problem,
      ...(checked.tooLarge ? { tooLarge: true } : {}),
      ...(checked.unstorable ? { unstorable: true } : {}),
    },
  });
}
