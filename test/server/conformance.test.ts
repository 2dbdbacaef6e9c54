// The conformance kit against the reference server over real HTTP (node:http through
// toNodeListener), on every store; and the kit's command line.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createHandler, demoAuthenticate, toNodeListener, type ReviewStore } from '../../server/index.js';
import { CHECKS, runConformance } from '../../server/conformance/runner.js';
import { main, parseCli } from '../../server/conformance/cli.js';
import { requirePostgresInCi, storeKinds } from './support.js';
import { isOfflineReviewError } from '../../src/errors.js';

async function listen(store: ReviewStore): Promise<{ server: Server; base: string }> {
  const handler = createHandler({ store, authenticate: demoAuthenticate });
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/review` };
}

for (const kind of storeKinds()) {
  describe(`conformance kit against the reference server (${kind.name}, real HTTP)`, () => {
    let store: ReviewStore;
    let server: Server;
    let base: string;
    before(async () => {
      store = await kind.open();
      ({ server, base } = await listen(store));
    });
    after(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    });

    it('passes every check through the command line', async () => {
      const lines: string[] = [];
      const exit = await main([base, '--json'], (line) => lines.push(line));
      const output = lines.join('\n');
      assert.equal(exit, 0, output);
      for (const check of CHECKS) assert.match(output, new RegExp(`PASS ${check.id} `));
      assert.doesNotMatch(output, /FAIL/);
    });

    it('passes with named users and the demo cookie', async () => {
      const user = `named-${crypto.randomUUID()}`;
      const lines: string[] = [];
      const exit = await main([base, '--cookie', `offline_review_user=${user}`, '--header', 'X-Extra: 1'], (l) => lines.push(l));
      assert.equal(exit, 0, lines.join('\n'));
      assert.match(lines[0]!, new RegExp(`as ${user} and ${user}-b`));
    });

    it('reports FAIL and exits 1 when a server breaks the protocol', async () => {
      // Without credentials the server answers 401 to everything: each push check must fail.
      const lines: string[] = [];
      const exit = await main([base, '--header-template', 'X-User: {user}', '--only', 'push-applies,invalid-cursor'], (l) =>
        lines.push(l),
      );
      assert.equal(exit, 1);
      assert.match(lines.join('\n'), /FAIL push-applies/);
      const results = await runConformance({
        baseUrl: base,
        users: [{ userId: 'x', headers: {} }, { userId: 'y', headers: {} }],
        skipAuth: true,
        only: ['order'],
      });
      assert.deepEqual(results.map((r) => [r.id, r.passed]), [['order', false]]);
    });
  });
}

describe('conformance kit against a server that signs learners in with tokens', () => {
  it('mints a token per user with --jwt-secret and passes every check', async () => {
    const { createJwtAuthenticator, createPGliteStore } = await import('../../server/index.js');
    const store = await createPGliteStore();
    const secret = 'the conformance kit and the server share this secret';
    const authenticate = createJwtAuthenticator({ secret, issuer: 'https://site.example', audience: 'offline-review' });
    const server = createServer(toNodeListener(createHandler({ store, authenticate })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/review`;
      const lines: string[] = [];
      const args = [base, '--jwt-secret', secret, '--jwt-issuer', 'https://site.example', '--jwt-audience', 'offline-review'];
      const exit = await main(args, (line) => lines.push(line));
      assert.equal(exit, 0, lines.join('\n'));
      for (const check of CHECKS) assert.match(lines.join('\n'), new RegExp(`PASS ${check.id} `));
      const wrong = await main([...args.slice(0, 2), `${secret}!`, ...args.slice(3), '--only', 'push-applies'], (line) => lines.push(line));
      assert.equal(wrong, 1, 'tokens signed with another secret are refused');
      assert.equal(await main([base, '--jwt-secret', secret], (line) => lines.push(line)), 2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    }
  });
});

describe('conformance command line', () => {
  it('parses templates, named users and shared headers', () => {
    const templated = parseCli(['http://h/api/', '--header-template', 'Authorization: Bearer {user}', '--header', 'X-CSRF: t']);
    if (templated === 'help') return assert.fail('parsed as --help');
    assert.equal(templated.baseUrl, 'http://h/api');
    assert.equal(templated.users[0].headers.authorization, `Bearer ${templated.users[0].userId}`);
    assert.equal(templated.users[1].headers['x-csrf'], 't');
    assert.equal(templated.users[0].headers.cookie, undefined);

    const named = parseCli(['http://h', '--user', 'a', '--cookie', 's=1', '--user-b', 'b', '--cookie-b', 's=2', '--header-b', 'X: 2', '--skip-auth', '--only', 'order, paging']);
    if (named === 'help') return assert.fail('parsed as --help');
    assert.deepEqual(named.users, [{ userId: 'a', headers: { cookie: 's=1' } }, { userId: 'b', headers: { cookie: 's=2', x: '2' } }]);
    assert.equal(named.skipAuth, true);
    assert.deepEqual(named.only, ['order', 'paging']);
    assert.equal(parseCli(['--help']), 'help');
  });

  it('refuses bad usage with exit code 2 and the usage text', async () => {
    for (const argv of [[], ['not a url'], ['http://h', '--cookie', 's=1'], ['http://h', '--user', 'a'], ['http://h', '--header-template', 'nocolon{user}']]) {
      const lines: string[] = [];
      assert.equal(await main(argv, (l) => lines.push(l)), 2, argv.join(' '));
      assert.match(lines.join('\n'), /Usage:/);
    }
    const lines: string[] = [];
    assert.equal(await main(['--help'], (l) => lines.push(l)), 0);
    await assert.rejects(runConformance({ baseUrl: 'http://h', users: [{ userId: 'a', headers: {} }, { userId: 'a', headers: {} }] }), (e) => isOfflineReviewError(e, 'invalid-input'));
  });
});

requirePostgresInCi();
