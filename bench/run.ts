// `npm run bench` (scripts/bench.mjs builds, then runs this): every figure beside its baseline
// in the same run, as ratios; prints a table and writes bench/results.json.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { launchBrowser } from '../test/e2e/support/browser.js';
import { runBrowserBenches, type BrowserBenchResults } from './browser-benches.js';
import { measureColdStart, type ColdStartResult } from './cold-start.js';
import { measureIngest, type IngestResults } from './ingest.js';
import { startBenchServer } from './serve.js';
import { measureDerive, type DeriveResult } from './scheduler-derive.js';
import { measureSessionQueue, type SessionQueueResult } from './session-queue.js';
import { measureSizes, type SizeResults } from './sizes.js';
import { formatTable, type Row } from './table.js';

const log = (line: string) => console.log(`  · ${line}`);
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const ratio = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)}×`;

function rows(
  r: { browser?: BrowserBenchResults; sizes?: SizeResults; ingest?: IngestResults; cold?: ColdStartResult; queue?: SessionQueueResult; derive?: DeriveResult },
  errors: Record<string, string>,
): Row[] {
  const out: Row[] = [];
  const failed = (bench: string, key: string) => out.push({ bench, figure: `not measured: ${errors[key]}`, baseline: '', ratio: '', target: '', met: 'n/a' });
  const browser = r.browser;
  if (browser) {
    const { a, b, c } = browser;
    out.push({ bench: `a. recordAnswer p50 (${a.count})`, figure: ms(a.engine.p50), baseline: `raw idb put ${ms(a.raw.p50)}`, ratio: ratio(a.engine.p50 / a.raw.p50), target: '', met: '' });
    out.push({ bench: 'a. recordAnswer p95', figure: ms(a.engine.p95), baseline: `raw idb put ${ms(a.raw.p95)}`, ratio: ratio(a.engine.p95 / a.raw.p95), target: '≤ 2×', met: a.engine.p95 <= 2 * a.raw.p95 ? 'met' : 'not met' });
    out.push({ bench: 'a. long tasks > 50 ms', figure: `${a.longTasks} (longest ${ms(a.longestTaskMs)})`, baseline: 'during both runs', ratio: '', target: '', met: '' });
    const drained = b.engine.left === 0 ? '' : ` (${b.engine.left} left!)`;
    out.push({ bench: `b. drain ${b.count} vs per-item`, figure: `${ms(b.engine.ms)} (pushes ${ms(b.engine.pushMs)})${drained}`, baseline: `per-item ${ms(b.perItemScaledMs)} (${b.perItem.count} measured ×${b.count / b.perItem.count}; pushes ${ms((b.perItem.pushMs * b.count) / b.perItem.count)})`, ratio: ratio(b.perItemScaledMs / b.engine.ms) + ' faster', target: '≥ 30× faster', met: b.engine.left === 0 && b.perItemScaledMs / b.engine.ms >= 30 ? 'met' : 'not met' });
    out.push({ bench: `b. drain ${b.count} vs IDB floor`, figure: ms(b.engine.ms), baseline: `read+delete ×200 ${ms(b.floor.ms)}`, ratio: ratio(b.engine.ms / b.floor.ms), target: '≤ 4×', met: b.engine.left === 0 && b.engine.ms <= 4 * b.floor.ms ? 'met' : 'not met' });
    const top = Object.entries(b.engine.storageMs).sort((x, y) => y[1].ms - x[1].ms).slice(0, 3);
    out.push({ bench: 'b. where the drain spends it', figure: top.map(([name, t]) => `${name} ${ms(t.ms)}`).join(', '), baseline: `pushes ${ms(b.engine.pushMs)}`, ratio: '', target: '', met: '' });
    out.push({ bench: `c. heap, ${c.entries} pending`, figure: mb(c.engineBytes), baseline: `array in memory ${mb(c.inMemoryBytes)}`, ratio: ratio(c.engineBytes / c.inMemoryBytes), target: '< 5 MB', met: c.engineBytes < 5 * 1024 * 1024 && c.enginePending === c.entries ? 'met' : `not met${c.enginePending === c.entries ? '' : ` (counted ${c.enginePending})`}` });
  } else failed('a/b/c. browser', 'browser');
  const s = r.sizes;
  if (s) {
    const libs = `lit+idb+wb-window ${kb(s.libsTogether)}`;
    out.push({ bench: 'd. CDN file, min+gz', figure: s.cdn === null ? 'missing' : kb(s.cdn), baseline: libs, ratio: s.cdn === null ? '' : ratio(s.cdn / s.libsTogether), target: '≤ 20 KB', met: s.cdn !== null && s.cdn <= 20 * 1024 ? 'met' : 'not met' });
    out.push({ bench: 'd. CDN floor: core + libs, no tag', figure: kb(s.coreWithLibs), baseline: `${libs}; as the CDN inlines them ${kb(s.libsAsInlined)}`, ratio: ratio(s.coreWithLibs / s.libsTogether), target: '', met: '' });
    out.push({ bench: 'd. worker without its drain', figure: kb(s.workerWithoutDrain), baseline: `whole worker, same esbuild ${kb(s.workerEsbuild)}; Workbox SW ${kb(s.workboxSw)}`, ratio: ratio(s.workerWithoutDrain / s.workerEsbuild), target: '', met: '' });
    out.push({ bench: 'd. worker, min+gz', figure: s.sw === null ? 'missing' : kb(s.sw), baseline: `${libs}; Workbox SW ${kb(s.workboxSw)}`, ratio: s.sw === null ? '' : ratio(s.sw / s.libsTogether), target: '≤ 12 KB', met: s.sw !== null && s.sw <= 12 * 1024 ? 'met' : 'not met' });
    out.push({ bench: 'd. what the scheduler adds to the core', figure: kb(s.core - s.coreWithoutScheduler), baseline: `core ${kb(s.core)}; without the scheduler ${kb(s.coreWithoutScheduler)}; scheduler alone (with ts-fsrs) ${kb(s.scheduler)}`, ratio: ratio(s.core / s.coreWithoutScheduler), target: '', met: '' });
  } else failed('d. sizes', 'sizes');
  const ing = r.ingest;
  if (ing) {
    for (const e of ing.stores) {
      out.push({ bench: `e. ingest ${e.store}, batches of ${e.batchSize}`, figure: e.answersPerSecond === null ? `not measured: ${e.reason}` : `${Math.round(e.answersPerSecond)} answers/s`, baseline: e.baseline ?? '', ratio: e.ratio ?? '', target: '', met: '' });
    }
  } else failed('e. ingest', 'ingest');
  const cold = r.cold;
  if (cold) {
    out.push({ bench: `f. offline cold start (median of ${cold.offline.n})`, figure: ms(cold.offline.p50), baseline: `online reload ${ms(cold.online.p50)}`, ratio: ratio(cold.offline.p50 / cold.online.p50), target: '', met: '' });
  } else failed('f. cold start', 'cold');
  const q = r.queue;
  if (q) {
    out.push({ bench: `g. today's queue, ${q.cards} cards (p50)`, figure: ms(q.queue.p50), baseline: `plain sort by due ${ms(q.sort.p50)}`, ratio: ratio(q.queue.p50 / q.sort.p50), target: '≤ 50 ms', met: q.queue.p50 <= 50 ? 'met' : 'not met' });
  } else failed("g. today's queue", 'queue');
  const d = r.derive;
  if (d) {
    out.push({ bench: `h. derive ${d.cards} cards from ${d.answers} answers`, figure: ms(d.oursMs), baseline: `ts-fsrs next() in a plain loop ${ms(d.plainMs)}`, ratio: ratio(d.oursMs / d.plainMs), target: '≤ 1.5×', met: d.oursMs <= 1.5 * d.plainMs ? 'met' : 'not met' });
  } else failed('h. derive card states', 'derive');
  return out;
}

