// j. The reference server on several instances: N `offline-review-server` processes on one
// PostgreSQL, 200 simulated learners (distinct users) pushing and pulling at once, each request
// of a learner sent to the next instance in turn (no stickiness). Measures answers stored per
// CPU-second summed over the server processes and every PostgreSQL process (/proc/<pid>/stat
// utime+stime; the postmaster's cutime+cstime counts backends that exited), the share of push
// time spent waiting on locks (pg_stat_activity sampled every 50 ms) and push latency, for
// N = 1 and N = 2 in the same run. The load runs in this process; its CPU is not counted.
// The database is given one number of connections (10, one instance's default pool) and each
// of N instances opens its share (`--pool-size`), as a deployment sizes its pools to what the
// database should take: N instances with a default pool each would open N times the backends.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { makeAnswer, makeSession, mutation } from '../server/conformance/fixtures.js';
import { freePort } from '../test/e2e/support/demo.js';
import { stats, type Stats } from './stats.js';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime+stime (and, with `children`, cutime+cstime) of `pid` in seconds; 0 when it is gone. */
function cpuSeconds(pid: number, children = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd on
    const at = (n: number) => Number(fields[n - 3]);
    return (at(14) + at(15) + (children ? at(16) + at(17) : 0)) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The postmaster's own CPU and its exited children's, plus each live child's. */
function postgresCpu(postmaster: number): number {
  let total = cpuSeconds(postmaster, true);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) total += cpuSeconds(Number(entry));
    } catch {
      // the process ended between the listing and the read
    }
  }
  return total;
}

interface Instance {
  origin: string;
  child: ChildProcess;
}

