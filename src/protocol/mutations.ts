/**
 * Sync protocol v1: validation of push requests and of each mutation (docs/protocol.md).
 * Pure and shared: the reference server checks every mutation with it, and the client uses
 * the same limits to size its batches, so both sides agree on what a server accepts.
 */
import { isHlc } from '../hlc.js';
import { RejectCode } from '../errors.js';
import type { AnswerRecord, AnswerRetraction, Mutation, MutationAction, MutationType, ReviewSession } from '../types.js';
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
  maxTypedAnswerLength: 2000,
  /** Longest id of anything (mutation, answer, session, item, user, device, deck). */
  maxIdLength: 200,
  /** Most items in one session. */
  maxSessionItems: 5000,
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

/** An id: a non-empty string without whitespace or control characters, not too long. */
export function isProtocolId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= PROTOCOL_LIMITS.maxIdLength &&
    !/[\s\u0000-\u001f\u007f]/.test(value)
  );
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
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
    if (!isObject(mutation) || !isProtocolId(mutation.id)) {
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

const ACTIONS: Record<MutationType, readonly MutationAction[]> = {
  // Answers are immutable events: create only. Sessions are never deleted through sync.
  session: ['create', 'update'],
  answer: ['create'],
  statistics: ['create', 'update'],
  progress: ['create', 'update'],
  // An undo is an event like an answer: created once, never changed.
  retraction: ['create'],
};

/** Thrown inside the checkers below and turned into a rejection; never escapes this file. */
class Invalid {
  readonly code: RejectCode;
  readonly message: string;
  constructor(code: RejectCode, message: string) {
    this.code = code;
    this.message = message;
  }
}

function need(condition: boolean, message: string, code: RejectCode = RejectCode.InvalidMutation): void {
  if (!condition) throw new Invalid(code, message);
}

function checkAnswer(data: Obj): AnswerRecord {
  need(isProtocolId(data.id), 'answer id must be an id string');
  need(isProtocolId(data.sessionId), 'answer sessionId must be an id string');
  need(isProtocolId(data.itemId), 'answer itemId must be an id string');
  need(isProtocolId(data.deviceId), 'answer deviceId must be an id string');
  need(isTime(data.answeredAt), 'answer answeredAt must be epoch milliseconds');
  need(typeof data.correct === 'boolean', 'answer correct must be a boolean');
  need(isTime(data.responseTimeMs), 'answer responseTimeMs must be a non-negative integer');
  need(
    data.rating === undefined || data.rating === 1 || data.rating === 2 || data.rating === 3 || data.rating === 4,
    'answer rating must be 1, 2, 3 or 4',
  );
  need(data.typedAnswer === undefined || typeof data.typedAnswer === 'string', 'answer typedAnswer must be a string');
  const typed = data.typedAnswer as string | undefined;
  need(
    typed === undefined || typed.length <= PROTOCOL_LIMITS.maxTypedAnswerLength,
    `typedAnswer is longer than ${PROTOCOL_LIMITS.maxTypedAnswerLength} characters`,
    RejectCode.TooLarge,
  );
  // Keep known fields only: the server stores and serves exactly the data model.
  const answer: AnswerRecord = {
    id: data.id as string,
    sessionId: data.sessionId as string,
    userId: data.userId as string,
    itemId: data.itemId as string,
    deviceId: data.deviceId as string,
    answeredAt: data.answeredAt as number,
    correct: data.correct as boolean,
    responseTimeMs: data.responseTimeMs as number,
  };
  if (data.rating !== undefined) answer.rating = data.rating as AnswerRecord['rating'];
  if (typed !== undefined) answer.typedAnswer = typed;
  return answer;
}

/** Checks an undo and keeps its known fields. */
export function checkRetraction(data: Obj): AnswerRetraction {
  need(isProtocolId(data.id), 'retraction id must be an id string');
  need(isProtocolId(data.answerId), 'retraction answerId must be an id string');
  need(isProtocolId(data.deviceId), 'retraction deviceId must be an id string');
  need(isTime(data.retractedAt), 'retraction retractedAt must be epoch milliseconds');
  return {
    id: data.id as string,
    answerId: data.answerId as string,
    userId: data.userId as string,
    deviceId: data.deviceId as string,
    retractedAt: data.retractedAt as number,
  };
}

function checkSession(data: Obj): ReviewSession {
  need(isProtocolId(data.id), 'session id must be an id string');
  need(isProtocolId(data.deckId), 'session deckId must be an id string');
  need(isProtocolId(data.deviceId), 'session deviceId must be an id string');
  need(Array.isArray(data.itemIds), 'session itemIds must be an array');
  const itemIds = data.itemIds as unknown[];
  need(itemIds.length <= PROTOCOL_LIMITS.maxSessionItems, 'session has too many items', RejectCode.TooLarge);
  need(itemIds.every(isProtocolId), 'session itemIds must be id strings');
  need(data.mode === 'grade' || data.mode === 'typed', 'session mode must be grade or typed');
  need(
    data.status === 'active' || data.status === 'paused' || data.status === 'completed' || data.status === 'abandoned',
    'session status must be active, paused, completed or abandoned',
  );
  need(isHlc(data.statusHlc), 'session statusHlc must be an HLC timestamp');
  need(isTime(data.startedAt), 'session startedAt must be epoch milliseconds');
  need(isTime(data.lastActivityAt), 'session lastActivityAt must be epoch milliseconds');
  need(data.endedAt === null || isTime(data.endedAt), 'session endedAt must be epoch milliseconds or null');
  return {
    id: data.id as string,
    userId: data.userId as string,
    deckId: data.deckId as string,
    itemIds: itemIds as string[],
    mode: data.mode as ReviewSession['mode'],
    status: data.status as ReviewSession['status'],
    statusHlc: data.statusHlc as string,
    startedAt: data.startedAt as number,
    lastActivityAt: data.lastActivityAt as number,
    endedAt: data.endedAt as number | null,
    deviceId: data.deviceId as string,
  };
}

/**
 * Validates one mutation for the authenticated user: envelope (id, type, action, hlc,
 * clientTimestamp), size, that `data.userId` is `ctx.userId` (else `wrong-user`), and the
 * shape of its data. Returns the normalised mutation (unknown data fields dropped) or a
 * rejection code; never throws. Statistics and progress data are checked only for their
 * user: servers derive both from answers and ignore the client's figures.
 */
export function validateMutation(m: unknown, ctx: { userId: string }): MutationValidation {
  try {
    need(isObject(m), 'a mutation must be an object');
    const raw = m as Obj;
    need(isProtocolId(raw.id), 'mutation id must be an id string');
    need(JSON.stringify(raw).length <= PROTOCOL_LIMITS.maxMutationBytes, 'mutation is too large', RejectCode.TooLarge);
    const type = raw.type as MutationType;
    need(typeof type === 'string' && Object.hasOwn(ACTIONS, type), `unsupported type ${JSON.stringify(raw.type)}`, RejectCode.UnsupportedType);
    const action = raw.action as MutationAction;
    need(
      ACTIONS[type].includes(action),
      `unsupported action ${JSON.stringify(raw.action)} for ${type}`,
      RejectCode.UnsupportedAction,
    );
    need(isHlc(raw.hlc), 'mutation hlc must be an HLC timestamp');
    need(isTime(raw.clientTimestamp), 'mutation clientTimestamp must be epoch milliseconds');
    need(isObject(raw.data), 'mutation data must be an object');
    const data = raw.data as Obj;
    need(isProtocolId(data.userId), 'data userId must be an id string');
    need(data.userId === ctx.userId, 'the mutation belongs to another user', RejectCode.WrongUser);
    let normalised: unknown;
    if (type === 'answer') normalised = checkAnswer(data);
    else if (type === 'session') normalised = checkSession(data);
    else if (type === 'retraction') normalised = checkRetraction(data);
    else normalised = data;
    return {
      ok: true,
      mutation: { id: raw.id as string, type, action, data: normalised, hlc: raw.hlc as string, clientTimestamp: raw.clientTimestamp as number },
    };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
