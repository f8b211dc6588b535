import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

/**
 * hsac as another project sees it through package.json `exports` (issue 14, item 2): `import` and `require`
 * of the library, its schemas and its package.json. The project links hsac into node_modules (no registry):
 * the packed-tarball install is a separate suite.
 */

const execFileAsync = promisify(execFile);
const own = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

let project: string;
beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'hsac-consumer-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(packageRoot(), join(project, 'node_modules', 'hsac'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '9.9.9', private: true }));
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

async function node(args: string[]): Promise<string> {
  const { stdout } = await execFileAsync(process.execPath, args, { cwd: project });
  return stdout.trim();
}

describe('the package entry points', () => {
  it('require("hsac") gives the library (CommonJS consumers, Node >= 20.19)', async () => {
    const out = await node(['-e', "const h = require('hsac'); console.log(typeof h.createValidator)"]);
    expect(out).toBe('function');
  });

  it('import("hsac") gives the same library', async () => {
    const out = await node([
      '--input-type=module',
      '-e',
      "const h = await import('hsac'); console.log(typeof h.createValidator)",
    ]);
    expect(out).toBe('function');
  });

  it("hsac/package.json and hsac/schemas/* resolve: hsac's own version, the report schema", async () => {
    const out = await node([
      '-e',
      "console.log(require('hsac/package.json').version, require('hsac/schemas/report/report.schema.json').$schema)",
    ]);
    expect(out.split(' ')).toEqual([own, 'https://json-schema.org/draft/2020-12/schema']);
  });

  it('-V prints the version, like --version', async () => {
    const bin = join(packageRoot(), 'bin', 'hsac.js');
    expect(await node([bin, '-V'])).toBe(own);
    expect(await node([bin, '--version'])).toBe(own);
  });
});
