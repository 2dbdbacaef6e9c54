// `npm run bench`: builds dist/ (the sizes and the demo need it; BENCH_SKIP_BUILD=1 skips),
// then runs bench/run.ts under tsx. Prints a table and writes bench/results.json.
import { spawnSync } from 'node:child_process';
import { ensureChrome } from './ensure-chrome.mjs';

process.env.CHROME_PATH ??= ensureChrome();

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status || 1);
}

if (!process.env.BENCH_SKIP_BUILD) run(process.execPath, ['scripts/build.mjs']);
run(process.execPath, ['--import', 'tsx', 'bench/run.ts'], { SKIP_BUILD: '1' });
