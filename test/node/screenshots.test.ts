// The screenshots in the README and the docs: every image a Markdown file shows exists at its
// relative path, and every screenshot `npm run screenshots` takes of a page that exists is
// committed and shown somewhere (test/e2e/demo-pages.test.ts runs the script's core itself).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SHOTS } from '../../scripts/screenshots.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const markdown = ['README.md', 'demo/README.md', 'examples/README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)].filter(
  (file) => existsSync(join(root, file)),
);

/** The local images a Markdown file shows (`![alt](path)` and `<img src="path">`), resolved from the repository root. */
function images(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const paths = [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g), ...text.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
  return paths.filter((path) => !/^[a-z]+:/i.test(path)).map((path) => join(dirname(file), decodeURI(path.split('#')[0]!)));
}

test('every image the README and the docs show exists', () => {
  const shown = markdown.flatMap((file) => images(file).map((path) => ({ file, path })));
  assert.ok(shown.length > 0, 'the README and the docs show images');
  const missing = shown.filter(({ path }) => !existsSync(join(root, path)));
  assert.deepEqual(missing, [], `images shown but missing: ${JSON.stringify(missing)}`);
});

test('every screenshot of the script is committed and shown', () => {
  const shown = new Set(markdown.flatMap(images));
  for (const shot of SHOTS.filter((s) => !s.optional || existsSync(join(root, 'docs/screenshots', `${s.name}.png`)))) {
    const path = join('docs/screenshots', `${shot.name}.png`);
    assert.ok(existsSync(join(root, path)), `${path} exists (npm run screenshots)`);
    assert.ok(shown.has(path), `${path} is shown in the README or the docs`);
  }
});
