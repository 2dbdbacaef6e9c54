// What a first card loads: the modules `<review-session>` imports at run time, followed from
// components/review-session/review-session.ts through every static import and re-export (type-only
// ones left out, as the build leaves them out). The engine's own code must not be among them:
// the CDN build puts a module in the chunks the first card waits for as soon as one of these
// names it (rollup.config.mjs, CHUNK_GROUPS; docs/design.md, "Loading").
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The relative run-time imports and re-exports of a file, as absolute .ts paths. */
function runTimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*((?:import|export)\b[^;]*?\bfrom\s+'(\.{1,2}\/[^']+)'|import\s+'(\.{1,2}\/[^']+)')/gms)]
    .filter((match) => !/^\s*(?:import|export)\s+type\b/.test(match[1]!))
    .map((match) => resolve(dirname(file), (match[2] ?? match[3])!.replace(/\.js$/, '.ts')));
}

/** Every module `entry` reaches through run-time imports, as paths from the root. */
function reached(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    const path = relative(root, file);
    if (seen.has(path)) return;
    seen.add(path);
    runTimeImports(file).forEach(visit);
  };
  visit(resolve(root, entry));
  return seen;
}

test("the first card's modules leave the engine's code to the engine", () => {
  const first = reached('components/review-session/review-session.ts');
  // What the first card does run: its item checks, the attribute checks, the stale marks' keys.
  for (const runs of [
    'src/records/normalise-items.ts',
    'src/records/field.ts',
    'components/review-session/schedule-config.ts',
    'src/storage/first-card-states.ts',
    'src/storage/stale-mark-keys.ts',
    'src/errors.ts',
  ]) {
    assert.ok(first.has(runs), `${runs} is among the first card's modules`);
  }
  const engineOnly = [
    // The clock (the record checks need only the check of its text, hlc-text.ts).
    'src/hlc.ts',
    // The stale marks' writers and readers, and the transactions' helpers they use.
    'src/storage/stale-marks.ts',
    'src/storage/transaction.ts',
    // The tables of answers, sessions and mutations, and the records' index that names them.
    'src/records/index.ts',
    'src/records/answer-record.ts',
    'src/records/session-record.ts',
    'src/records/mutation-record.ts',
    'src/records/require-record.ts',
    'src/types.ts',
    // The error codes' tables and the quota check (the error class alone runs first).
    'src/error-codes.ts',
    'src/quota-error.ts',
    // Reading back a stored state's parameters, and the scheduler's index (which names ts-fsrs).
    'src/scheduler/parse-parameters-key.ts',
    'src/scheduler/index.ts',
    'src/index.ts',
  ];
  assert.deepEqual(engineOnly.filter((path) => first.has(path)), []);
});

test('the walk follows imports and re-exports, and leaves type-only ones out', () => {
  // errors.ts re-exports the codes' types only; stale-marks.ts re-exports the keys.
  assert.ok(!reached('src/errors.ts').has('src/error-codes.ts'));
  assert.ok(reached('src/storage/stale-marks.ts').has('src/storage/stale-mark-keys.ts'));
  assert.ok(reached('src/records/index.ts').has('src/records/answer-record.ts'));
});
