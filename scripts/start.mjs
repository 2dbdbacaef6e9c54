// `npm start`: builds the client bundles (unless SKIP_BUILD=1), then serves the demo pages and
// the sync API on http://localhost:8080 (PORT), data in ./.data (DATA_DIR), or PostgreSQL when
// DATABASE_URL is set. HOST changes the listening address (default 127.0.0.1).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

if (process.env.SKIP_BUILD !== '1') {
  console.log('Building the client bundles (node scripts/build.mjs)…');
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed; fix it, or start with SKIP_BUILD=1 to serve the last build.');
    process.exit(build.status || 1);
  }
}
if (!existsSync('dist/cdn/offline-review.js')) {
  console.warn('Warning: dist/cdn/offline-review.js is missing: the pages will not show the tags.');
}

// The server is TypeScript: run it through tsx (a dev dependency of this repository).
const { register } = await import('tsx/esm/api');
register();
const { startDemoServer } = await import('../server/demo/serve.ts');

const dataDir = resolve(process.env.DATA_DIR || '.data');
mkdirSync(dataDir, { recursive: true });
const demo = await startDemoServer({
  port: Number(process.env.PORT || 8080),
  host: process.env.HOST || '127.0.0.1',
  dataDir,
  databaseUrl: process.env.DATABASE_URL || undefined,
  distDir: resolve('dist'),
  decksDir: resolve('demo/decks'),
});
console.log(`offline-review demo: ${demo.url}  (store: ${demo.storeKind}${demo.storeKind === 'pglite' ? `, data in ${dataDir}` : ''})`);
console.log('Sign-in is DEMO ONLY: a name in a cookie, no password.');

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping…`);
  await demo.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
