// `npm start`: builds the client bundles if the sources changed since they were last built
// (scripts/bundle-stamp.mjs; never with SKIP_BUILD=1), then serves the demo pages and the sync
// API on http://localhost:8080 (PORT), data in ./.data (DATA_DIR), or PostgreSQL when
// DATABASE_URL is set. HOST changes the listening address (default 127.0.0.1).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_INPUTS, BUNDLES, bundleInputsHash, staleBundles, writeBundleStamp } from './bundle-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

if (process.env.SKIP_BUILD !== '1') {
  // The demo serves the two bundles only; `npm run build` makes the rest of dist/ for npm.
  const stale = staleBundles();
  if (stale) {
    console.log(`Building the CDN file and the service worker (rollup -c): ${stale}…`);
    const started = Date.now();
    const hash = bundleInputsHash();
    // Chunks have hashed names: the old ones would stay beside the new ones, and the worker
    // precaches every chunk in the folder.
    rmSync('dist/cdn', { recursive: true, force: true });
    const build = spawnSync(process.execPath, ['node_modules/rollup/dist/bin/rollup', '-c', 'rollup.config.mjs', '--silent'], { stdio: 'inherit' });
    if (build.status !== 0) {
      console.error('The build failed; fix it, or start with SKIP_BUILD=1 to serve the last build.');
      process.exit(build.status || 1);
    }
    writeBundleStamp(hash);
    console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } else {
    console.log(`The bundles in dist/ match the sources (${BUNDLE_INPUTS.join(', ')}): not rebuilding.`);
  }
}
for (const file of BUNDLES) {
  if (!existsSync(file)) console.warn(`Warning: ${file} is missing: the pages will not show the tags.`);
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
}).catch((error) => {
  // Say what to do (a missing driver names its package), without a stack trace.
  const missing = error?.cause?.details?.missingPackage;
  console.error(missing ? `The demo's store needs ${missing}: npm install ${missing}` : `The demo could not start: ${error?.message ?? error}`);
  process.exit(1);
});
console.log(`offline-review demo: ${demo.url}  (store: ${demo.storeKind}${demo.storeKind === 'pglite' ? `, data in ${dataDir}; PGlite does not fsync: answers survive a crash but not a power loss, use PostgreSQL (DATABASE_URL) in production` : ''})`);
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
