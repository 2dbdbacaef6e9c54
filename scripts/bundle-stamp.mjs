// Whether dist/'s two bundles (the CDN file and the service worker, `rollup -c`) were built
// from the sources as they are now: a SHA-256 of every file they are built from, written next
// to them after a build. Content, not modification times, so that a checkout or a copy that
// keeps old times cannot pass off a stale bundle. `npm start` rebuilds only when it differs.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the bundles are built from: folders walked whole, and single files. */
export const BUNDLE_INPUTS = ['src', 'components', 'sw', 'rollup.config.mjs', 'tsconfig.json', 'package-lock.json'];
export const BUNDLES = ['dist/cdn/offline-review.js', 'dist/sw/offline-review-sw.js'];
const STAMP = 'dist/.bundles-stamp';

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** The hash of every input's path and bytes, in a fixed order. */
export function bundleInputsHash(root = '.') {
  const hash = createHash('sha256');
  for (const input of BUNDLE_INPUTS) {
    for (const file of files(join(root, input))) hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Why the bundles must be rebuilt, or null when they match the sources. */
export function staleBundles(root = '.') {
  const missing = BUNDLES.find((file) => !existsSync(join(root, file)));
  if (missing) return `${missing} does not exist`;
  const stamp = join(root, STAMP);
  if (!existsSync(stamp)) return 'no record of the sources they were built from';
  if (readFileSync(stamp, 'utf8').trim() !== bundleInputsHash(root)) return `${BUNDLE_INPUTS.join(', ')} changed since they were built`;
  return null;
}

/**
 * Records that the bundles match the sources hashed as `hash`: take the hash before the build,
 * so that a file saved during the build makes the next start build again.
 */
export function writeBundleStamp(hash, root = '.') {
  writeFileSync(join(root, STAMP), `${hash}\n`);
}
