#!/usr/bin/env node
// The published entry point: the compiled CLI (built by `npm run build`, which `prepare` runs on `npm ci`).
import { main } from '../dist/src/cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // A bug, not a usage problem: still one line, never a stack trace unless asked for.
    process.stderr.write(`hsac: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.HSAC_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    process.exitCode = 2;
  },
);
