// Browser tests: real Chromium (the system one: docs/testing.md), TypeScript through esbuild, the
// real reference server behind a fault-injecting middleware, coverage enforced at 85%. The same
// suites run in Firefox with `WTR_ENGINE=firefox` (docs/testing.md, "Other engines").
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
import { findChrome, CHROME_ARGS } from './scripts/find-chrome.mjs';
import { defaultReporter } from '@web/test-runner';
import { createApiPlugin } from './test/support/api-plugin.mjs';
import { summaryReporter } from './test/support/summary-reporter.mjs';

/** The engine this run tests in: `WTR_ENGINE=firefox` or `webkit`, Chromium otherwise. */
const engine = process.env.WTR_ENGINE ?? 'chromium';
const ENGINE_NAMES = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };
if (!ENGINE_NAMES[engine]) throw new Error(`WTR_ENGINE=${engine}: chromium, firefox or webkit.`);

// The service worker tests also cut their own pages and files (test/sw/scope/), and the CDN
// bundle the worker precaches (dist/cdn/), on purpose; the review tag's tests hold the
// derivation module (the scheduler) to grade before it arrives, hold or cut its extras, grades and
// words modules, and hold or cut the engine's module and controller to show a first card
// before the engine, grade before it and fail it after.
const api = createApiPlugin({
  basePath: '/api/review',
  faultPaths: [
    '/test/sw/scope/',
    '/dist/cdn/',
    '/src/storage/derivation.ts',
    '/src/storage/answer-worker',
    '/components/review-session/card-extras.ts',
    '/components/review-session/grade-card.ts',
    '/components/review-session/review-session-labels-',
    '/src/engine.ts',
    '/components/shared/engine-controller.ts',
  ],
});

/** A worker under /dist/sw/ may control scope `/` only with this header (`Service-Worker-Allowed`). */
function serviceWorkerAllowed(ctx, next) {
  if (ctx.path.startsWith('/dist/sw/') || ctx.path.startsWith('/test/sw/')) {
    ctx.set('Service-Worker-Allowed', '/');
  }
  return next();
}

/**
 * A module the code starts by URL (`new Worker(new URL('./answer-worker.js', import.meta.url))`,
 * src/storage/answer-worker-client.ts) is named as built, `.js`; in the sources it is `.ts`, which
 * the esbuild plugin serves compiled. Imports need no help (the plugin resolves them); a URL does.
 */
function sourceForBuiltName(ctx, next) {
  if (/^\/src\/.+\.js$/.test(ctx.path) && !existsSync(`.${ctx.path}`) && existsSync(`.${ctx.path.slice(0, -3)}.ts`)) {
    ctx.url = ctx.url.replace(/\.js(?=$|\?)/, '.ts');
  }
  return next();
}

/**
 * The modules may be imported from the other loopback name (127.0.0.1 for a page on localhost),
 * as a page imports the library from a CDN on another origin: they are sent with CORS, as a CDN
 * sends them. Never the API's paths, whose cross-site refusals are tested.
 */
function modulesForOtherOrigins(ctx, next) {
  if (ctx.get('origin') && /\.(ts|js|mjs)$/.test(ctx.path) && !ctx.path.startsWith('/api/')) ctx.set('Access-Control-Allow-Origin', '*');
  return next();
}

/** Files Firefox runs in a browser launched dark with reduced motion (Chromium emulates per page). */
const DARK_FILES = ['test/components/*-dark.test.ts'];
/**
 * Files that need a real storage limit. Chromium overrides the quota per origin; Firefox can
 * only be launched with a small fixed limit: they run there in their own browser (the
 * `firefox-quota` group, part of every Firefox run; `--group firefox-quota` runs it alone),
 * filled until IndexedDB refuses; there the tests answer until the device refuses
 * (test/support/quota.ts, docs/testing.md).
 */
const QUOTA_FILES = ['test/src/storage/quota.test.ts', 'test/src/engine-content.test.ts', 'test/components/review-session-storage.test.ts'];
/**
 * Files left out of the Firefox run until a fault there is understood (docs/testing.md, "Tests
 * that do not run in Firefox yet"): they run in Chromium.
 */
const FIREFOX_UNSETTLED = [];
/**
 * Files that show a defect Firefox still has (docs/testing.md, "Tests that do not run in Firefox
 * yet"): none. They would run in Chromium and WebKit.
 */
const FIREFOX_DEFECTS = [];
/**
 * Files that need Chromium's real quota and its transaction order (docs/testing.md): an undo's
 * retraction held behind a refused answer's write; a refusal at the first write after the disk
 * is filled. Firefox may start a later transaction first, and its padded storage takes small
 * writes for a while; WebKit has no storage limit to reach.
 */
