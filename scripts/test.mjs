// `npm test`: the type check, the build, Node tests (server, pure core) with coverage, browser
// tests in real Chromium with coverage, the same browser tests in Firefox and in WebKit
// (coverage is Chromium's), then end-to-end tests against the demo server, in Chromium and in
// Firefox.
// Stops at the first failing step and exits non-zero.
//
// `node scripts/test.mjs <step> [file…]` runs one step (typecheck | build | node | browser |
// firefox | webkit | e2e | e2e-firefox), on the given test files if any. The test files are
// listed here rather than by a quoted glob, which Node 20's `--test` does not expand.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChrome } from './ensure-chrome.mjs';

const STEPS = ['typecheck', 'build', 'node', 'browser', 'firefox', 'webkit', 'e2e', 'e2e-firefox'];

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

const [only, ...chosen] = process.argv.slice(2);
if (only !== undefined && !STEPS.includes(only)) {
  console.error(`Unknown step "${only}": one of ${STEPS.join(', ')}.`);
  process.exit(2);
}
const want = (step) => !only || only === step;
/** The files given on the command line, else every test file under `dirs`. */
const filesOf = (...dirs) => (chosen.length ? chosen : dirs.flatMap(testFiles));

if (want('browser') || want('e2e')) process.env.CHROME_PATH ??= ensureChrome();

if (want('typecheck')) run('type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
// The service worker entry has WebWorker types, not DOM: its own config (tsconfig.sw.json).
if (want('typecheck')) run('type check (service worker)', 'npx', ['tsc', '-p', 'tsconfig.sw.json', '--noEmit']);
if (want('build')) run('build', 'node', ['scripts/build.mjs']);
if (want('node')) {
  const files = filesOf('test/server', 'test/node');
  // Coverage is measured and checked on the whole suite only: a few files cover a part.
  const c8 = chosen.length ? [] : ['c8', '--config', '.c8rc.json'];
  const title = chosen.length ? 'node tests' : 'node tests (server, protocol) with coverage';
  if (files.length) run(title, 'npx', [...c8, 'node', '--import', 'tsx', '--test', '--test-concurrency=1', ...files]);
}
if (want('browser')) {
  const files = chosen.flatMap((file) => ['--files', file]);
  const title = chosen.length ? 'browser tests (Chromium)' : 'browser tests (Chromium) with coverage';
  run(title, 'node', ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', ...files], chosen.length ? { WTR_COVERAGE: '0' } : {});
}
if (want('firefox')) {
  // Firefox ESR through WebDriver BiDi (web-test-runner.config.mjs), with its groups: the dark
  // files and the real-quota files (`firefox-quota`) each in a Firefox launched for them; the
  // runner prints one "Firefox: N passed, M failed" line for all of them. Named files run in
  // the plain Firefox: a quota file runs alone with `--group firefox-quota`.
  const files = chosen.flatMap((file) => ['--files', file]);
  run('browser tests (Firefox)', 'node', ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', ...files], { WTR_ENGINE: 'firefox' });
}
if (want('webkit')) {
  // WebKitGTK's MiniBrowser through WebKitWebDriver under xvfb-run (web-test-runner.config.mjs);
  // the runner prints the "WebKit: N passed, M failed" line.
  const files = chosen.flatMap((file) => ['--files', file]);
  run('browser tests (WebKit)', 'node', ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', ...files], { WTR_ENGINE: 'webkit' });
}
/**
 * End-to-end files that run in Firefox too (puppeteer-core over WebDriver BiDi,
 * test/e2e/support/firefox.ts). The others are Chromium's only, each with its reason in
 * docs/testing.md ("The end-to-end suite in Firefox").
 */
const FIREFOX_E2E = [
  'test/e2e/demo-pages.test.ts',
  'test/e2e/faults.test.ts',
  'test/e2e/host-sites.test.ts',
  'test/e2e/offline-review.test.ts',
  'test/e2e/tabs-and-devices.test.ts',
  'test/e2e/worker-update.test.ts',
];
if (want('e2e')) {
  const files = filesOf('test/e2e');
  if (files.length) run('end-to-end tests (Chromium: Playwright, demo server)', 'node', ['--import', 'tsx', '--test', '--test-concurrency=1', ...files]);
}
if (want('e2e-firefox')) {
  const files = chosen.length ? chosen : FIREFOX_E2E;
  if (files.length) run('end-to-end tests (Firefox: puppeteer-core over BiDi, demo server)', 'node', ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { E2E_ENGINE: 'firefox' });
}
console.log(only ? `\nThe ${only} step passed.` : '\nAll test steps passed.');
