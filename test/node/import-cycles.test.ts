// Imports run one way: no module of the core, the tags or the worker imports itself through
// others (type-only imports included: a cycle of types still ties two files together).
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

/** The relative imports and re-exports of a file, as absolute .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'(\.{1,2}\/[^']+)'/gms)].map((match) => match[1]!);
  return specifiers.map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
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

test('the sources have no import cycle', () => {
  const files = ['src', 'components', 'sw'].flatMap((dir) => sources(join(root, dir)));
  assert.ok(files.length > 50, 'the sources were found');
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
