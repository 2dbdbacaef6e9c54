#!/usr/bin/env node
// The reference sync server as a command: `offline-review-server [options]` (--help).
// Runs the built server, or the TypeScript sources in a checkout without a build (load-entry.mjs).
import { loadEntry } from './load-entry.mjs';

const run = await loadEntry('server/standalone/run');
process.exitCode = await run.main(process.argv.slice(2), process.env);
