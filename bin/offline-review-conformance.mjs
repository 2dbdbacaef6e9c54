#!/usr/bin/env node
// The protocol conformance kit: `offline-review-conformance <base-url> [options]` (--help).
// Runs the built kit (dist/, made by `npm run build`); in a source checkout without a build,
// it runs the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url);
const built = new URL('dist/server/conformance/cli.js', root);
let cli;
if (existsSync(fileURLToPath(built))) {
  cli = await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(pathToFileURL(fileURLToPath(new URL('server/conformance/cli.ts', root))).href);
}
process.exitCode = await cli.main(process.argv.slice(2));
