// offline-review-server, the command: options from flags and environment, and the real
// process spawned from bin/: its start line (with the PGlite durability warning), /healthz, a
// push with a site-minted token, one log line per request, and a graceful stop on SIGTERM that
// finishes a request in flight, closes the database (its lock is gone) and exits 0.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { makeAnswer, makeSession, sessionWithAnswers } from '../../server/conformance/fixtures.js';
import { parseServerConfig } from '../../server/standalone/config.js';
import { createPgStore } from '../../server/index.js';
import { main, startStandalone } from '../../server/standalone/run.js';
import { isOfflineReviewError } from '../../src/errors.js';
import { hs256Token } from './support.js';

const SECRET = 'a secret shared by the site and the server, 32+ bytes';
const bin = join(import.meta.dirname, '../../bin/offline-review-server.mjs');

describe('offline-review-server options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'offline-review-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const secretFile = join(dir, 'secret');
  writeFileSync(secretFile, `${SECRET}\n`);

  it('reads flags and environment variables, flags first', () => {
    const config = parseServerConfig(['--port', '9000', '--allowed-origin', 'https://a.example', '--jwt-secret-file', secretFile], {
      PORT: '1',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://db/review',
      OFFLINE_REVIEW_BASE_PATH: '/sync-api',
      OFFLINE_REVIEW_JWT_ISSUER: 'https://www.example.com',
      OFFLINE_REVIEW_JWT_AUDIENCE: 'offline-review',
      OFFLINE_REVIEW_JWT_CLOCK_TOLERANCE: '5',
    });
    assert.notEqual(config, 'help');
    assert.deepEqual(config, {
      port: 9000,
      host: '0.0.0.0',
      databaseUrl: 'postgres://db/review',
      poolSize: 10,
      dataDir: './offline-review-data',
      basePath: '/sync-api',
      allowedOrigins: ['https://a.example'],
      auth: { issuer: 'https://www.example.com', audience: 'offline-review', secret: SECRET, clockToleranceSeconds: 5 },
    });
    const fromEnv = parseServerConfig([], { OFFLINE_REVIEW_JWKS_URL: 'https://www.example.com/jwks', OFFLINE_REVIEW_JWT_ISSUER: 'i', OFFLINE_REVIEW_JWT_AUDIENCE: 'a', OFFLINE_REVIEW_ALLOWED_ORIGINS: 'https://x.example, https://y.example' });
    assert.ok(fromEnv !== 'help' && fromEnv.auth !== 'demo');
    assert.equal(fromEnv.auth.jwksUrl, 'https://www.example.com/jwks');
    assert.deepEqual(fromEnv.allowedOrigins, ['https://x.example', 'https://y.example']);
    assert.equal(parseServerConfig(['--help'], {}), 'help');
    assert.deepEqual((parseServerConfig(['--demo-auth'], {}) as { auth: string }).auth, 'demo');
  });

  it('takes the pool size from --pool-size or OFFLINE_REVIEW_POOL_SIZE, flag first, and refuses a bad one', () => {
    const poolSize = (argv: string[], env: NodeJS.ProcessEnv) => (parseServerConfig(['--demo-auth', ...argv], env) as { poolSize: number }).poolSize;
    assert.equal(poolSize(['--pool-size', '4'], { OFFLINE_REVIEW_POOL_SIZE: '7' }), 4);
    assert.equal(poolSize([], { OFFLINE_REVIEW_POOL_SIZE: '7' }), 7);
    assert.equal(poolSize([], {}), 10);
    for (const bad of ['0', '-3', '2.5', 'ten', '1001']) {
      assert.throws(
        () => parseServerConfig(['--demo-auth', `--pool-size=${bad}`], {}),
        (error) => isOfflineReviewError(error, 'invalid-input') && error.message.includes(`Not a pool size (a whole number from 1 to 1000): ${bad}`),
      );
    }
  });

  it('refuses a pool size that is not a whole number from 1 to 1000 before connecting', async () => {
    for (const poolSize of [0, 1.5, Number.NaN, 1001, 1e9]) {
      await assert.rejects(createPgStore('postgres://nobody@127.0.0.1:1/none', { poolSize }), (error) => isOfflineReviewError(error, 'invalid-input') && Object.is(error.details.poolSize, poolSize));
    }
  });

  it('refuses to start without a sign-in, with two, without issuer or audience, or with a bad port', () => {
    const refused = (argv: string[], env: NodeJS.ProcessEnv, pattern: RegExp) =>
      assert.throws(() => parseServerConfig(argv, env), (error) => isOfflineReviewError(error, 'invalid-input') && pattern.test(error.message));
    refused([], {}, /Choose how learners sign in/);
    refused(['--demo-auth', '--jwt-secret', SECRET], {}, /only one of/);
    refused(['--jwt-secret', SECRET], { OFFLINE_REVIEW_JWT_ISSUER: 'i' }, /--jwt-audience/);
    refused(['--demo-auth', '--port', 'http'], {}, /Not a port/);
    refused(['--demo-auth', '--base-path', 'api'], {}, /must start with/);
    refused(['--jwt-secret-file', join(dir, 'missing')], {}, /Cannot read the JWT secret file/);
    refused(['--jwt-secret', SECRET, '--jwt-issuer', 'i', '--jwt-audience', 'a', '--jwt-clock-tolerance', 'soon'], {}, /seconds/);
  });

  it('prints the usage and exits 2 for bad usage, 1 when it cannot start', async () => {
    const lines: string[] = [];
    assert.equal(await main([], {}, (line) => lines.push(line)), 2);
    assert.match(lines.join('\n'), /Usage: offline-review-server/);
    assert.equal(await main(['--help'], {}, (line) => lines.push(line)), 0);
    const taken = await main(['--demo-auth', '--database-url', 'postgres://nobody@127.0.0.1:1/none'], {}, (line) => lines.push(line));
    assert.equal(taken, 1);
    assert.match(lines.at(-1)!, /could not start/);
  });
});