const CHROMIUM_ONLY = ['test/components/review-session-undo-refused.test.ts', 'test/components/review-session-grade-refused.test.ts'];
/** Firefox's whole temporary storage in KB, so every origin's share (the group limit) is as much. */
const FIREFOX_STORAGE_KB = 8192;
const FIREFOX_DARK = { 'ui.systemUsesDarkTheme': 1, 'ui.prefersReducedMotion': 1 };
/**
 * Files that need a touch screen as the primary pointer (`pointer: coarse`). Chromium emulates
 * one per page (`cdp.touch`); Firefox runs them in a browser launched with a coarse pointer and
 * no hover (`ui.primaryPointerCapabilities`, 1 = coarse). Classic WebDriver has neither: not in
 * the WebKit run (docs/testing.md).
 */
const TOUCH_FILES = ['test/components/*-touch.test.ts'];
const FIREFOX_TOUCH = { 'ui.primaryPointerCapabilities': 1, 'ui.allPointerCapabilities': 1 };
const FIREFOX_QUOTA = { 'dom.quotaManager.temporaryStorage.fixedLimit': FIREFOX_STORAGE_KB };

/**
 * Firefox ESR (the system one) through puppeteer-core's WebDriver BiDi. No CDP there: what the
 * suites emulate per page in Chromium is a launch preference here (`prefs`).
 */
function firefox(prefs = {}) {
  return chromeLauncher({
    launchOptions: {
      browser: 'firefox',
      executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
      headless: true,
      extraPrefsFirefox: {
        // persist() is granted as a site's would be once the learner allowed it, instead of
        // waiting on a prompt no one answers.
        'permissions.default.persistent-storage': 1,
        ...prefs,
      },
    },
  });
}

/**
 * WebKitGTK's MiniBrowser through WebKitWebDriver (classic WebDriver), which needs a display:
 * `xvfb-run` gives it a virtual one. The driver stops with this process. With `dark`, the
 * browser runs in dark mode (`--dark-mode`) with GTK's animations off, which WebKit reports as
 * `prefers-reduced-motion: reduce`. With `timeZone`, the browser runs in that zone (MiniBrowser's
 * `--time-zone`: classic WebDriver cannot change it per page).
 */
async function webkit({ port, dark = false, timeZone }) {
  const { webdriverLauncher } = await import('@web/test-runner-webdriver');
  const env = { ...process.env };
  if (dark) {
    const home = mkdtempSync(join(tmpdir(), 'webkit-dark-'));
    mkdirSync(join(home, 'gtk-3.0'));
    writeFileSync(join(home, 'gtk-3.0', 'settings.ini'), '[Settings]\ngtk-enable-animations=false\n');
    env.XDG_CONFIG_HOME = home;
  }
  const driver = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], { stdio: 'ignore', detached: true, env });
  process.on('exit', () => {
    try {
      process.kill(-driver.pid);
    } catch {
      // already gone
    }
  });
  return webdriverLauncher({
    hostname: '127.0.0.1',
    port,
    path: '/',
    logLevel: 'error',
    connectionRetryCount: 20,
    capabilities: {
      browserName: 'MiniBrowser',
      // The driver speaks classic WebDriver only (no BiDi for webdriverio to ask for).
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': {
        binary: process.env.WEBKIT_BROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation', ...(dark ? ['--dark-mode'] : []), ...(timeZone ? [`--time-zone=${timeZone}`] : [])],
      },
    },
  });
}
/**
 * Files that cannot run in WebKit (docs/testing.md, "WebKit"): the real-quota files, which need
 * IndexedDB to refuse a write for lack of room (WebKitGTK under WebDriver runs an ephemeral
 * session with no storage limit to reach, 3.2 GB went in unrefused, and no `navigator.storage`;
 * MiniBrowser has no option to set one).
 */
const WEBKIT_CANNOT = [...QUOTA_FILES, ...CHROMIUM_ONLY];
/**
 * Files not yet passing in WebKit (docs/testing.md, "WebKit"): none. The four worker files once
 * listed here were held up by a product fault (the static caches' IndexedDB bookkeeping) and
 * by one-second polls; both are fixed, and the files run there.
 */
const WEBKIT_UNSETTLED = [];
/**
 * A port for a WebKitWebDriver: `WEBKIT_DRIVER_PORT` (plus `offset` for a group's driver), else
 * one the system has free, so that two runs on one machine do not take each other's driver.
 */
