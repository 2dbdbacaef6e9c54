/**
 * Mounts a Web-standard handler in Node's http server, Express, Connect or Fastify (through
 * `fastify.all(path, (req, reply) => listener(req.raw, reply.raw))`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** A Node listener; `next` (Express/Connect) receives paths outside the handler's base. */
export type NodeListener = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void>;

/** A handler as made by createHandler (or any Request → Response function). */
export type WebHandler = ((request: Request) => Promise<Response>) & { readonly basePath?: string };

/** Builds a Web Request from a Node request (the body streams; nothing is buffered here). */
export function toWebRequest(req: IncomingMessage & { body?: unknown }): Request {
  const host = req.headers.host ?? 'localhost';
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const url = new URL(req.url ?? '/', `${protocol}://${host}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  // A body parser mounted before us already consumed the stream: use what it parsed.
  if (req.body !== undefined) {
    const body: BodyInit =
      typeof req.body === 'string'
        ? req.body
        : req.body instanceof Uint8Array
          ? new Uint8Array(req.body)
          : JSON.stringify(req.body);
    headers.delete('content-length');
    return new Request(url, { method, headers, body });
  }
  return new Request(url, {
    method,
    headers,
    body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit);
}

/**
 * Writes a Web Response to a Node response. When the handler answered without reading the
 * whole request body (a 413), the connection is closed: a client must not reuse a socket
 * that still carries the rest of that body.
 */
export async function writeWebResponse(response: Response, res: ServerResponse, req?: IncomingMessage): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  const body = Buffer.from(await response.arrayBuffer());
  if (req && !req.complete) headers.connection = 'close';
  res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * Adapts `handler` to `(req, res, next?)`. With `next` (Express/Connect), requests outside
 * `handler.basePath` are passed on. Never rejects: failures end the response with 500.
 */
export function toNodeListener(handler: WebHandler): NodeListener {
  return async (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (next && handler.basePath !== undefined && path !== handler.basePath && !path.startsWith(`${handler.basePath}/`)) {
      next();
      return;
    }
    let request: Request;
    try {
      request = toWebRequest(req);
    } catch {
      // A Host header or request target that is no URL: the client's mistake, not a failure.
      res.writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store', connection: 'close' });
      res.end(JSON.stringify({ error: { code: 'invalid-request', message: 'The Host header or the request target is malformed.' } }));
      return;
    }
    try {
      await writeWebResponse(await handler(request), res, req);
    } catch (error) {
      if (next) {
        next(error);
        return;
      }
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal', message: 'The server failed.' } }));
    }
  };
}
