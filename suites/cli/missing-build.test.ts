import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { matchers } from '../support/matchers.js';

/**
 * `bin/hsac.js` without a build (issue 12, item 4): after `npm ci --ignore-scripts` there is no
 * `dist/`, and the bin used to die with a raw ERR_MODULE_NOT_FOUND stack. The real bin is copied
 * into a package layout of its own (package.json, bin/) where dist/ is absent, or broken.
 */

const execFileAsync = promisify(execFile);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-no-build-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the package as `npm ci --ignore-scripts` leaves it: package.json and bin/, and `dist` files as given. */
function layout(name: string, dist: Record<string, string> = {}): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'bin'), { recursive: true });
  copyFileSync(join(packageRoot(), 'package.json'), join(root, 'package.json'));
  copyFileSync(join(packageRoot(), 'bin', 'hsac.js'), join(root, 'bin', 'hsac.js'));
  for (const [path, text] of Object.entries(dist)) {
    mkdirSync(join(root, 'dist', path, '..'), { recursive: true });
    writeFileSync(join(root, 'dist', path), text);
  }
  return root;
}

async function runBin(root: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [join(root, 'bin', 'hsac.js'), ...args], {
      cwd: root,
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout, err: failed.stderr };
  }
}

describe('the bin without a build', () => {
  it('says in one line to run npm run build, and exits 2 (no module-loader stack)', async () => {
    const ran = await runBin(layout('no-dist'), ['run']);
    expect(ran.code).toBe(2);
    expect(ran.out).toBe('');
    expect(ran.err.trim().split('\n')).toEqual([matchers.stringContaining('npm run build')]);
    expect(ran.err).toMatch(/^hsac: the build is missing/);
    expect(ran.err).not.toContain('ERR_MODULE_NOT_FOUND');
    expect(ran.err).not.toMatch(/\n\s+at /);
  });

  it('a broken build (a module it imports is missing) is one line too', async () => {
    const root = layout('broken-dist', {
      'src/cli.js': "import 'hsac-no-such-package-0001';\nexport async function main() { return 0; }\n",
    });
    const ran = await runBin(root, ['--version']);
    expect(ran.code).toBe(2);
    expect(ran.err.trim().split('\n')).toEqual([
      matchers.stringMatching(/^hsac: cannot load the build: .*hsac-no-such-package-0001.*npm ci.*npm run build/),
    ]);
    expect(ran.err).not.toMatch(/\n\s+at /);
  });

  it('with the build in place, the same bin runs (control)', async () => {
    const ran = await runBin(packageRoot(), ['--version']);
    expect(ran.code).toBe(0);
    expect(ran.out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
