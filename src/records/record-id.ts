/**
 * The limits of the records and the check of an id: the smallest part of the record rules, on
 * its own so that a tag can check a user id before the rest of the core is loaded.
 */

/** Limits of the records, shared by every check (the server may only be stricter, with 413). */
export const RECORD_LIMITS = {
  /** Longest id of anything (mutation, answer, session, item, user, device, deck). */
  maxIdLength: 200,
  /** Longest typed answer, in UTF-16 code units (what `maxlength` and `String.length` count). */
  maxTypedAnswerLength: 2000,
  /** Most items in one session. */
  maxSessionItems: 5000,
  /** Most accepted answers (`accept`) of one item. */
  maxAcceptedAnswers: 50,
} as const;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Whitespace (Unicode's, as \s knows it) and C0/C1 control characters.
const NOT_IN_ID = /[\s\u0000-\u001f\u007f-\u009f]/;

/** True for a string that UTF-8 and PostgreSQL text keep as it is: no NUL, no lone surrogate. */
export function isStorableText(value: unknown): value is string {
  return typeof value === 'string' && !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/** True for an id: 1–200 characters without whitespace, control characters or lone surrogates. */
export function isRecordId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= RECORD_LIMITS.maxIdLength &&
    !NOT_IN_ID.test(value) &&
    !LONE_SURROGATE.test(value)
  );
}

