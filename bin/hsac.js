#!/usr/bin/env node
// The published entry point: the compiled CLI (built by `npm run build`, which `prepare` runs on `npm ci`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli.js', import.meta.url);

// A console that went away (the parent died with the pipe's other end, `hsac run | head`) must not
// crash the process before it has cleaned up and written its reports: those go to files. Writes
// to a closed pipe fail with EPIPE (then ERR_STREAM_DESTROYED); anything else is still an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}

/** One line on stderr and exit 2 (a usage/installation problem): never a module-loader stack. */
function cannotStart(message) {
  process.stderr.write(`hsac: ${message}\n`);
  process.exitCode = 2;
}

async function load() {
  // `npm ci --ignore-scripts` (or a checkout without `npm run build`) leaves no dist/: say what to do.
  if (!existsSync(fileURLToPath(entry))) {
    cannotStart(
      'the build is missing (dist/src/cli.js not found): ' +
        'run `npm run build` first (`npm ci --ignore-scripts` skips it)',
    );
    return undefined;
  }
  try {
    return await import(entry.href);
  } catch (error) {
    // A partial build or a missing dependency: still one line, with what is missing.
    const missing = error && (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED');
    const first = String(error instanceof Error ? error.message : error).split('\n')[0];
    cannotStart(
      missing
        ? `cannot load the build: ${first}; run \`npm ci\` then \`npm run build\``
        : `internal error: cannot load the build: ${first}`,
    );
    if (process.env.HSAC_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    return undefined;
  }
}

const cli = await load();
if (cli) {
  cli.main(process.argv.slice(2)).then(
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
}