if (process.env.DATABASE_URL) {
  describe('offline-review-server on PostgreSQL', () => {
    it('opens at most --pool-size connections however many requests arrive at once', async () => {
      // The connection string's application_name tells this server's backends from the rest.
      const name = `pool-size-${randomUUID()}`;
      const url = new URL(process.env.DATABASE_URL!);
      url.searchParams.set('application_name', name);
      const config = parseServerConfig(['--demo-auth', '--port', '0', '--pool-size', '2', '--database-url', url.href], {});
      assert.ok(config !== 'help');
      const lines: string[] = [];
      const running = await startStandalone(config, (line) => lines.push(line));
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL! });
      await admin.connect();
      try {
        assert.match(lines[0]!, /store: PostgreSQL, at most 2 connections/);
        const pulls = Array.from({ length: 12 }, (_, i) =>
          fetch(`${running.url}/changes`, { headers: { cookie: `offline_review_user=pool-${i}` } }).then((r) => r.status),
        );
        assert.deepEqual(await Promise.all(pulls), Array(12).fill(200));
        // Idle connections stay in the pool: what it opened for the burst is still there.
        const count = async () => Number((await admin.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [name])).rows[0]!.n);
        const open = await count();
        assert.ok(open >= 1 && open <= 2, `${open} connections`);
      } finally {
        await admin.end();
        await running.close();
      }
    });
  });
}

describe('offline-review-server, spawned', () => {
  const dir = mkdtempSync(join(tmpdir(), 'offline-review-bin-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('serves /healthz and the API, logs one line per request, and stops gracefully on SIGTERM', async () => {
    writeFileSync(join(dir, 'secret'), SECRET);
    const dataDir = join(dir, 'pglite');
    const child: ChildProcess = spawn(
      process.execPath,
      [bin, '--port', '0', '--data-dir', dataDir, '--jwt-secret-file', join(dir, 'secret'), '--jwt-issuer', 'https://www.example.com', '--jwt-audience', 'offline-review'],
      // PGlite here, whatever store the rest of the suite runs on.
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } },
    );
    const lines: string[] = [];
    let stderr = '';
    const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    let buffer = '';
    child.stdout!.on('data', (chunk) => {
      buffer += chunk;
      for (let index = buffer.indexOf('\n'); index >= 0; index = buffer.indexOf('\n')) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 1);
        lines.push(line);
        for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    });
    const exited = once(child, 'exit');
    const lineMatching = (pattern: RegExp) =>
      new Promise<string>((resolve, reject) => {
        const seen = lines.find((line) => pattern.test(line));
        if (seen) return resolve(seen);
        waiters.push({ pattern, resolve });
        void exited.then(() => reject(new Error(`exited before ${pattern}: ${lines.join('\n')}\n${stderr}`)));
      });
    try {
      const start = await lineMatching(/listening on/);
      assert.match(start, /PGlite does not fsync/);
      assert.match(start, /use PostgreSQL/);
      const base = /listening on (\S+)/.exec(start)![1]!;
      const origin = new URL(base).origin;
      const token = await hs256Token(SECRET, 'learner-7', 'https://www.example.com');

      assert.equal((await fetch(`${origin}/healthz`)).status, 200);
      assert.equal((await fetch(`${base}/changes`)).status, 401);
      const pulled = await fetch(`${base}/changes`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(pulled.status, 200);
      await lineMatching(/^GET \/api\/review\/changes 200 /);

      // A push in flight when SIGTERM arrives: its headers are in (100 Continue), its body not yet.
      const session = makeSession('learner-7');
      const body = JSON.stringify({ protocol: 1, clientId: 'c', mutations: sessionWithAnswers(session, [makeAnswer(session, 'item-1')]) });
      const push = httpRequest(`${base}/sync`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}`, expect: '100-continue' },
      });
      const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
        push.on('response', (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, text }));
        });
        push.on('error', reject);
      });
      await once(push, 'continue');
      child.kill('SIGTERM');
      await lineMatching(/SIGTERM: finishing requests in flight/);
      push.end(body);
      const result = await answered;
      assert.equal(result.status, 200, result.text);
      assert.match(result.text, /"applied"/);
      const [code] = await exited;
      assert.equal(code, 0, stderr);
      assert.ok(!existsSync(`${dataDir}.lock`), 'the database was closed and its lock freed');
      const requests = lines.filter((line) => /^(GET|POST) /.test(line));
      assert.deepEqual(
        requests.map((line) => line.split(' ').slice(0, 3).join(' ')),
        ['GET /healthz 200', 'GET /api/review/changes 401', 'GET /api/review/changes 200', 'POST /api/review/sync 200'],
        'one line per request',
      );
      assert.equal(stderr, '');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
