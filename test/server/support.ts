// Shared set-up of the server tests: the stores to run every suite against (PGlite always;
// PostgreSQL when DATABASE_URL is set, and a failure when CI=true and it is not), a handler
// per store, and typed push/pull helpers over Web Requests.
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { createHandler, createPGliteStore, createPgStore, demoAuthenticate, type ReviewStore } from '../../server/index.js';
import type { HandlerLimits, HandlerOptions, SyncHandler } from '../../server/handler.js';
import type { Mutation, PullResponse, PushResponse } from '../../src/types.js';

/** A store to run a suite against. */
export interface StoreKind {
  name: 'pglite' | 'pg';
  open(): Promise<ReviewStore>;
}

/** PGlite in memory, and PostgreSQL when DATABASE_URL is set. */
export function storeKinds(): StoreKind[] {
  const kinds: StoreKind[] = [{ name: 'pglite', open: () => createPGliteStore() }];
  const url = process.env.DATABASE_URL;
  if (url) kinds.push({ name: 'pg', open: () => createPgStore(url) });
  return kinds;
}

/** The store and handler of one suite, opened before its first test and closed after its last. */
export interface StoreSuite {
  readonly kind: StoreKind;
  store: ReviewStore;
  api: Api;
}

/** How the `Api` of a suite is made: handler limits and options over the defaults. */
export interface ApiSettings {
  limits?: Partial<HandlerLimits>;
  options?: Partial<HandlerOptions>;
}

/**
 * Declares `body` once per store kind, as `describe('<title> (<kind>)')`, with the store opened
 * and an `Api` over it made (with `settings`) before the tests, and the store closed after them.
 * `body` reads `suite.store` and `suite.api` inside its tests and hooks only.
 */
export function describeEachStore(title: string, body: (suite: StoreSuite) => void): void;
export function describeEachStore(title: string, settings: ApiSettings, body: (suite: StoreSuite) => void): void;
export function describeEachStore(
  title: string,
  ...args: [(suite: StoreSuite) => void] | [ApiSettings, (suite: StoreSuite) => void]
): void {
  const [settings, body] = args.length === 1 ? [{}, args[0]] : args;
  for (const kind of storeKinds()) {
    describe(`${title} (${kind.name})`, () => {
      const suite = { kind } as StoreSuite;
      before(async () => {
        suite.store = await kind.open();
        suite.api = new Api(suite.store, settings.limits, settings.options);
      });
      after(() => suite.store.close());
      body(suite);
    });
  }
}

/** The stable code of an error response. */
export async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

/** In CI the PostgreSQL store must be tested: a missing DATABASE_URL fails the run. */
export function requirePostgresInCi(): void {
  if (process.env.CI === 'true' && !process.env.DATABASE_URL) {
    test('PostgreSQL store (DATABASE_URL)', () => {
      throw new Error('CI=true but DATABASE_URL is not set: .ci/start-postgres.sh did not run or failed.');
    });
  }
}

/** An HS256 token for `subject`, from `issuer` to the audience offline-review, valid five minutes. */
export function hs256Token(secret: string, subject: string, issuer: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(issuer)
    .setAudience('offline-review')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));
}

/** A unique user id. */
export function unique(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/** The handler under test, with helpers that act as one user. */
export class Api {
  readonly handler: SyncHandler;

  constructor(store: ReviewStore, limits?: Partial<HandlerLimits>, options: Partial<HandlerOptions> = {}) {
    this.handler = createHandler({ store, authenticate: demoAuthenticate, limits, onError: () => undefined, ...options });
  }

  /** A raw request as `user` (or unauthenticated with null). */
  request(user: string | null, path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (user !== null) headers.set('cookie', `offline_review_user=${encodeURIComponent(user)}`);
    return this.handler(new Request(`http://test.local/api/review${path}`, { ...init, headers }));
  }

  /** POST /sync with a JSON body (a string is sent as is), as a same-origin page would. */
  postSync(user: string | null, body: unknown, headers: HeadersInit = {}): Promise<Response> {
    const sent = new Headers({ 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' });
    new Headers(headers).forEach((value, name) => sent.set(name, value));
    return this.request(user, '/sync', { method: 'POST', headers: sent, body: typeof body === 'string' ? body : JSON.stringify(body) });
  }

  /** Pushes and expects 200. */
  async push(user: string, mutations: unknown[], clientId = 'test-client'): Promise<PushResponse> {
    const response = await this.postSync(user, { protocol: 1, clientId, mutations });
    if (response.status !== 200) throw new Error(`push answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as PushResponse;
  }

  /** One pull page; expects 200. */
  async pull(user: string, since?: string, limit?: number): Promise<PullResponse> {
    const query = new URLSearchParams();
    if (since !== undefined) query.set('since', since);
    if (limit !== undefined) query.set('limit', String(limit));
    const response = await this.request(user, `/changes?${query}`);
    if (response.status !== 200) throw new Error(`pull answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as PullResponse;
  }

  /** All of the user's changes from the start. */
  async pullAll(user: string, since?: string): Promise<PullResponse['changes'] & { cursor: string }> {
    const all: Required<PullResponse['changes']> = { sessions: [], answers: [], progress: [], retractions: [] };
    let cursor = since;
    for (;;) {
      const page = await this.pull(user, cursor, 1000);
      all.sessions.push(...page.changes.sessions);
      all.answers.push(...page.changes.answers);
      all.progress.push(...page.changes.progress);
      all.retractions.push(...(page.changes.retractions ?? []));
      cursor = page.cursor;
      if (!page.hasMore) return { ...all, cursor };
    }
  }
}

export type { Mutation };
