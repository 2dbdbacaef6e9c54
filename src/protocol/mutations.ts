/**
 * Sync protocol v1: validation of push requests and of each mutation (docs/protocol.md).
 * Pure and shared: the reference server checks every mutation with it against the record
 * tables (src/records/) that the device's storage also checks before it stores anything, and
 * the client uses the same limits to size its batches, so both sides agree on what a server
 * accepts.
 */
import { RejectCode } from '../error-codes.js';
import {
  ANSWER_FIELDS,
  MUTATION_ACTIONS,
  MUTATION_FIELDS,
  RECORD_LIMITS,
  RETRACTION_FIELDS,
  SESSION_FIELDS,
  checkField,
  checkRecord,
  isRecordId,
  type RecordCheck,
  type RecordTable,
} from '../records/index.js';
import type { Mutation, MutationType } from '../types.js';
import { PROTOCOL_VERSION } from '../types.js';

/** Limits shared by client and server. A server may be stricter; it must say so with 413. */
export const PROTOCOL_LIMITS = {
  /** Most mutations in one push; more answers 413 `too-many-mutations`. */
  maxMutationsPerPush: 500,
  /** Largest push body in bytes (1 MiB); more answers 413 `payload-too-large`. */
  maxBodyBytes: 1024 * 1024,
  /** Largest single mutation as JSON (UTF-16 code units); more is rejected `too-large`. */
  maxMutationBytes: 64 * 1024,
  /** Longest typed answer (characters); more is rejected `too-large`. */
  maxTypedAnswerLength: RECORD_LIMITS.maxTypedAnswerLength,
  /** Longest id of anything (mutation, answer, session, item, user, device, deck). */
  maxIdLength: RECORD_LIMITS.maxIdLength,
  /** Most items in one session. */
  maxSessionItems: RECORD_LIMITS.maxSessionItems,
  /** Default and largest page of a pull. */
  defaultPullLimit: 200,
  maxPullLimit: 1000,
} as const;

/** Codes of whole-request errors, in the body `{error: {code, message}}`. */
export const ProtocolErrorCode = {
  MalformedJson: 'malformed-json',
  InvalidRequest: 'invalid-request',
  UnsupportedProtocol: 'unsupported-protocol',
  PayloadTooLarge: 'payload-too-large',
  TooManyMutations: 'too-many-mutations',
  InvalidCursor: 'invalid-cursor',
  AuthRequired: 'auth-required',
  /** 401: a bearer token that is malformed, badly signed, expired, or for another issuer/audience. */
  InvalidToken: 'invalid-token',
  /** 403: a browser request from an origin the server does not list. */
  ForbiddenOrigin: 'forbidden-origin',
  /** 415: a push whose Content-Type is not application/json. */
  UnsupportedMediaType: 'unsupported-media-type',
  /** 500: the authenticator returned a user id the server cannot accept (a deployment error). */
  AuthConfig: 'auth-config',
  NotFound: 'not-found',
  MethodNotAllowed: 'method-not-allowed',
  Internal: 'internal',
} as const;
export type ProtocolErrorCode = (typeof ProtocolErrorCode)[keyof typeof ProtocolErrorCode];

/** A push request whose envelope is valid; each mutation is still checked on its own. */
export interface PushEnvelope {
  protocol: typeof PROTOCOL_VERSION;
  clientId: string;
  /** Each is an object with a string `id`; the rest is unchecked until validateMutation. */
  mutations: Array<{ id: string } & Record<string, unknown>>;
}

/** The outcome of validatePushRequest: an envelope, or the whole-request error to answer. */
export type PushRequestValidation =
  | { ok: true; request: PushEnvelope }
  | { ok: false; status: 400 | 413; code: ProtocolErrorCode; message: string };

/** The outcome of validateMutation: a normalised mutation, or the reason to reject it. */
export type MutationValidation =
  | { ok: true; mutation: Mutation }
  | { ok: false; code: RejectCode; message: string };

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An id as the record tables define it (see isRecordId). */
export const isProtocolId: (value: unknown) => value is string = isRecordId;

/**
 * An id a result can be reported against: an id, or one whose only fault is a lone surrogate
 * (JSON can carry it back). Such a mutation is then rejected on its own (`invalid-text`), not
 * the whole push.
 */
function isReportableId(value: unknown): value is string {
  return typeof value === 'string' && isRecordId(value.replace(/[\uD800-\uDFFF]/g, '_'));
}

/**
 * Checks a push body's envelope: protocol version, clientId, and a mutations array within the
 * count limit whose entries each carry an id (a result can only be reported against an id).
 * Returns the 400/413 to answer otherwise; never throws.
 */
