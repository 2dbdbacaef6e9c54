/**
 * The reference sync server as one Web-standard function (Request → Response), so it mounts
 * in Node (toNodeListener), Deno, Bun or Workers. Protocol: docs/protocol.md.
 */
import {
  PROTOCOL_LIMITS,
  ProtocolErrorCode,
  validateMutation,
  validatePushRequest,
} from '../src/protocol/mutations.js';
import { isOfflineReviewError } from '../src/errors.js';
import { normalizeSchedulerParameters } from '../src/scheduler/parameters.js';
import type { Authenticate } from './auth.js';
import { dueCounts, learnerDayOf, withCardStates, type DeckCatalog, type SchedulingOptions } from './server-schedule.js';
import { createIdentify } from './identify.js';
import { BodyTooLarge, errorResponse, json, readBodyLimited } from './http.js';
import { checkStorable, isStorableText, payloadHash } from './input-check.js';
import { guardRequest, normaliseOrigins, preflight, withCors } from './request-guard.js';
import type { CheckedMutation, ReviewStore } from './sync-repository.js';

const MAX_BIGINT = 2n ** 63n - 1n;

/** Limits a deployment may lower (never raise above what clients send). */
export interface HandlerLimits {
  /** Largest push body in bytes; more answers 413 payload-too-large. Default 1 MiB. */
  maxBodyBytes: number;
  /** Most mutations per push; more answers 413 too-many-mutations. Default 500. */
  maxMutationsPerPush: number;
  /** A pull's `limit` is capped at this. Default 1000. */
  maxPullLimit: number;
  /** A pull's page size without `limit`. Default 200. */
  defaultPullLimit: number;
}

/** Options of createHandler. */
export interface HandlerOptions {
  /** Where the data lives: createPGliteStore() or createPgStore(). */
  store: ReviewStore;
  /** Maps a request to its user, or null (401). */
  authenticate: Authenticate;
  /** Where the API lives; default '/api/review'. */
  basePath?: string;
  /**
   * Other origins whose pages may call this API with the learner's credentials (CORS), e.g.
   * `['https://www.example.com']`. Default none: only the API's own origin. A bad entry throws.
   */
  allowedOrigins?: readonly string[];
  /** Lower limits for this deployment (see HandlerLimits). */
  limits?: Partial<HandlerLimits>;
  /** Called with unexpected errors before a 500 is answered; default console.error. */
  onError?: (error: unknown) => void;
  /** The decks `GET {base}/due` counts: their items and parameters. Without it, every deck is unknown (404). */
  decks?: DeckCatalog;
  /** Scheduling defaults: parameters and the learner day when a request names none. */
  scheduling?: SchedulingOptions;
  /** The clock of `GET {base}/due`; default Date.now. */
  now?: () => number;
  /** Receives one-line reports of deployment mistakes (a bad user id); default console.error. */
  log?: (line: string) => void;
}

/** The handler; `basePath` lets adapters pass other paths on to the next middleware. */
export type SyncHandler = ((request: Request) => Promise<Response>) & { readonly basePath: string };

/**
 * Creates the protocol's handler. Resolves a Response for every request, including errors
 * (as JSON `{error: {code, message}}`); only a failing `authenticate` or store gives a 500.
 */
