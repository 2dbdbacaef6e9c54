// `npm test`: the type check, the build, Node tests (server, pure core) with coverage, browser
// tests (real Chromium) with coverage, then end-to-end tests against the demo server.
// Stops at the first failing step and exits non-zero.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChrome } from './ensure-chrome.mjs';

/** Files under `dir` whose names end with `.test.ts`, sorted. */
export function testFiles(dir) {
  const out = [];
  const walk = (d) => {
    let names;
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.test.ts')) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}\n  ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal}) after ${seconds}s`);
    process.exit(result.status || 1);
  }
  console.log(`✔ ${title} (${seconds}s)`);
}

const only = process.argv[2]; // optional: typecheck | build | node | browser | e2e
const want = (step) => !only || only === step;

process.env.CHROME_PATH ??= ensureChrome();

if (want('typecheck')) run('type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
// The service worker entry has WebWorker types, not DOM: its own config (tsconfig.sw.json).
if (want('typecheck')) run('type check (service worker)', 'npx', ['tsc', '-p', 'tsconfig.sw.json', '--noEmit']);
if (want('build')) run('build', 'node', ['scripts/build.mjs']);
if (want('node')) {
  const files = [...testFiles('test/server'), ...testFiles('test/node')];
  if (files.length) {
    run('node tests (server, protocol) with coverage', 'npx', [
      'c8', '--config', '.c8rc.json', 'node', '--import', 'tsx', '--test', '--test-concurrency=1', ...files,
    ]);
  }
}
if (want('browser')) run('browser tests (Chromium) with coverage', 'node', ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js']);
if (want('e2e')) {
  const files = testFiles('test/e2e');
  if (files.length) run('end-to-end tests (Playwright, demo server)', 'node', ['--import', 'tsx', '--test', '--test-concurrency=1', ...files]);
}
console.log('\nAll test steps passed.');
