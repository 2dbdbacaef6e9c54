/**
 * HTTP compression for the demo's responses (pages, decks, the bundles under /dist/): brotli or
 * gzip from node:zlib, chosen from the request's Accept-Encoding, with `Vary: Accept-Encoding`
 * so that a cache keeps one copy per encoding. The bundles are compressed once per file version
 * at the highest levels (they are the bytes a page waits for); pages at zlib's defaults.
 */
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The encodings the demo serves, best first. */
export type ContentEncoding = 'br' | 'gzip';

// Binary formats (images, fonts) are compressed already.
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json)|image\/svg\+xml)/;

/**
 * The encoding to answer `acceptEncoding` with: brotli when accepted, else gzip, else null.
 * A coding listed with `q=0` is refused; `*` accepts both.
 */
export function chooseEncoding(acceptEncoding: string | null): ContentEncoding | null {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((value) => value !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (coding: ContentEncoding) => accepted.get(coding) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return null;
}

/** Compresses `body` as `encoding`; `best` uses the highest levels (for files served many times). */
export async function encode(body: Uint8Array, encoding: ContentEncoding, best = false): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(body, { level: best ? 9 : 6 });
  return brotli(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: best ? constants.BROTLI_MAX_QUALITY : 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
    },
  });
}

/** Compressed bundles: the latest version of each file, per encoding. */
export class EncodedFiles {
  private readonly cache = new Map<string, { version: string; body: Promise<Buffer> }>();

  /** `body`, the file `path` at `version` (a hash of `body`), compressed as `encoding`: made once per version. */
  get(path: string, version: string, body: Uint8Array, encoding: ContentEncoding): Promise<Buffer> {
    const id = `${encoding}\u0000${path}`;
    const known = this.cache.get(id);
    if (known?.version === version) return known.body;
    const made = encode(body, encoding, true);
    this.cache.set(id, { version, body: made });
    // A failure is not kept: the next request tries again.
    made.catch(() => this.cache.delete(id));
    return made;
  }
}

/**
 * `response` compressed for `request` when its type is text and the client accepts brotli or
 * gzip; otherwise `response` itself, with `Vary: Accept-Encoding` when it could have been.
 * `encoded` supplies a compressed body made earlier (a bundle's), instead of compressing again.
 */
export async function compressResponse(
  request: Request,
  response: Response,
  encoded?: (encoding: ContentEncoding, body: Uint8Array) => Promise<Buffer>,
): Promise<Response> {
  const type = response.headers.get('content-type') ?? '';
  if (!response.body || response.headers.has('content-encoding') || !COMPRESSIBLE.test(type)) return response;
  const headers = new Headers(response.headers);
  headers.append('vary', 'Accept-Encoding');
  const encoding = chooseEncoding(request.headers.get('accept-encoding'));
  const body = new Uint8Array(await response.arrayBuffer());
  if (!encoding) return new Response(body, { status: response.status, statusText: response.statusText, headers });
  const compressed = encoded ? await encoded(encoding, body) : await encode(body, encoding);
  headers.set('content-encoding', encoding);
  headers.delete('content-length');
  return new Response(new Uint8Array(compressed), { status: response.status, statusText: response.statusText, headers });
}
