// Browser tests: real Chromium (the system one: docs/testing.md), TypeScript through esbuild, the
// real reference server behind a fault-injecting middleware, coverage enforced at 85%.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
import { findChrome, CHROME_ARGS } from './scripts/find-chrome.mjs';
import { createApiPlugin } from './test/support/api-plugin.mjs';

const executablePath = findChrome();
if (!executablePath) {
  throw new Error('No Chrome or Chromium found: run `node scripts/ensure-chrome.mjs` or set CHROME_PATH.');
}

// The service worker tests also cut their own pages and files (test/sw/scope/), and the CDN
// bundle the worker precaches (dist/cdn/), on purpose.
const api = createApiPlugin({ basePath: '/api/review', faultPaths: ['/test/sw/scope/', '/dist/cdn/'] });

/** A worker under /dist/sw/ may control scope `/` only with this header (`Service-Worker-Allowed`). */
function serviceWorkerAllowed(ctx, next) {
  if (ctx.path.startsWith('/dist/sw/') || ctx.path.startsWith('/test/sw/')) {
    ctx.set('Service-Worker-Allowed', '/');
  }
  return next();
}

export default {
  rootDir: '.',
  files: ['test/src/**/*.test.ts', 'test/components/**/*.test.ts', 'test/sw/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  middleware: [serviceWorkerAllowed, api.middleware],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    api.plugin,
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args: CHROME_ARGS } })],
  coverage: process.env.WTR_COVERAGE !== '0',
  coverageConfig: {
    include: ['src/**/*.ts', 'components/**/*.ts', 'sw/**/*.ts'],
    exclude: ['**/node_modules/**', 'test/**', '**/*.d.ts'],
    threshold: { statements: 85, branches: 85, functions: 85, lines: 85 },
    reportDir: 'coverage/browser',
    reporters: ['lcov', 'text-summary'],
  },
};
