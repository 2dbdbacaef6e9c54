// The public API surface in review: the names and kinds each public entry exports are compared
// with docs/api-surface.txt, and every name of the site-facing entries must be in docs/api.md.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { apiSurface, SURFACE_FILE } from '../../scripts/api-surface.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const UPDATE = 'node --import tsx scripts/api-surface.ts --write';

/** Lines of `a` missing from `b`. */
function missing(a: string[], b: string[]): string[] {
  const present = new Set(b);
  return a.filter((line) => line !== '' && !present.has(line));
}

const surface = apiSurface();

test('the exported names match docs/api-surface.txt', () => {
  const committed = readFileSync(SURFACE_FILE, 'utf8');
  if (surface === committed) return;
  const now = surface.split('\n');
  const before = committed.split('\n');
  const diff = [...missing(now, before).map((line) => `+ ${line}`), ...missing(before, now).map((line) => `- ${line}`)];
  assert.fail(
    `The public API changed:\n${diff.join('\n')}\n\n` +
      `If the change is meant, run \`${UPDATE}\`, document it in docs/api.md, and commit both.`,
  );
});

test('docs/api.md documents every name of the root, core, cdn and sw/register entries', () => {
  const docs = readFileSync(join(root, 'docs/api.md'), 'utf8');
  const names = surface
    .split('\n')
    .filter((line) => /^offline-review(\/core|\/cdn|\/sw\/register)? /.test(line))
    .map((line) => line.split(' ')[1]!);
  const undocumented = [...new Set(names)].filter((name) => !new RegExp(`\`${name}[\`(<.]`).test(docs));
  assert.deepEqual(undocumented, [], 'each exported name appears in docs/api.md in code, as `Name` or `Name(`');
});
