// `npm run build`: dist/ ES modules with .d.ts (tsc), the CDN file and the service worker
// (rollup), and custom-elements.json (the analyzer, from the classes' JSDoc).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { bundleInputsHash, writeBundleStamp } from './bundle-stamp.mjs';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status || 1);
}

const sources = bundleInputsHash();
rmSync('dist', { recursive: true, force: true });
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
run('npx', ['rollup', '-c', 'rollup.config.mjs', '--silent']);
// `npm start` serves these bundles without building them again while the sources stay the same.
writeBundleStamp(sources);
if (existsSync('components') && existsSync('custom-elements-manifest.config.mjs')) {
  // The analyzer's bin is `custom-elements-manifest` (there is no `cea` bin: npx would fetch a stranger).
  run('npx', ['custom-elements-manifest', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet']);
  if (existsSync('scripts/docs-components.mjs')) run('node', ['scripts/docs-components.mjs']);
}