export function validatePushRequest(body: unknown): PushRequestValidation {
  const bad = (message: string): PushRequestValidation => ({
    ok: false,
    status: 400,
    code: ProtocolErrorCode.InvalidRequest,
    message,
  });
  if (!isObject(body)) return bad('The body must be a JSON object.');
  if (body.protocol !== PROTOCOL_VERSION) {
    return {
      ok: false,
      status: 400,
      code: ProtocolErrorCode.UnsupportedProtocol,
      message: `Unsupported protocol ${JSON.stringify(body.protocol)}; this server speaks ${PROTOCOL_VERSION}.`,
    };
  }
  if (!isProtocolId(body.clientId)) return bad('clientId must be a non-empty id string.');
  if (!Array.isArray(body.mutations)) return bad('mutations must be an array.');
  if (body.mutations.length > PROTOCOL_LIMITS.maxMutationsPerPush) {
    return {
      ok: false,
      status: 413,
      code: ProtocolErrorCode.TooManyMutations,
      message: `At most ${PROTOCOL_LIMITS.maxMutationsPerPush} mutations per push.`,
    };
  }
  for (const [index, mutation] of body.mutations.entries()) {
    if (!isObject(mutation) || !isReportableId(mutation.id)) {
      return bad(`mutations[${index}] must be an object with an id string.`);
    }
  }
  return {
    ok: true,
    request: {
      protocol: PROTOCOL_VERSION,
      clientId: body.clientId,
      mutations: body.mutations as PushEnvelope['mutations'],
    },
  };
}

/**
 * A failed table check as a rejection: over a limit is `too-large`, a string no database can
 * keep `invalid-text`, anything else `invalid-mutation`.
 */
function rejection(what: string, failed: Extract<RecordCheck<unknown>, { ok: false }>): MutationValidation {
  const code = failed.tooLarge ? RejectCode.TooLarge : failed.unstorable ? RejectCode.InvalidText : RejectCode.InvalidMutation;
  return {
    ok: false,
    code,
    message: `${what}${failed.field ? ` ${failed.field}` : ''} ${failed.problem}`,
  };
}

/** The table that checks the data of a type; statistics and progress are checked for their user only. */
const DATA_FIELDS: Partial<Record<MutationType, RecordTable<unknown>>> = {
  answer: ANSWER_FIELDS,
  session: SESSION_FIELDS,
  retraction: RETRACTION_FIELDS,
};

/**
 * Validates one mutation for the authenticated user: envelope (MUTATION_FIELDS, with
 * `unsupported-type` and `unsupported-action` for a type or action it does not allow), size,
 * that `data.userId` is `ctx.userId` (else `wrong-user`), and its data against the table of
 * its type. Returns the normalised mutation (unknown data fields dropped) or a rejection code;
 * never throws. Statistics and progress data are checked only for their user: servers derive
 * both from answers and ignore the client's figures.
 */
export function validateMutation(m: unknown, ctx: { userId: string }): MutationValidation {
  const invalid = (message: string, code: RejectCode = RejectCode.InvalidMutation): MutationValidation => ({ ok: false, code, message });
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return invalid('a mutation must be an object');
  const raw = m as Obj;
  const badId = checkField(MUTATION_FIELDS.id, raw.id ?? null);
  if (badId) return rejection('mutation', { ok: false, field: 'id', ...badId });
  if (JSON.stringify(raw).length > PROTOCOL_LIMITS.maxMutationBytes) return invalid('mutation is too large', RejectCode.TooLarge);
  const type = raw.type as MutationType;
  if (typeof type !== 'string' || !Object.hasOwn(MUTATION_ACTIONS, type)) {
    return invalid(`unsupported type ${JSON.stringify(raw.type)}`, RejectCode.UnsupportedType);
  }
  if (!MUTATION_ACTIONS[type].includes(raw.action as Mutation['action'])) {
    return invalid(`unsupported action ${JSON.stringify(raw.action)} for ${type}`, RejectCode.UnsupportedAction);
  }
  const envelope = checkRecord(MUTATION_FIELDS, raw);
  if (!envelope.ok) return rejection('mutation', envelope);
  const data = envelope.value.data as Obj;
  const badUser = checkField(ANSWER_FIELDS.userId, data.userId ?? null);
  if (badUser) return rejection(`${type} data`, { ok: false, field: 'userId', ...badUser });
  if (data.userId !== ctx.userId) return invalid('the mutation belongs to another user', RejectCode.WrongUser);
  const table = DATA_FIELDS[type];
  const checked = table ? checkRecord<unknown>(table, data) : ({ ok: true, value: data } as const);
  if (!checked.ok) return rejection(type, checked);
  return { ok: true, mutation: { ...envelope.value, data: checked.value } };
}
