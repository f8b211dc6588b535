import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

/**
 * hsac states its own version (issue 14, item 1). Run from another project's npm script, the environment holds
 * that project's `npm_package_version`; hsac must say the version of its own package.json, not the consumer's.
 */

const execFileAsync = promisify(execFile);
const own = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
const CONSUMER_VERSION = '9.9.9';

describe('hsac --version inside another project', () => {
  it("prints hsac's own version, whatever npm_package_version says", async () => {
    expect(own).not.toBe(CONSUMER_VERSION);
    const { stdout } = await execFileAsync(process.execPath, [join(packageRoot(), 'bin', 'hsac.js'), '--version'], {
      env: { ...process.env, npm_package_version: CONSUMER_VERSION, npm_package_name: 'some-consumer' },
    });
    expect(stdout.trim()).toBe(own);
  });
});
