// Turns the benches' results into table rows, each with a stable id and, where it has a target,
// a `met` boolean. Kept apart from bench/run.ts so a Node test can check the table's shape.
import type { BrowserBenchResults } from './browser-benches.js';
import type { CatchUpResult } from './catch-up.js';
import type { ColdStartResult } from './cold-start.js';
import type { CriticalPathResult, PageBytes } from './critical-path.js';
import type { Category, LighthouseResult } from './lighthouse.js';
import type { GradeToPaintResult } from './grade-to-paint.js';
import type { IngestResults } from './ingest.js';
import type { DeriveResult } from './scheduler-derive.js';
import type { ServerScaleResult } from './server-scale.js';
import type { SessionQueueResult } from './session-queue.js';
import type { SizeResults } from './sizes.js';
import { withRequiredRows, type Row } from './table.js';

export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
export const ratio = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)}×`;

/** Everything one run measured; a bench that failed is absent and named in `errors`. */
export interface BenchResults {
  browser?: BrowserBenchResults;
  sizes?: SizeResults;
  ingest?: IngestResults;
  cold?: ColdStartResult;
  queue?: SessionQueueResult;
  derive?: DeriveResult;
  grade?: GradeToPaintResult;
  scale?: ServerScaleResult;
  bytes?: CriticalPathResult;
  catchUp?: CatchUpResult;
  lighthouse?: LighthouseResult;
}

/** The table's rows for `r`; a failed bench gives one "not measured" row with its error. */
export function rows(r: BenchResults, errors: Record<string, string>): Row[] {
  const out: Row[] = [];
  const failed = (bench: string, key: string) =>
    out.push({ id: `${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-not-measured`, bench, figure: `not measured: ${errors[key] ?? 'no result'}`, baseline: '', ratio: '', target: '', met: null });
  const browser = r.browser;
  if (browser) {
    const { a, b, c } = browser;
    out.push({ id: 'record-answer-p50', bench: `a. recordAnswer p50 (${a.count})`, figure: ms(a.engine.p50), baseline: `raw idb put ${ms(a.raw.p50)}`, ratio: ratio(a.engine.p50 / a.raw.p50), target: '', met: null });
    out.push({ id: 'record-answer-p95', bench: 'a. recordAnswer p95', figure: ms(a.engine.p95), baseline: `raw idb put ${ms(a.raw.p95)}`, ratio: ratio(a.engine.p95 / a.raw.p95), target: '≤ 2×', met: a.engine.p95 <= 2 * a.raw.p95 });
    out.push({ id: 'record-answer-long-tasks', bench: 'a. long tasks > 50 ms', figure: `${a.longTasks} (longest ${ms(a.longestTaskMs)})`, baseline: 'during both runs', ratio: '', target: '', met: null });
    const drained = b.engine.left === 0 ? '' : ` (${b.engine.left} left!)`;
    out.push({ id: 'drain-vs-per-item', bench: `b. drain ${b.count} vs per-item`, figure: `${ms(b.engine.ms)} (pushes ${ms(b.engine.pushMs)})${drained}`, baseline: `per-item ${ms(b.perItemScaledMs)} (${b.perItem.count} measured ×${b.count / b.perItem.count}; pushes ${ms((b.perItem.pushMs * b.count) / b.perItem.count)})`, ratio: ratio(b.perItemScaledMs / b.engine.ms) + ' faster', target: '≥ 30× faster', met: b.engine.left === 0 && b.perItemScaledMs / b.engine.ms >= 30 });
    out.push({ id: 'drain-vs-idb-floor', bench: `b. drain ${b.count} vs IDB floor`, figure: ms(b.engine.ms), baseline: `read+delete ×200 ${ms(b.floor.ms)}`, ratio: ratio(b.engine.ms / b.floor.ms), target: '≤ 4×', met: b.engine.left === 0 && b.engine.ms <= 4 * b.floor.ms });
    const top = Object.entries(b.engine.storageMs).sort((x, y) => y[1].ms - x[1].ms).slice(0, 3);
    out.push({ id: 'drain-where', bench: 'b. where the drain spends it', figure: top.map(([name, t]) => `${name} ${ms(t.ms)}`).join(', '), baseline: `waiting for pushes ${ms(b.engine.pushMs)}, for the pull's pages ${ms(b.engine.pullMs)}`, ratio: '', target: '', met: null });
    const counted = c.enginePending === c.entries;
    out.push({ id: 'pending-heap-100k', bench: `c. heap, ${c.entries} pending`, figure: mb(c.engineBytes), baseline: `array in memory ${mb(c.inMemoryBytes)}`, ratio: ratio(c.engineBytes / c.inMemoryBytes), target: '< 5 MB', met: c.engineBytes < 5 * 1024 * 1024 && counted, ...(counted ? {} : { note: `counted ${c.enginePending}` }) });
  } else failed('a/b/c. browser', 'browser');
  const s = r.sizes;
  if (s) {
    const libs = `lit+idb+wb-window ${kb(s.libsTogether)}`;
    out.push({ id: 'cdn-file-bytes', bench: 'd. CDN entry file, min+gz', figure: s.cdn === null ? 'missing' : kb(s.cdn), baseline: libs, ratio: s.cdn === null ? '' : ratio(s.cdn / s.libsTogether), target: '≤ 20 KB', met: s.cdn !== null && s.cdn <= 20 * 1024 });
    out.push({ id: 'cdn-floor-bytes', bench: 'd. CDN floor: core + libs, no tag', figure: kb(s.coreWithLibs), baseline: `${libs}; as the CDN inlines them ${kb(s.libsAsInlined)}`, ratio: ratio(s.coreWithLibs / s.libsTogether), target: '', met: null });
    out.push({ id: 'worker-without-drain-bytes', bench: 'd. worker without its drain', figure: kb(s.workerWithoutDrain), baseline: `whole worker, same esbuild ${kb(s.workerEsbuild)}; Workbox SW ${kb(s.workboxSw)}`, ratio: ratio(s.workerWithoutDrain / s.workerEsbuild), target: '', met: null });
    out.push({ id: 'worker-bytes', bench: 'd. worker, min+gz', figure: s.sw === null ? 'missing' : kb(s.sw), baseline: `${libs}; Workbox SW ${kb(s.workboxSw)}`, ratio: s.sw === null ? '' : ratio(s.sw / s.libsTogether), target: '≤ 12 KB', met: s.sw !== null && s.sw <= 12 * 1024 });
    out.push({ id: 'scheduler-bytes', bench: 'd. what the scheduler adds to the core', figure: kb(s.core - s.coreWithoutScheduler), baseline: `core ${kb(s.core)}; without the scheduler ${kb(s.coreWithoutScheduler)}; scheduler alone (with ts-fsrs) ${kb(s.scheduler)}`, ratio: ratio(s.core / s.coreWithoutScheduler), target: '', met: null });
  } else failed('d. sizes', 'sizes');
  const ing = r.ingest;
  if (ing) {
    for (const e of ing.stores) {
      out.push({ id: `ingest-${e.store}-${e.batchSize}`, bench: `e. ingest ${e.store}, batches of ${e.batchSize}`, figure: e.answersPerSecond === null ? `not measured: ${e.reason}` : `${Math.round(e.answersPerSecond)} answers/s`, baseline: e.baseline ?? '', ratio: e.ratio ?? '', target: '', met: null });
    }
  } else failed('e. ingest', 'ingest');
  const cold = r.cold;
  if (cold) {
    out.push({ id: 'cold-start-offline', bench: `f. offline cold start to first card, ${cold.throttle}× CPU (median of ${cold.offline.n})`, figure: ms(cold.offline.p50), baseline: `online reload ${ms(cold.online.p50)}`, ratio: ratio(cold.offline.p50 / cold.online.p50), target: '≤ 1.2×', met: cold.offline.p50 <= 1.2 * cold.online.p50 });
  } else failed('f. cold start', 'cold');
  const q = r.queue;
  if (q) {
    out.push({ id: 'session-queue-10k', bench: `g. today's queue, ${q.cards} cards (p50)`, figure: ms(q.queue.p50), baseline: `plain sort by due ${ms(q.sort.p50)}`, ratio: ratio(q.queue.p50 / q.sort.p50), target: '≤ 50 ms', met: q.queue.p50 <= 50 });
  } else failed("g. today's queue", 'queue');
  const d = r.derive;
  if (d) {
    out.push({ id: 'derive-5k-100k', bench: `h. derive ${d.cards} cards from ${d.answers} answers`, figure: ms(d.oursMs), baseline: `ts-fsrs next() in a plain loop ${ms(d.plainMs)}`, ratio: ratio(d.oursMs / d.plainMs), target: '≤ 1.5×', met: d.oursMs <= 1.5 * d.plainMs });
  } else failed('h. derive card states', 'derive');
  const g = r.grade;
  if (g) {
    const { real, bare } = g;
    out.push({ id: 'grade-to-paint-p95', bench: `i. grade key to next card painted, p95 of ${g.answers}, ${g.throttle}× CPU`, figure: `${ms(real.swap.p95)} (p50 ${ms(real.swap.p50)})`, baseline: `bare Lit element, same templates, no storage: ${ms(bare.swap.p95)} (p50 ${ms(bare.swap.p50)})`, ratio: ratio(real.swap.p95 / bare.swap.p95), target: '≤ 1.5×', met: real.swap.p95 <= 1.5 * bare.swap.p95 });
    const longest = Math.max(0, ...real.longTasks);
    out.push({ id: 'grade-long-tasks', bench: `i. long tasks during ${g.answers} answers, ${g.throttle}× CPU`, figure: `${real.longTasks.length} over 50 ms (longest ${ms(longest)})`, baseline: `bare element: ${bare.longTasks.length} (longest ${ms(Math.max(0, ...bare.longTasks))})`, ratio: '', target: 'none > 50 ms', met: real.longTasks.length === 0 });
    // The browser's own measure of the same keys, beside the page's probe.
    out.push({ id: 'grade-event-timing-p95', bench: `i. the same swaps as Event Timing measures them (first press to the paint after the press that changed the card, as INP; 8 ms steps), p95 of ${g.answers}, ${g.throttle}× CPU`, figure: `${ms(real.eventTiming.p95)} (p50 ${ms(real.eventTiming.p50)}; ${real.pressedAgain} keys pressed again; ${real.unreported} under 16 ms)`, baseline: `bare element: ${ms(bare.eventTiming.p95)} (p50 ${ms(bare.eventTiming.p50)}; ${bare.pressedAgain} pressed again; ${bare.unreported} under 16 ms)`, ratio: ratio(real.eventTiming.p95 / bare.eventTiming.p95), target: '', met: null });
    // The reveal between the grades, as Event Timing measures it: a write of the answer before lands beside it.
    out.push({ id: 'reveal-event-timing-p95', bench: `i. the reveals (Space) between those grades, Event Timing's interaction latency (as INP), p95 of ${g.answers}, ${g.throttle}× CPU`, figure: `${ms(real.reveal.p95)} (p50 ${ms(real.reveal.p50)})`, baseline: `bare element: ${ms(bare.reveal.p95)} (p50 ${ms(bare.reveal.p50)})`, ratio: ratio(real.reveal.p95 / bare.reveal.p95), target: '', met: null });
    // Beside the row (which stays back to back): the same swap at a learner's pace, so the
    // element's own swap shows apart from the writes that overlap the next keys.
    const p = g.paced;
    if (p) {
      const tasks = (run: typeof real) => `${run.longTasks.length} tasks > 50 ms (longest ${ms(Math.max(0, ...run.longTasks))})`;
      out.push({ id: 'grade-to-paint-p95-paced', bench: `i. the same at a learner's pace (${p.paceMs} ms before Space and before the grade key), p95 of ${p.answers}, ${g.throttle}× CPU`, figure: `${ms(p.real.swap.p95)} (p50 ${ms(p.real.swap.p50)}); ${tasks(p.real)}`, baseline: `bare element at the same pace: ${ms(p.bare.swap.p95)} (p50 ${ms(p.bare.swap.p50)}); ${tasks(p.bare)}`, ratio: ratio(p.real.swap.p95 / p.bare.swap.p95), target: '', met: null });
    }
  } else failed('i. grade to next card', 'grade');
  const cu = r.catchUp;
  if (cu) {
    const longest = Math.max(0, ...cu.longTasks);
    const complete = cu.stored.answers === cu.answers && cu.stored.cards === cu.cards;
    const met = complete && cu.ms <= 3 * cu.floorMs && cu.heapBytes <= 10 * 1024 * 1024 && longest <= 200;
    out.push({ id: 'catch-up-100k', bench: `k. new device pulls and applies ${cu.answers} answers over ${cu.cards} cards`, figure: `${ms(cu.ms)} (of it waiting for the server's ${cu.pages} pages: ${ms(cu.waitMs)}); heap +${mb(cu.heapBytes)}; longest task ${ms(longest)} (${cu.longTasks.length} > 50 ms)`, baseline: `IndexedDB floor, the same records (answers, sessions, statistics, progress, card states) put into the same stores, 1000 per transaction (the pull page size): ${ms(cu.floorMs)} (the answers alone into a store without indexes: ${ms(cu.bareFloorMs)}, ${ratio(cu.ms / cu.bareFloorMs)})`, ratio: ratio(cu.ms / cu.floorMs), target: '≤ 3× IDB floor; heap ≤ 10 MB; no task > 200 ms', met, ...(complete ? {} : { note: `stored ${cu.stored.answers} answers, ${cu.stored.cards} cards` }) });
  } else failed('k. a new device catches up', 'catchUp');
  const sc = r.scale;
  if (sc) {
    const { one, two } = sc;
    const per = (run: typeof one) => `${Math.round(run.answersPerCpuSecond)} answers/CPU-s (server ${run.serverCpu.toFixed(1)} s + PostgreSQL ${run.postgresCpu.toFixed(1)} s CPU for ${run.answers})`;
    out.push({ id: 'server-two-instances', bench: `j. ${one.learners} learners pushing and pulling, 2 instances (pools of ${two.poolSize}; 1 instance: ${one.poolSize}) on one PostgreSQL`, figure: per(two), baseline: `1 instance: ${per(one)}`, ratio: ratio(two.answersPerCpuSecond / one.answersPerCpuSecond), target: '≥ 0.9×', met: two.answersPerCpuSecond >= 0.9 * one.answersPerCpuSecond, ...(sc.runs.length ? { note: `runs in order: ${sc.runs.map((run) => `${run.instances}: ${Math.round(run.answersPerCpuSecond)}`).join(', ')} answers/CPU-s` } : {}) });
    out.push({ id: 'server-lock-wait-share', bench: 'j. time waiting on locks, share of push time', figure: `2 instances ${(two.lockShare * 100).toFixed(2)}% (LWLock ${(two.lwlockShare * 100).toFixed(2)}%)`, baseline: `1 instance ${(one.lockShare * 100).toFixed(2)}% (LWLock ${(one.lwlockShare * 100).toFixed(2)}%)`, ratio: '', target: '', met: null });
    out.push({ id: 'server-push-p99', bench: 'j. push latency p99 (p50), 200 learners at once', figure: `2 instances ${ms(two.pushP99)} (${ms(two.push.p50)})`, baseline: `1 instance ${ms(one.pushP99)} (${ms(one.push.p50)})`, ratio: ratio(two.pushP99 / one.pushP99), target: '', met: null });
  } else failed('j. server on two instances', 'scale');
  const bytes = r.bytes;
  if (bytes) {
    const page = (id: string, bench: string, p: PageBytes, limitKb: number) =>
      out.push({ id, bench, figure: `${kb(p.gzip)} in ${p.files.length} files (${kb(p.transferred)} received, ${p.encoding})`, baseline: `whole CDN build ${kb(bytes.wholeBuild)}`, ratio: ratio(p.gzip / bytes.wholeBuild), target: `≤ ${limitKb} KB`, met: p.gzip <= limitKb * 1024 });
    page('critical-path-bytes', 'm. bytes before the first card is interactive, gzip', bytes.review, 25);
    page('indicator-only-bytes', 'm. bytes of a page with only <sync-indicator>, gzip', bytes.indicator, 15);
    page('no-tag-bytes', 'm. bytes of a page with the script and no tag, gzip', bytes.noTag, 3);
  } else failed('m. bytes before the first card', 'bytes');
  const lh = r.lighthouse;
  if (lh) {
    for (const id of Object.keys(lh.scores) as Category[]) {
      const { runs, median } = lh.scores[id];
      const lost = lh.failing[id].length ? lh.failing[id].join(', ') : undefined;
      out.push({ id: `lighthouse-${id}`, bench: `n. Lighthouse ${lh.version} ${id}, ${lh.path} (median of ${runs.length})`, figure: String(median), baseline: `runs ${runs.join(', ')}`, ratio: '', target: '≥ 95', met: median >= 95, ...(lost ? { note: lost } : {}) });
    }
  } else failed('n. Lighthouse', 'lighthouse');
  return withRequiredRows(out);
}
