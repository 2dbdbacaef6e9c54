/**
 * Small helpers for Web-standard responses and bounded request bodies.
 */
import { ProtocolErrorCode } from '../src/protocol/mutations.js';

/** A JSON response that no cache keeps (sync answers are per user and change constantly). */
export function json(status: number, body: unknown, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set('content-type', 'application/json; charset=utf-8');
  h.set('cache-control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers: h });
}

/** The protocol's error body `{error: {code, message}}` with its status. */
export function errorResponse(status: number, code: ProtocolErrorCode, message: string, headers: HeadersInit = {}): Response {
  return json(status, { error: { code, message } }, headers);
}

/** Thrown by readBodyLimited when the body is larger than allowed. */
export class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge';
}

/**
 * Reads a request body as UTF-8 text, stopping as soon as it passes `maxBytes` (a declared
 * Content-Length above it is refused before reading). Rejects with BodyTooLarge.
 */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLarge(`body of ${declared} bytes`);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(`body over ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  // TextDecoder rather than Buffer: the handler also runs on Deno, Bun and Workers.
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}