export function createHandler(options: HandlerOptions): SyncHandler {
  const basePath = (options.basePath ?? '/api/review').replace(/\/+$/, '');
  const limits: HandlerLimits = {
    maxBodyBytes: PROTOCOL_LIMITS.maxBodyBytes,
    maxMutationsPerPush: PROTOCOL_LIMITS.maxMutationsPerPush,
    maxPullLimit: PROTOCOL_LIMITS.maxPullLimit,
    defaultPullLimit: PROTOCOL_LIMITS.defaultPullLimit,
    ...options.limits,
  };
  const onError = options.onError ?? ((error: unknown) => console.error('offline-review server:', error));
  const { store } = options;
  const identify = createIdentify(options.authenticate, options.log ?? ((line) => console.error(line)));
  const allowed = normaliseOrigins(options.allowedOrigins);
  const scheduling = options.scheduling ?? {};
  // Checked once at start: bad deployment parameters fail here, not in every pull.
  const defaultParameters = normalizeSchedulerParameters(scheduling.parameters);
  const clock = options.now ?? Date.now;
  const routes: Record<string, 'GET' | 'POST'> = { '/sync': 'POST', '/changes': 'GET', '/due': 'GET' };

  async function route(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    const endpoint = path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : null;
    if (endpoint === null || !Object.hasOwn(routes, endpoint)) {
      return errorResponse(404, ProtocolErrorCode.NotFound, `No such endpoint: ${path}`);
    }
    const wanted = routes[endpoint]!;
    const cors = preflight(request, allowed, wanted);
    if (cors) return cors;
    if (request.method !== wanted) {
      return errorResponse(405, ProtocolErrorCode.MethodNotAllowed, `${endpoint} takes ${wanted}`, { allow: wanted });
    }
    const refused = guardRequest(request, allowed);
    if (refused) return refused;
    const user = await identify(request);
    if (user instanceof Response) return user;
    if (endpoint === '/due') return due(request, user.userId);
    return endpoint === '/sync' ? push(request, user.userId) : pull(request, user.userId);
  }

  /** The learner day a request names (`tz`, `dayStart`), or the 400 to answer. */
  function dayOf(params: URLSearchParams): ReturnType<typeof learnerDayOf> | Response {
    try {
      return learnerDayOf(params, scheduling);
    } catch (error) {
      if (!isOfflineReviewError(error, 'invalid-input')) throw error;
      return errorResponse(400, ProtocolErrorCode.InvalidRequest, `${error.message} (tz is an IANA zone, dayStart an hour 0–23)`);
    }
  }

  async function due(request: Request, userId: string): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const deck = params.get('deck') ?? '';
    if (deck === '') return errorResponse(400, ProtocolErrorCode.InvalidRequest, 'deck is required.');
    const day = dayOf(params);
    if (day instanceof Response) return day;
    const counts = await dueCounts(store, userId, deck, options.decks, scheduling, day, clock());
    if (!counts) return errorResponse(404, ProtocolErrorCode.NotFound, `Unknown deck: ${deck}`);
    return json(200, counts);
  }

  async function push(request: Request, userId: string): Promise<Response> {
    let text: string;
    try {
      text = await readBodyLimited(request, limits.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return errorResponse(413, ProtocolErrorCode.PayloadTooLarge, `The body is larger than ${limits.maxBodyBytes} bytes.`);
      }
      // The client went away mid-body (or sent a broken chunked body): its fault, not ours,
      // so no error report; nobody reads this answer when the socket is gone.
      return errorResponse(400, ProtocolErrorCode.InvalidRequest, 'The request body could not be read.');
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return errorResponse(400, ProtocolErrorCode.MalformedJson, 'The body is not valid JSON.');
    }
    const envelope = validatePushRequest(body);
    if (!envelope.ok) return errorResponse(envelope.status, envelope.code, envelope.message);
    const { mutations, clientId } = envelope.request;
    if (mutations.length > limits.maxMutationsPerPush) {
      return errorResponse(413, ProtocolErrorCode.TooManyMutations, `At most ${limits.maxMutationsPerPush} mutations per push.`);
    }
    if (!isStorableText(clientId)) return errorResponse(400, ProtocolErrorCode.InvalidRequest, 'clientId holds a NUL or a lone surrogate.');
    const checked = mutations.map((raw): CheckedMutation => {
      // Before validation, which serialises the mutation: a hostile depth must cost only itself.
      const unsafe = checkStorable(raw);
      if (unsafe) return { ok: false, id: raw.id, ...unsafe };
      const result = validateMutation(raw, { userId });
      if (!result.ok) return { ok: false, id: raw.id, code: result.code, message: result.message };
      return { ...result, hash: payloadHash(result.mutation) };
    });
    const { results, cursor } = await store.push(userId, clientId, checked);
    return json(200, { results, cursor });
  }

  async function pull(request: Request, userId: string): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const since = params.get('since') ?? '';
    // Sequences are PostgreSQL bigints: a larger number is no cursor this server returned.
    if (since !== '' && (!/^\d{1,19}$/.test(since) || BigInt(since) > MAX_BIGINT)) {
      return errorResponse(400, ProtocolErrorCode.InvalidCursor, 'since must be a cursor this server returned.');
    }
    const limitText = params.get('limit');
    let limit = limits.defaultPullLimit;
    if (limitText !== null && limitText !== '') {
      if (!/^\d{1,9}$/.test(limitText) || Number(limitText) < 1) {
        return errorResponse(400, ProtocolErrorCode.InvalidRequest, 'limit must be a positive integer.');
      }
      limit = Math.min(Number(limitText), limits.maxPullLimit);
    }
    const day = dayOf(params);
    if (day instanceof Response) return day;
    const page = await store.pull(userId, since === '' ? 0n : BigInt(since), limit);
    page.changes.progress = await withCardStates(store, userId, page.changes.progress, defaultParameters, day);
    return json(200, page);
  }

  const handler = async (request: Request): Promise<Response> => {
    let response: Response;
    try {
      response = await route(request);
    } catch (error) {
      onError(error);
      response = errorResponse(500, ProtocolErrorCode.Internal, 'The server failed; try again later.');
    }
    return withCors(request, response, allowed);
  };
  return Object.assign(handler, { basePath });
}