async function startInstance(databaseUrl: string, poolSize: number): Promise<Instance> {
  const port = await freePort();
  const args = ['bin/offline-review-server.mjs', '--port', String(port), '--database-url', databaseUrl, '--pool-size', String(poolSize), '--demo-auth'];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${origin}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { origin, child };
    if (Date.now() > deadline) throw new Error('server did not answer /healthz within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stopInstance(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await exited;
}

/** One run's figures. */
export interface ScaleRun {
  instances: number;
  /** Each instance's `--pool-size`: its share of the connections given to the database. */
  poolSize: number;
  learners: number;
  answers: number;
  seconds: number;
  serverCpu: number;
  postgresCpu: number;
  answersPerCpuSecond: number;
  push: Stats;
  pushP99: number;
  /** Lock-waiting backend time as a share of the summed push latency. */
  lockShare: number;
  /** The same for PostgreSQL's internal locks (LWLock: buffers, WAL insertion, sequences). */
  lwlockShare: number;
}

export interface ServerScaleResult {
  one: ScaleRun;
  two: ScaleRun;
  /** Every run, in the order run (1, 2, 2, 1, 2, 1, 1, 2 instances). */
  runs: ScaleRun[];
}

/** `learners` learners, each `rounds` × (push `batch` answers, pull what is new), against `instances`. */
async function drive(databaseUrl: string, postmaster: number, count: number, options: ScaleOptions): Promise<ScaleRun> {
  const { learners, rounds, batch } = options;
  const poolSize = Math.max(1, Math.floor(options.connections / count));
  const instances = await Promise.all(Array.from({ length: count }, () => startInstance(databaseUrl, poolSize)));
  const sampler = new pg.Client({ connectionString: databaseUrl });
  // Set false before the sampler's client ends, also when the load fails.
  let sampling = true;
  let sampled: Promise<void> = Promise.resolve();
  await sampler.connect();
  try {
    let turn = 0;
    const send = async (user: string, path: string, body?: unknown): Promise<{ ms: number; json: Record<string, unknown> }> => {
      const origin = instances[turn++ % instances.length]!.origin;
      const t0 = performance.now();
      const request = () =>
        fetch(`${origin}/api/review${path}`, {
          method: body ? 'POST' : 'GET',
          headers: { cookie: `offline_review_user=${user}`, 'content-type': 'application/json' },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
      // A kept-alive socket the server closed as it was reused (its idle timeout met a request
      // late on this loaded machine) resets or closes: sent again, as a device's sync would, up
      // to 3 times. A push sent twice is stored once: its answers then come back 'duplicate'
      // and count as stored.
      let response: Response | undefined;
      for (let attempt = 1; !response; attempt++) {
        response = await request().catch((error: unknown) => {
          if (attempt >= 3 || !(error instanceof TypeError)) {
            const cause = (error as { cause?: { code?: string; message?: string } }).cause;
            throw new Error(`${path}: ${String(error)} (${cause?.code ?? ''} ${cause?.message ?? ''}), attempt ${attempt}`, { cause: error });
          }
          return undefined;
        });
      }
      const json = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new Error(`${path} ${response.status}: ${JSON.stringify(json).slice(0, 200)}`);
      return { ms: performance.now() - t0, json };
    };
    const learner = async (user: string, rounds: number, pushMs: number[]): Promise<number> => {
      const items = Array.from({ length: 50 }, (_, i) => `item-${i}`);
      const session = makeSession(user, items);
      let cursor = '';
      let stored = 0;
      for (let round = 0; round < rounds; round++) {
        const mutations = Array.from({ length: batch }, (_, i) => mutation('answer', 'create', makeAnswer(session, items[(round * batch + i) % items.length]!)));
        if (round === 0) mutations.unshift(mutation('session', 'create', session));
        const pushed = await send(user, '/sync', { protocol: 1, clientId: `device-${user}`, mutations });
        pushMs.push(pushed.ms);
        const results = pushed.json.results as Array<{ status: string }>;
        stored += results.filter((r) => r.status === 'applied' || r.status === 'duplicate').length - (round === 0 ? 1 : 0);
        const pulled = await send(user, `/changes${cursor ? `?since=${cursor}` : ''}`);
        cursor = String(pulled.json.cursor ?? cursor);
      }
      return stored;
    };
    // Warm-up, not measured: every instance connects its pool and its hot paths are compiled.
    // Each process compiles its own, so each gets the warm-up one instance gets (100 learners'
    // requests each): with a fixed total, each of two processes would start the measure half
    // as warm, and the second instance would be billed for its start-up.
    await Promise.all(Array.from({ length: 100 * count }, () => learner(`scale-warm-${randomUUID()}`, 2, [])));
    const pushMs: number[] = [];
    let lockSamples = 0;
    let lwlockSamples = 0;
    const sampleEvery = 50;
    sampled = (async () => {
      while (sampling) {
        const { rows } = await sampler.query<{ n: string; lw: string }>(
          `SELECT count(*) FILTER (WHERE wait_event_type = 'Lock') AS n, count(*) FILTER (WHERE wait_event_type = 'LWLock') AS lw
           FROM pg_stat_activity WHERE pid <> pg_backend_pid()`,
        );
        lockSamples += Number(rows[0]!.n);
        lwlockSamples += Number(rows[0]!.lw);
        await new Promise((resolve) => setTimeout(resolve, sampleEvery));
      }
    })();
    // The sampler's own backend is the bench's, not the load's: its CPU is left out.
    const samplerPid = (await sampler.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const servers0 = instances.reduce((sum, i) => sum + cpuSeconds(i.child.pid!), 0);
    const pg0 = postgresCpu(postmaster) - cpuSeconds(samplerPid);
    const t0 = performance.now();
    const stored = await Promise.all(Array.from({ length: learners }, () => learner(`scale-${randomUUID()}`, rounds, pushMs)));
    const seconds = (performance.now() - t0) / 1000;
    const serverCpu = instances.reduce((sum, i) => sum + cpuSeconds(i.child.pid!), 0) - servers0;
    const postgresCpuS = postgresCpu(postmaster) - cpuSeconds(samplerPid) - pg0;
    sampling = false;
    await sampled;
    const answers = stored.reduce((sum, n) => sum + n, 0);
    const pushTotal = pushMs.reduce((sum, ms) => sum + ms, 0);
    return {
      instances: count,
      poolSize,
      learners,
      answers,
      seconds,
      serverCpu,
      postgresCpu: postgresCpuS,
      answersPerCpuSecond: answers / (serverCpu + postgresCpuS),
      push: stats(pushMs),
      pushP99: [...pushMs].sort((a, b) => a - b)[Math.min(pushMs.length - 1, Math.floor(0.99 * pushMs.length))] ?? 0,
      lockShare: pushTotal === 0 ? 0 : (lockSamples * sampleEvery) / pushTotal,
      lwlockShare: pushTotal === 0 ? 0 : (lwlockSamples * sampleEvery) / pushTotal,
    };
  } finally {
    sampling = false;
    await sampled.catch(() => undefined);
    await sampler.end();
    await Promise.all(instances.map(stopInstance));
  }
}

/** Runs with the same number of instances as one: work and CPU summed; latencies the worst run's. */
function pooled(runs: ScaleRun[]): ScaleRun {
  const sum = (pick: (r: ScaleRun) => number) => runs.reduce((total, r) => total + pick(r), 0);
  const answers = sum((r) => r.answers);
  const serverCpu = sum((r) => r.serverCpu);
  const postgresCpu = sum((r) => r.postgresCpu);
  return {
    instances: runs[0]!.instances,
    poolSize: runs[0]!.poolSize,
    learners: runs[0]!.learners,
    answers,
    seconds: sum((r) => r.seconds),
    serverCpu,
    postgresCpu,
    answersPerCpuSecond: answers / (serverCpu + postgresCpu),
    push: { ...runs[0]!.push, p50: Math.max(...runs.map((r) => r.push.p50)), p95: Math.max(...runs.map((r) => r.push.p95)), max: Math.max(...runs.map((r) => r.push.max)) },
    pushP99: Math.max(...runs.map((r) => r.pushP99)),
    lockShare: sum((r) => r.lockShare) / runs.length,
    lwlockShare: sum((r) => r.lwlockShare) / runs.length,
  };
}

/** The postmaster's pid: from the data directory given, else the one the server reports. */
async function postmasterPid(databaseUrl: string, dataDir?: string): Promise<number> {
  let dir = dataDir;
  if (!dir) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      dir = (await client.query<{ data_directory: string }>('SHOW data_directory')).rows[0]!.data_directory;
    } finally {
      await client.end();
    }
  }
  return Number(readFileSync(`${dir}/postmaster.pid`, 'utf8').split('\n')[0]);
}

/** The load, and the connections the database is given in all. */
export interface ScaleOptions {
  learners: number;
  rounds: number;
  batch: number;
  /** Split evenly over the instances (`--pool-size`), as a deployment sizes each pool. */
  connections: number;
}

/** One instance, then two, on the same database, each with `learners` fresh learners. */
export async function measureServerScale(
  databaseUrl: string,
  dataDir?: string,
  options: ScaleOptions = { learners: 200, rounds: 5, batch: 20, connections: 10 },
): Promise<ServerScaleResult> {
  const postmaster = await postmasterPid(databaseUrl, dataDir);
  // 1, 2, 2, 1, 2, 1, 1, 2: drift in the machine's load (other work on the same cores moved
  // one side's figure by up to a fifth between runs of one bench) falls on both sides alike,
  // straight or bent. Each side's figures are the sums of its four runs.
  const runs: ScaleRun[] = [];
  for (const count of [1, 2, 2, 1, 2, 1, 1, 2]) runs.push(await drive(databaseUrl, postmaster, count, options));
  return { one: pooled(runs.filter((r) => r.instances === 1)), two: pooled(runs.filter((r) => r.instances === 2)), runs };
}
