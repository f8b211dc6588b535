import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../../src/paths.js';
import { inChildSlot } from './child-slots.js';

/**
 * hsac as another project sees it (issue 14, item 2), shared by the suite that links the repository into a
 * project (suites/cli/package-entry.test.ts) and the one that installs the packed tarball
 * (suites/cli/packed-tarball.test.ts): both hold hsac to the same expectations.
 */

const execFileAsync = promisify(execFile);

/** hsac's version as its own package.json states it: the oracle, read here rather than through hsac's code. */
export const OWN_VERSION = (
  JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }
).version;

/** The consumer project's own version: what hsac must never state as its version. */
export const CONSUMER_VERSION = '9.9.9';

/** Writes the consumer project's package.json (name `consumer`, version {@link CONSUMER_VERSION}) in `project`. */
export function writeConsumerManifest(project: string, scripts: Readonly<Record<string, string>> = {}): void {
  const manifest = { name: 'consumer', version: CONSUMER_VERSION, private: true, scripts };
  writeFileSync(join(project, 'package.json'), JSON.stringify(manifest));
}

/** Runs `node args` in `project` (in one of the file's child slots) and returns its stdout, trimmed; a non-zero exit
 * rejects. */
export async function nodeIn(project: string, args: readonly string[]): Promise<string> {
  const { stdout } = await inChildSlot(() => execFileAsync(process.execPath, [...args], { cwd: project }));
  return stdout.trim();
}

/** The library's runtime exports, as src/index.ts declares them: what `import` and `require` of hsac must give. */
const LIBRARY_EXPORTS = Object.keys(await import('../../src/index.js')).sort();

/** What a loaded `hsac` module says about itself: `createValidator`'s type, then every export name. */
const describeLibrary = "console.log(typeof h.createValidator, Object.keys(h).sort().join(','))";

/** One way a consumer loads hsac: a node program run in the project, and what it must print. */
export interface EntryProbe {
  readonly name: string;
  readonly args: readonly string[];
  readonly prints: string;
}

/** Every entry point `exports` offers a consumer, each with what it must give. */
export const ENTRY_PROBES: readonly EntryProbe[] = [
  {
    name: 'require("hsac") gives the library (CommonJS consumers, Node >= 20.19)',
    args: ['-e', `const h = require('hsac'); ${describeLibrary}`],
    prints: `function ${LIBRARY_EXPORTS.join(',')}`,
  },
  {
    name: 'import("hsac") gives the same library',
    args: ['--input-type=module', '-e', `const h = await import('hsac'); ${describeLibrary}`],
    prints: `function ${LIBRARY_EXPORTS.join(',')}`,
  },
  {
    name: "hsac/package.json and hsac/schemas/* resolve: hsac's own version, the report schema",
    args: [
      '-e',
      "console.log(require('hsac/package.json').version, require('hsac/schemas/report/report.schema.json').$schema)",
    ],
    prints: `${OWN_VERSION} https://json-schema.org/draft/2020-12/schema`,
  },
];
