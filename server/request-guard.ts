/**
 * Cross-site request forgery defences of the sync API, checked before authentication:
 * writes must be JSON (a cross-origin page cannot send `application/json` without a CORS
 * preflight, which this server only grants to listed origins), and a browser request from
 * another origin is refused by its `Sec-Fetch-Site` and `Origin` headers unless the origin is
 * on the deployment's allow-list.
 */
import { ProtocolErrorCode } from '../src/protocol/mutations.js';
import { errorResponse } from './http.js';

/** Headers a listed origin may send (the tags' CSRF header and a bearer token included). */
const ALLOWED_HEADERS = 'authorization, content-type, accept, x-csrf-token, x-csrftoken, x-requested-with';

/**
 * Normalises the allow-list: each entry must be an origin (`https://host[:port]`). Throws a
 * TypeError naming the bad entry, so a typo fails at start rather than refusing every request.
 */
export function normaliseOrigins(origins: readonly string[] = []): ReadonlySet<string> {
  const set = new Set<string>();
  for (const entry of origins) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new TypeError(`allowedOrigins: "${entry}" is not an origin such as https://www.example.com`);
    }
    if (url.origin === 'null' || url.origin !== entry.replace(/\/+$/, '')) {
      throw new TypeError(`allowedOrigins: "${entry}" is not an origin (scheme://host[:port], no path)`);
    }
    set.add(url.origin);
  }
  return set;
}

/**
 * Decides whether a request may proceed. Resolves null when it may, else the 403/415 to answer.
 *
 * - `Sec-Fetch-Site: same-origin` or `none` (sent by every current browser): allowed.
 * - `same-site` / `cross-site`: allowed only when `Origin` is on the allow-list.
 * - No `Sec-Fetch-Site` but an `Origin` (older browsers): allowed when its host is the
 *   request's own host (TLS may end at a proxy, so the scheme is not compared) or it is listed.
 * - Neither header: not a browser (curl, a backend, the conformance kit). Such a client cannot
 *   ride a learner's cookies, so it is allowed; it still needs valid credentials.
 * - A POST must say `Content-Type: application/json` (415 `unsupported-media-type`): an HTML
 *   form can only send urlencoded, multipart or text/plain bodies.
 */
export function guardRequest(request: Request, allowed: ReadonlySet<string>): Response | null {
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site')?.toLowerCase();
  let sameOrigin: boolean;
  if (site !== undefined) sameOrigin = site === 'same-origin' || site === 'none';
  else if (origin !== null) sameOrigin = hostOf(origin) === new URL(request.url).host;
  else sameOrigin = true;
  if (!sameOrigin && !(origin !== null && allowed.has(origin))) {
    return errorResponse(
      403,
      ProtocolErrorCode.ForbiddenOrigin,
      `Requests from ${origin ?? 'another site'} are not allowed; add the origin to the server's allowed origins.`,
    );
  }
  if (request.method === 'POST') {
    const type = request.headers.get('content-type')?.split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      return errorResponse(415, ProtocolErrorCode.UnsupportedMediaType, 'Send the body as Content-Type: application/json.');
    }
  }
  return null;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * CORS for listed origins: the preflight's answer (204) for an OPTIONS request, or null when
 * the request is not a preflight from a listed origin (the caller answers 403/404/405).
 */
export function preflight(request: Request, allowed: ReadonlySet<string>, methods: string): Response | null {
  const origin = request.headers.get('origin');
  if (request.method !== 'OPTIONS' || origin === null || !allowed.has(origin)) return null;
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(origin),
      'access-control-allow-methods': methods,
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': '600',
    },
  });
}

/** Adds the CORS headers to `response` when the request came from a listed origin. */
export function withCors(request: Request, response: Response, allowed: ReadonlySet<string>): Response {
  const origin = request.headers.get('origin');
  if (origin === null || !allowed.has(origin)) return response;
  for (const [name, value] of Object.entries(corsHeaders(origin))) response.headers.set(name, value);
  return response;
}

function corsHeaders(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' };
}
