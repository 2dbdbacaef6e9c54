/**
 * The conformance kit's HTTP side: requests as one of two users (credentials from the command
 * line), raw when a check needs to send something broken.
 */
import type { Mutation, PullResponse, PushResponse } from '../../src/types.js';

/** How to authenticate one user. */
export interface UserCredentials {
  /** The user id the server will authenticate these credentials as. */
  userId: string;
  /** Headers sent with every request (Cookie, Authorization, CSRF…). */
  headers: Record<string, string>;
}

/** A response read to the end: status, headers and the parsed JSON (or undefined). */
export interface RawResult {
  status: number;
  headers: Headers;
  json: unknown;
  text: string;
}

/** Talks to one server as one user. */
export class ConformanceClient {
  readonly baseUrl: string;
  readonly user: UserCredentials;
  readonly clientId: string;

  constructor(baseUrl: string, user: UserCredentials, clientId = 'offline-review-conformance') {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.user = user;
    this.clientId = clientId;
  }

  /** Sends a request below the base URL; `auth: false` leaves the credentials out. Never throws on status. */
  async raw(path: string, init: RequestInit & { auth?: boolean } = {}): Promise<RawResult> {
    const headers = new Headers(init.auth === false ? {} : this.user.headers);
    new Headers(init.headers).forEach((value, name) => headers.set(name, value));
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, headers, signal: AbortSignal.timeout(30_000) });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text };
  }

  /** POSTs a JSON body (or a string as is) to /sync. */
  postSync(body: unknown, init: { auth?: boolean } = {}): Promise<RawResult> {
    return this.raw('/sync', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
    });
  }

  /** Pushes mutations; throws unless the server answers 200. */
  async push(mutations: Mutation[]): Promise<PushResponse> {
    const result = await this.postSync({ protocol: 1, clientId: this.clientId, mutations });
    if (result.status !== 200) throw new Error(`push answered ${result.status}: ${result.text.slice(0, 300)}`);
    return result.json as PushResponse;
  }

  /** One pull page; throws unless the server answers 200. */
  async pull(since: string | null, limit?: number): Promise<PullResponse> {
    const query = new URLSearchParams();
    if (since !== null) query.set('since', since);
    if (limit !== undefined) query.set('limit', String(limit));
    const qs = query.toString();
    const result = await this.raw(`/changes${qs ? `?${qs}` : ''}`);
    if (result.status !== 200) throw new Error(`pull answered ${result.status}: ${result.text.slice(0, 300)}`);
    return result.json as PullResponse;
  }

  /** Pulls every page from `since` to the end. Resolves the pages and the final cursor. */
  async pullAll(since: string | null, limit?: number): Promise<{ pages: PullResponse[]; cursor: string | null }> {
    const pages: PullResponse[] = [];
    let cursor = since;
    for (let i = 0; i < 100_000; i++) {
      const page = await this.pull(cursor, limit);
      pages.push(page);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    return { pages, cursor };
  }
}
