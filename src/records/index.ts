/**
 * Records and their rules: one field table per record (item, answer, session, mutation) and
 * the one check against a table. Pure (no DOM, no IndexedDB): the tags, storage, the protocol
 * validator and the reference server all import it, so they cannot drift apart.
 */
export { RECORD_LIMITS, checkField, describeField, isCount, isRecordId, isStorableText } from './field.js';
export type { Field, FieldKind, FieldProblem } from './field.js';
export { checkRecord } from './check-record.js';
export { requireRecord } from './require-record.js';
export type { RecordCheck, RecordTable } from './check-record.js';
export { CONTENT_FIELDS } from './content-record.js';
export { ANSWER_FIELDS } from './answer-record.js';
export { SESSION_FIELDS } from './session-record.js';
export { RETRACTION_FIELDS } from './retraction-record.js';
export { MUTATION_ACTIONS, MUTATION_FIELDS } from './mutation-record.js';
export { normaliseItems, refusedItemsError, requireItems } from './normalise-items.js';
export type { NormalisedItems, RefusedItem } from './normalise-items.js';
