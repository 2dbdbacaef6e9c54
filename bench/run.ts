// `npm run bench` (scripts/bench.mjs builds, then runs this): every figure beside its baseline
// in the same run, as ratios; prints a table and writes bench/results.json.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { launchBrowser } from '../test/e2e/support/browser.js';
import { runBrowserBenches } from './browser-benches.js';
import { measureCriticalPath } from './critical-path.js';
import { measureCatchUp } from './catch-up.js';
import { measureColdStart } from './cold-start.js';
import { measureGradeToPaint } from './grade-to-paint.js';
import { measureIngest, postgres } from './ingest.js';
import { measureServerScale } from './server-scale.js';
import { startBenchServer } from './serve.js';
import { measureDerive } from './scheduler-derive.js';
import { measureSessionQueue } from './session-queue.js';
import { measureSizes } from './sizes.js';
import { rows, type BenchResults } from './rows.js';
import { formatTable, shapeProblems } from './table.js';

const log = (line: string) => console.log(`  · ${line}`);
/**
 * `BENCH_ONLY=grade,bytes npm run bench` runs only the parts named (the names of `results`
 * below: sizes, browser, grade, catchUp, ingest, scale, queue, derive, bytes, lighthouse, cold);
 * the others are left out of the table. For working on one figure; `npm run bench` runs all.
 */
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((name) => name.trim())) : null;
const wanted = (...names: string[]) => !only || names.some((name) => only.has(name));

async function attempt<T>(name: string, errors: Record<string, string>, work: () => Promise<T>): Promise<T | undefined> {
  if (!wanted(name)) return undefined;
  try {
    return await work();
  } catch (error) {
    errors[name] = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 160);
    console.error(`  ✖ ${name}:`, error);
    return undefined;
  }
}

const started = Date.now();
const errors: Record<string, string> = {};
const results: BenchResults = {};
const browser = await launchBrowser();
try {
  results.sizes = await attempt('sizes', errors, measureSizes);
  // The grade and catch-up benches share the browser benches' server.
  if (wanted('browser', 'grade', 'catchUp')) {
    const server = await startBenchServer();
    try {
      results.browser = await attempt('browser', errors, () => runBrowserBenches(browser, server.origin, undefined, log));
      if (wanted('grade')) log('i. grade to next card, 200 answers, 4× CPU');
      results.grade = await attempt('grade', errors, () => measureGradeToPaint(browser, server.origin));
      if (wanted('catchUp')) log('k. a new device catches up: 100,000 answers over 5,000 cards');
      results.catchUp = await attempt('catchUp', errors, () => measureCatchUp(browser, server.origin, 5000, 100_000, log));
    } finally {
      await server.close();
    }
  }
  if (wanted('ingest')) log('e. reference server ingest');
  results.ingest = await attempt('ingest', errors, () => measureIngest(log));
  if (wanted('scale')) log('j. the server on one and two instances, 200 learners, one PostgreSQL');
  results.scale = await attempt('scale', errors, async () => {
    const pg = postgres();
    if (!pg.url) throw new Error(pg.reason ?? 'no PostgreSQL');
    try {
      return await measureServerScale(pg.url, pg.dataDir);
    } finally {
      pg.stop?.();
    }
  });
  if (wanted('queue')) log("g. today's queue");
  results.queue = await attempt('queue', errors, async () => measureSessionQueue());
  if (wanted('derive')) log('h. derive card states');
  results.derive = await attempt('derive', errors, async () => measureDerive());
  if (wanted('bytes')) log('m. bytes before the first card (demo, three pages)');
  results.bytes = await attempt('bytes', errors, () => measureCriticalPath(browser));
  if (wanted('lighthouse')) log('n. Lighthouse on the demo deck page, 3 runs');
  // Imported here: without the lighthouse package installed, this row says so and the rest runs.
  results.lighthouse = await attempt('lighthouse', errors, async () => (await import('./lighthouse.js')).measureLighthouse());
  if (wanted('cold')) log('f. offline cold start');
  results.cold = await attempt('cold', errors, () => measureColdStart(browser));
} finally {
  await browser.close();
}
// With BENCH_ONLY, the parts left out have no row (rather than a "not measured" one).
const table = rows(results, errors).filter((row) => !only || !/no result|not measured in this run/.test(row.figure));
const problems = only ? [] : shapeProblems(table);
if (problems.length) errors.shape = problems.join('; ');
console.log(`\n${formatTable(table)}\n`);
const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
writeFileSync('bench/results.json', `${JSON.stringify({ date: new Date().toISOString(), seconds: (Date.now() - started) / 1000, machine, table, results, errors }, null, 2)}\n`);
console.log(`bench/results.json written (${((Date.now() - started) / 1000).toFixed(0)} s)`);
process.exit(Object.keys(errors).length ? 1 : 0);
