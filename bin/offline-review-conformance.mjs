#!/usr/bin/env node
// The protocol conformance kit: `offline-review-conformance <base-url> [options]` (--help).
// Runs the built kit, or the TypeScript sources in a checkout without a build (load-entry.mjs).
import { loadEntry } from './load-entry.mjs';

const cli = await loadEntry('server/conformance/cli');
process.exitCode = await cli.main(process.argv.slice(2));
