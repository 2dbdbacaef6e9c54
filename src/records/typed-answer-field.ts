/**
 * The field of an answer's typed text (ANSWER_FIELDS.typedAnswer), apart from the answer
 * table: the typed answers' screen refuses a typed text by this same rule before it stores
 * it, and loads before a typed review's first card, when the answer table (with the engine)
 * has not been fetched.
 */
import type { Field } from './field.js';
import { RECORD_LIMITS } from './record-id.js';

/** A typed answer: text, at most RECORD_LIMITS.maxTypedAnswerLength characters, optional. */
export const TYPED_ANSWER_FIELD: Field = { kind: 'text', max: RECORD_LIMITS.maxTypedAnswerLength, optional: true };
