// Imports run one way: no module of the core, the tags or the worker imports itself through
// others at run time, and in the storage layer not even through type-only imports (a cycle of
// types still ties two files together).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The relative imports and re-exports of a file, as absolute .ts paths; with `types`, type-only ones too. */
function importsOf(file: string, types = true): string[] {
  const text = readFileSync(file, 'utf8');
  const statements = [...text.matchAll(/^\s*((?:import|export)\b[^;]*?\bfrom\s+'(\.{1,2}\/[^']+)')/gms)];
  return statements
    .filter((match) => types || !/^\s*(?:import|export)\s+type\b/.test(match[1]!))
    .map((match) => resolve(dirname(file), match[2]!.replace(/\.js$/, '.ts')));
}

/** One cycle of the graph (as paths from the root), or null. */
function findCycle(files: readonly string[], edges: (file: string) => string[] = importsOf): string[] | null {
  const graph = new Map(files.map((file) => [file, edges(file)]));
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    if (state.get(file) === 'done' || !graph.has(file)) return null;
    if (state.get(file) === 'open') return [...path.slice(path.indexOf(file)), file];
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file)!) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of files) {
    const cycle = visit(file);
    if (cycle) return cycle.map((p) => relative(root, p));
  }
  return null;
}

test('the sources have no import cycle at run time', () => {
  const files = ['src', 'components', 'sw'].flatMap((dir) => sources(join(root, dir)));
  assert.ok(files.length > 50, 'the sources were found');
  assert.deepEqual(findCycle(files, (file) => importsOf(file, false)), null);
});

test('the storage layer has no import cycle, not even of types', () => {
  const files = sources(join(root, 'src/storage'));
  assert.ok(files.length > 10, 'the storage files were found');
  assert.deepEqual(findCycle(files), null);
});

test('a cycle is found when there is one', () => {
  const graph: Record<string, string[]> = { [join(root, 'a.ts')]: [join(root, 'b.ts')], [join(root, 'b.ts')]: [join(root, 'a.ts')] };
  assert.deepEqual(findCycle(Object.keys(graph), (file) => graph[file]!), ['a.ts', 'b.ts', 'a.ts']);
  // connect.ts imports the schema's types; the schema imports only the record types.
  const [connect, schema] = ['connect.ts', 'schema.ts'].map((name) => join(root, 'src/storage', name));
  assert.ok(importsOf(connect!).includes(schema!));
  assert.deepEqual(importsOf(schema!), [join(root, 'src/types.ts')]);
});

test('the worker reaches the core through src/worker.ts alone', () => {
  // The files of the worker bundle: sw/offline-review-sw.ts and the sw/ files it imports.
  const entry = join(root, 'src/worker.ts');
  const sw = join(root, 'sw');
  const bundle = new Set<string>();
  const visit = (file: string): void => {
    if (bundle.has(file)) return;
    bundle.add(file);
    for (const target of importsOf(file)) if (target.startsWith(sw)) visit(target);
  };
  visit(join(sw, 'offline-review-sw.ts'));
  assert.ok(bundle.size > 3, 'the worker files were found');
  const reaching = [...bundle].flatMap((file) =>
    importsOf(file)
      .filter((target) => target.startsWith(join(root, 'src')) && target !== entry)
      .map((target) => `${relative(root, file)} -> ${relative(root, target)}`),
  );
  assert.deepEqual(reaching, []);
});