async function attempt<T>(name: string, errors: Record<string, string>, work: () => Promise<T>): Promise<T | undefined> {
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
const results: { browser?: BrowserBenchResults; sizes?: SizeResults; ingest?: IngestResults; cold?: ColdStartResult; queue?: SessionQueueResult; derive?: DeriveResult } = {};
const browser = await launchBrowser();
try {
  results.sizes = await attempt('sizes', errors, measureSizes);
  results.browser = await attempt('browser', errors, async () => {
    const server = await startBenchServer();
    try {
      return await runBrowserBenches(browser, server.origin, undefined, log);
    } finally {
      await server.close();
    }
  });
  log('e. reference server ingest');
  results.ingest = await attempt('ingest', errors, () => measureIngest(log));
  log("g. today's queue");
  results.queue = await attempt('queue', errors, async () => measureSessionQueue());
  log('h. derive card states');
  results.derive = await attempt('derive', errors, async () => measureDerive());
  log('f. offline cold start');
  results.cold = await attempt('cold', errors, () => measureColdStart(browser));
} finally {
  await browser.close();
}
const table = rows(results, errors);
console.log(`\n${formatTable(table)}\n`);
const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
writeFileSync('bench/results.json', `${JSON.stringify({ date: new Date().toISOString(), seconds: (Date.now() - started) / 1000, machine, table, results, errors }, null, 2)}\n`);
console.log(`bench/results.json written (${((Date.now() - started) / 1000).toFixed(0)} s)`);
process.exit(Object.keys(errors).length ? 1 : 0);
