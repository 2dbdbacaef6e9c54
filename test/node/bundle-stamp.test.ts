// `npm start` rebuilds the bundles only when what they are built from changed
// (scripts/bundle-stamp.mjs): checked on a real folder of sources and bundles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleInputsHash, staleBundles, writeBundleStamp } from '../../scripts/bundle-stamp.mjs';

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'bundle-stamp-'));
  for (const dir of ['src', 'components', 'sw', 'dist/cdn', 'dist/sw']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'src/a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'components/b.ts'), 'export const b = 2;\n');
  writeFileSync(join(root, 'rollup.config.mjs'), 'export default [];\n');
  return root;
}

const built = (root: string): void => {
  writeFileSync(join(root, 'dist/cdn/offline-review.js'), '/* cdn */');
  writeFileSync(join(root, 'dist/sw/offline-review-sw.js'), '/* sw */');
};

test('bundles are stale until built and stamped, then fresh until a source changes', (t) => {
  const root = project();
  t.after(() => rmSync(root, { recursive: true, force: true }));

  assert.match(staleBundles(root) ?? '', /offline-review\.js does not exist/);
  built(root);
  assert.match(staleBundles(root) ?? '', /no record/, 'bundles without a stamp are not trusted');

  writeBundleStamp(bundleInputsHash(root), root);
  assert.equal(staleBundles(root), null);

  writeFileSync(join(root, 'components/b.ts'), 'export const b = 3;\n');
  assert.match(staleBundles(root) ?? '', /changed/);
  writeBundleStamp(bundleInputsHash(root), root);
  assert.equal(staleBundles(root), null);

  writeFileSync(join(root, 'sw/new-file.ts'), '');
  assert.match(staleBundles(root) ?? '', /changed/, 'a new file counts');
});

test('a hash taken before the build does not vouch for a file saved during it', (t) => {
  const root = project();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  built(root);
  const before = bundleInputsHash(root);
  writeFileSync(join(root, 'src/a.ts'), 'export const a = 2;\n'); // saved while rollup runs
  writeBundleStamp(before, root);
  assert.match(staleBundles(root) ?? '', /changed/);
});
