/**
 * The demo site as one Web-standard handler: server-rendered pages with the tags, the
 * name-only sign-in (DEMO ONLY: a name in a cookie, no password), the token URL that shows the
 * token flow (demo-token.ts), its stylesheet and script, the seed decks as JSON, the site's one-line
 * worker file, the built bundles under /dist/, and the sync API.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { DEMO_COOKIE, demoAuthenticate } from '../auth.js';
import { demoApiAuthenticator, demoTokenSecret, tokenResponse } from './demo-token.js';
import { createHandler } from '../handler.js';
import { dueCounts, learnerDayOf, type DeckCatalog, type DueCounts } from '../server-schedule.js';
import type { ReviewStore } from '../sync-repository.js';
import { compressResponse, EncodedFiles } from './compression.js';
import type { Deck } from './decks.js';
import { deckPage, indexPage, LABEL_LANGUAGES, notFoundPage, offlinePage, statsPage } from './pages.js';
import { syncStatesPage } from './sync-states-page.js';
import { assetResponse } from './assets.js';

/** Options of createDemoApp. */
export interface DemoAppOptions {
  store: ReviewStore;
  decks: Deck[];
  /** The build output served under /dist/ (the CDN file and the worker). */
  distDir: string;
  /** The deck embedded on the home page; default the first deck. */
  featuredDeck?: string;
  /** The HS256 secret of the demo's tokens (at least 32 bytes); default a random one per process. */
  tokenSecret?: string;
}

/**
 * The bundle files whose names carry a hash of their content (the CDN file's chunks, and their
 * source maps): a new build gives new names, so a browser may keep these for a year without
 * asking again. The entry and the worker keep their names and are revalidated each time.
 */
const HASHED = /^cdn\/chunks\/[^/]+-[\w-]{8,}\.js(\.map)?$/;

/** The demo's token URL: a deck page with `?auth=token` names it in `token-url`. */
export const DEMO_TOKEN_URL = '/token';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ts': 'text/plain; charset=utf-8',
};

// Deck content is data: the policy forbids inline scripts, so even a deck that slipped markup
// through could not run any. Styles: the site's stylesheet and lit's constructed sheets.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function page(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      ...headers,
    },
  });
}

function redirect(location: string, cookie: string): Response {
  return new Response(null, { status: 303, headers: { location, 'set-cookie': cookie, 'cache-control': 'no-store' } });
}

/**
 * A cleaned sign-in name, or null when it is empty, too long or has control characters. The
 * name is the user id, and ids hold no whitespace: words are joined with "-".
 */
export function cleanName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = value.trim().replace(/\s+/g, '-');
  if (!name || name.length > 100 || /[\u0000-\u001f\u007f]/.test(name)) return null;
  return name;
}

/**
 * Creates the demo's handler. Resolves a Response for every request; the sync API answers
 * under /api/review exactly as createHandler does.
 */
