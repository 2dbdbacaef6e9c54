// toNodeListener in a real node:http server: plain mounting, Express-style fall-through with
// next(), a body already parsed by a body parser, headers both ways, and failures.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { toNodeListener, type NodeListener } from '../../server/index.js';

type Middleware = (req: IncomingMessage & { body?: unknown }, res: ServerResponse, next: (error?: unknown) => void) => void;

async function serve(handle: Middleware): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) =>
    handle(req, res, (error?: unknown) => {
      res.writeHead(error ? 599 : 299, { 'content-type': 'text/plain' });
      res.end(error ? `next(${(error as Error).message})` : 'next()');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const echo = Object.assign(
  async (request: Request) =>
    new Response(JSON.stringify({ method: request.method, url: request.url, body: request.body ? await request.text() : null, x: request.headers.get('x-a') }), {
      status: 201,
      headers: [['content-type', 'application/json'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2']],
    }),
  { basePath: '/api/review' },
);

describe('toNodeListener', () => {
  it('passes method, URL, headers and a streamed body, and writes status, headers and body', async () => {
    const listener = toNodeListener(echo);
    const { url, close } = await serve((req, res) => void listener(req, res));
    const response = await fetch(`${url}/api/review/sync?q=1`, { method: 'POST', body: 'hello', headers: { 'x-a': 'A' } });
    assert.equal(response.status, 201);
    assert.deepEqual(response.headers.getSetCookie(), ['a=1', 'b=2']);
    const body = (await response.json()) as { method: string; url: string; body: string; x: string };
    assert.deepEqual(body, { method: 'POST', url: `${url}/api/review/sync?q=1`, body: 'hello', x: 'A' });
    const get = (await (await fetch(`${url}/api/review/changes`)).json()) as { body: null };
    assert.equal(get.body, null);
    await close();
  });

  it('hands paths outside its base to next() when mounted as middleware', async () => {
    const listener: NodeListener = toNodeListener(echo);
    const { url, close } = await serve((req, res, next) => void listener(req, res, next));
    assert.equal(await (await fetch(`${url}/elsewhere`)).text(), 'next()');
    assert.equal((await fetch(`${url}/api/review/changes`)).status, 201);
    await close();
  });

  it('uses a body that a body parser already read', async () => {
    const listener = toNodeListener(echo);
    const { url, close } = await serve((req, res, next) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        req.body = req.headers['x-kind'] === 'json' ? JSON.parse(text) : req.headers['x-kind'] === 'buffer' ? Buffer.from(text) : text;
        void listener(req, res, next);
      });
    });
    for (const kind of ['json', 'buffer', 'string']) {
      const response = await fetch(`${url}/api/review/sync`, { method: 'POST', body: '{"a":1}', headers: { 'x-kind': kind } });
      assert.equal(((await response.json()) as { body: string }).body, '{"a":1}', kind);
    }
    await close();
  });

  it('answers 500 {error} when the handler throws, or passes the error to next()', async () => {
    const failing = Object.assign(async () => Promise.reject(new Error('boom')), { basePath: '/api/review' });
    const plain = toNodeListener(failing);
    const server1 = await serve((req, res) => void plain(req, res));
    const response = await fetch(`${server1.url}/api/review/sync`);
    assert.equal(response.status, 500);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'internal');
    await server1.close();
    const server2 = await serve((req, res, next) => void plain(req, res, next));
    assert.equal(await (await fetch(`${server2.url}/api/review/sync`)).text(), 'next(boom)');
    await server2.close();
  });
});
