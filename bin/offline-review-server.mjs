#!/usr/bin/env node
// The reference sync server as a command: `offline-review-server [options]` (--help).
// Runs the built server (dist/, made by `npm run build`); in a source checkout without a build,
// it runs the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url);
const built = new URL('dist/server/standalone/run.js', root);
let run;
if (existsSync(fileURLToPath(built))) {
  run = await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  run = await import(pathToFileURL(fileURLToPath(new URL('server/standalone/run.ts', root))).href);
}
process.exitCode = await run.main(process.argv.slice(2), process.env);