export function createDemoApp(options: DemoAppOptions): (request: Request) => Promise<Response> {
  const secret = options.tokenSecret ?? demoTokenSecret();
  const decks = new Map(options.decks.map((deck) => [deck.id, deck]));
  // The site registers its decks, so GET /api/review/due and the deck list can count them.
  const catalog: DeckCatalog = (id) => {
    const deck = decks.get(id);
    return deck ? { itemIds: deck.items.map((item) => item.id) } : null;
  };
  const api = createHandler({ store: options.store, authenticate: demoApiAuthenticator(secret), decks: catalog });
  /** Each deck's due counts for `user`, as GET /due gives them (zone: `?tz=`, else UTC). */
  const dueOf = async (user: string, url: URL): Promise<Map<string, DueCounts>> => {
    const day = learnerDayOf(new URLSearchParams(url.searchParams.get('tz') ? { tz: url.searchParams.get('tz')! } : {}), {});
    const counts = await Promise.all(options.decks.map((deck) => dueCounts(options.store, user, deck.id, catalog, {}, day, Date.now())));
    return new Map(counts.filter((c): c is DueCounts => c !== null).map((c) => [c.deck, c]));
  };
  const featured = decks.get(options.featuredDeck ?? '') ?? options.decks[0];
  const distDir = resolve(options.distDir);

  const encoded = new EncodedFiles();

  async function serveStatic(request: Request, path: string): Promise<Response> {
    let relative: string;
    try {
      relative = decodeURIComponent(path.slice('/dist/'.length));
    } catch {
      return new Response('Bad path', { status: 400 });
    }
    const file = resolve(distDir, relative);
    if (!file.startsWith(distDir + sep)) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      const headers: Record<string, string> = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': HASHED.test(relative.split(sep).join('/')) ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
      };
      if (relative.startsWith('sw/')) headers['service-worker-allowed'] = '/';
      // The compressed copy is keyed by the bytes read, not by the file's mtime and size: a
      // rebuild between a stat and the read (or one that keeps both) cannot pair old bytes
      // with the new version. Hashing a bundle costs well under a millisecond.
      const version = createHash('sha256').update(body).digest('base64url');
      return compressResponse(request, new Response(new Uint8Array(body), { headers }), (encoding, raw) => encoded.get(file, version, raw, encoding));
    } catch {
      return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
  }

  // The sync API answers as createHandler does; the site's own responses are compressed
  // (the bundles by serveStatic, from its compressed copies).
  return async (request) => {
    const path = new URL(request.url).pathname;
    if (path === api.basePath || path.startsWith(`${api.basePath}/`)) return api(request);
    const response = await route(request);
    return path.startsWith('/dist/') ? response : compressResponse(request, response);
  };

  async function route(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    const user = demoAuthenticate(request)?.userId ?? null;
    const method = request.method;

    // DEMO ONLY: a name in a cookie is the whole sign-in; a real site has its own.
    if (method === 'POST' && path === '/sign-in') {
      const form = new URLSearchParams(await request.text());
      const name = cleanName(form.get('name'));
      if (!name) return page(indexPage({ user: null, decks: options.decks, featured }), 400);
      return redirect('/', `${DEMO_COOKIE}=${encodeURIComponent(name)}; Path=/; SameSite=Lax; Max-Age=31536000`);
    }
    if (method === 'POST' && path === '/sign-out') return redirect('/', `${DEMO_COOKIE}=; Path=/; SameSite=Lax; Max-Age=0`);
    if (method !== 'GET' && method !== 'HEAD') return new Response('Method not allowed', { status: 405, headers: { allow: 'GET' } });

    if (path === '/') return page(indexPage({ user, decks: options.decks, featured, due: user ? await dueOf(user, url) : undefined }));
    if (path === DEMO_TOKEN_URL) return tokenResponse(request, secret);
    if (path === '/indicator') return page(syncStatesPage({ user, lang: url.searchParams.get('lang') ?? undefined }));
    if (path === '/stats') return page(statsPage({ user }));
    if (path === '/offline') return page(offlinePage());
    const asset = assetResponse(url);
    if (asset) return asset;
    // No icon: answer "nothing" rather than a 404 that clutters every page's console.
    if (path === '/favicon.ico') return new Response(null, { status: 204, headers: { 'cache-control': 'max-age=86400' } });
    if (path === '/offline-review-sw.js') {
      // The site's one-line worker file: it must come from the site's own origin.
      return new Response("importScripts('/dist/sw/offline-review-sw.js');\n", {
        headers: {
          'content-type': 'text/javascript; charset=utf-8',
          'cache-control': 'no-cache',
          'service-worker-allowed': '/',
        },
      });
    }
    if (path.startsWith('/dist/')) return serveStatic(request, path);

    const match = /^\/decks\/([^/]+?)(\.json|\/src)?$/.exec(path);
    let deckId: string | undefined;
    try {
      deckId = match ? decodeURIComponent(match[1]!) : undefined;
    } catch {
      return new Response('Bad %-encoding in the path', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    const deck = deckId === undefined ? undefined : decks.get(deckId);
    if (deck && match![2] === '.json') {
      return new Response(JSON.stringify(deck.items), {
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' },
      });
    }
    if (deck) {
      const mode = url.searchParams.get('mode') === 'typed' || url.searchParams.get('mode') === 'grade' ? url.searchParams.get('mode')! : deck.mode;
      const drill = url.searchParams.get('schedule') === 'drill';
      const tokenUrl = url.searchParams.get('auth') === 'token' ? DEMO_TOKEN_URL : undefined;
      const lang = url.searchParams.get('lang');
      const labels = lang !== null && Object.hasOwn(LABEL_LANGUAGES, lang) ? lang : undefined;
      return page(deckPage({ user, deck, mode, bySrc: match![2] === '/src', drill, tokenUrl, lang: labels }));
    }
    return page(notFoundPage(user), 404);
  }
}