async function driverPort(offset) {
  if (process.env.WEBKIT_DRIVER_PORT) return Number(process.env.WEBKIT_DRIVER_PORT) + offset;
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function browsers() {
  if (engine === 'firefox') return [firefox()];
  if (engine === 'webkit') return [await webkit({ port: await driverPort(0) })];
  const executablePath = findChrome();
  if (!executablePath) {
    throw new Error('No Chrome or Chromium found: run `node scripts/ensure-chrome.mjs` or set CHROME_PATH.');
  }
  return [chromeLauncher({ launchOptions: { executablePath, headless: true, args: CHROME_ARGS } })];
}

function firefoxGroups() {
  return [
    { name: 'firefox-dark', files: DARK_FILES, browsers: [firefox(FIREFOX_DARK)] },
    { name: 'firefox-touch', files: TOUCH_FILES, browsers: [firefox(FIREFOX_TOUCH)] },
    { name: 'firefox-quota', files: QUOTA_FILES, browsers: [firefox(FIREFOX_QUOTA)] },
  ];
}

/**
 * Files WebKit runs in a browser launched in another time zone than the machine's: they test the
 * browser's own zone (Chromium and Firefox emulate one per page), and their other tests name
 * the zone they use.
 */
const ZONE_FILES = ['test/components/review-session-schedule.test.ts'];
const WEBKIT_ZONE = 'Asia/Tokyo';

/**
 * The dark group and the zone group, part of every WebKit run (`--group webkit-dark` or `--group
 * webkit-zone` runs one alone).
 */
async function webkitGroups() {
  return [
    { name: 'webkit-dark', files: DARK_FILES, browsers: [await webkit({ port: await driverPort(1), dark: true })] },
    { name: 'webkit-zone', files: ZONE_FILES, browsers: [await webkit({ port: await driverPort(2), timeZone: WEBKIT_ZONE })] },
  ];
}

const FILES = ['test/src/**/*.test.ts', 'test/components/**/*.test.ts', 'test/sw/**/*.test.ts'];

export default {
  rootDir: '.',
  files: engine === 'firefox' ? [...FILES, ...[...DARK_FILES, ...TOUCH_FILES, ...QUOTA_FILES, ...FIREFOX_UNSETTLED, ...FIREFOX_DEFECTS, ...CHROMIUM_ONLY].map((f) => `!${f}`)] : engine === 'webkit' ? [...FILES, ...[...DARK_FILES, ...ZONE_FILES, ...WEBKIT_CANNOT, ...WEBKIT_UNSETTLED, ...TOUCH_FILES].map((f) => `!${f}`)] : FILES,
  // Files named on the command line (`--files`) run in the default browser only; `--group
  // firefox-dark` (or `--group firefox-quota`) runs a Firefox group alone.
  groups: process.argv.includes('--files') ? [] : engine === 'firefox' ? firefoxGroups() : engine === 'webkit' ? await webkitGroups() : [],
  nodeResolve: true,
  concurrency: 1,
  // One Firefox or WebKit at a time (their groups are browsers of their own): the test
  // server's faults and offline switch are one for the whole server, and a file in one group
  // clearing them (every engine suite does after each test) would cut another group's fault
  // short while its test waits on it (seen in Firefox: a 400 fault answered as the next test's
  // 401, a worker's activation missed).
  ...(engine === 'webkit' || engine === 'firefox' ? { concurrentBrowsers: 1 } : {}),
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  middleware: [serviceWorkerAllowed, sourceForBuiltName, modulesForOtherOrigins, api.middleware],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    api.plugin,
    // The reference server (PGlite) started before any browser: its first start can outlast a
    // test command's 20 s on a busy machine, and a browser slower to start than Chromium leaves
    // the first file's `before` less of it.
    { name: 'offline-review-api-warm', serverStart: () => api.getServer().then(() => undefined) },
  ],
  browsers: await browsers(),
  reporters: [defaultReporter(), summaryReporter(ENGINE_NAMES[engine])],
  // V8 coverage is Chromium's: measured there.
  coverage: engine === 'chromium' && process.env.WTR_COVERAGE !== '0',
  coverageConfig: {
    include: ['src/**/*.ts', 'components/**/*.ts', 'sw/**/*.ts'],
    exclude: ['**/node_modules/**', 'test/**', '**/*.d.ts'],
    threshold: { statements: 85, branches: 85, functions: 85, lines: 85 },
    reportDir: 'coverage/browser',
    reporters: ['lcov', 'text-summary'],
  },
};
