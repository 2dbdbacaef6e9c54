// The token-minting snippets of docs/server.md, run as written: the PHP one with php-cli and
// the hand-made Python one with python3 mint a token that createJwtAuthenticator accepts as
// that learner; a token minted with another secret is refused. A snippet's interpreter
// missing on this machine fails the test when CI=true and skips its check otherwise.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createHandler, createJwtAuthenticator, createPGliteStore } from '../../server/index.js';

const SECRET = 'the site and the server share this secret, 32+ bytes';
const docs = readFileSync(join(import.meta.dirname, '../../docs/server.md'), 'utf8');

/** The code block that follows `<!-- token-minting: name -->` in docs/server.md. */
function snippet(name: string): string {
  const match = new RegExp(`<!-- token-minting: ${name} -->\\s*\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(docs);
  assert.ok(match, `docs/server.md has the ${name} snippet`);
  return match[1]!;
}

function run(command: string, args: string[], secret: string): string | null {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, OFFLINE_REVIEW_JWT_SECRET: secret } });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    if (process.env.CI === 'true') throw new Error(`${command} is not installed (.ci/run installs it)`);
    return null;
  }
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

const minters: Record<string, (userId: string, secret: string) => string | null> = {
  php: (userId, secret) => run('php', ['-r', `${snippet('php').replace(/^<\?php\s*/, '')}\necho offline_review_token($argv[1]);`, '--', userId], secret),
  python: (userId, secret) => run('python3', ['-c', `${snippet('python')}\nimport sys\nprint(offline_review_token(sys.argv[1]))`, userId], secret),
};

describe('token minting as docs/server.md shows it', () => {
  for (const [language, mintToken] of Object.entries(minters)) {
    it(`${language}: the server verifies the token and the learner is its sub`, async (t) => {
      const token = mintToken('learner-42', SECRET);
      if (token === null) return t.skip(`${language} is not installed`);
      assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'a compact JWT');
      const store = await createPGliteStore();
      try {
        const authenticate = createJwtAuthenticator({ secret: SECRET, issuer: 'https://www.example.com', audience: 'offline-review' });
        assert.deepEqual(await authenticate(new Request('http://api.local/', { headers: { authorization: `Bearer ${token}` } })), { userId: 'learner-42' });
        const handler = createHandler({ store, authenticate, onError: () => undefined });
        const pull = (bearer: string) => handler(new Request('http://api.local/api/review/changes', { headers: { authorization: `Bearer ${bearer}` } }));
        assert.equal((await pull(token)).status, 200);
        const forged = mintToken('learner-42', `${SECRET} but another one`)!;
        assert.equal((await pull(forged)).status, 401, 'a token signed with another secret');
      } finally {
        await store.close();
      }
    });
  }
});
