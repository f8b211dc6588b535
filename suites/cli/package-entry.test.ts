import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { ENTRY_PROBES, OWN_VERSION, nodeIn, writeConsumerManifest } from '../support/consumer.js';

/**
 * hsac as another project sees it through package.json `exports` (issue 14, item 2): `import` and `require`
 * of the library, its schemas and its package.json. The project links hsac into node_modules (no registry):
 * the packed-tarball install is a separate suite (packed-tarball.test.ts), held to the same probes.
 */

let project: string;
beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'hsac-consumer-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(packageRoot(), join(project, 'node_modules', 'hsac'), 'dir');
  writeConsumerManifest(project);
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the package entry points', () => {
  for (const { name, args, prints } of ENTRY_PROBES)
    it(name, async () => {
      expect(await nodeIn(project, args)).toBe(prints);
    });

  it('-V prints the version, like --version', async () => {
    const bin = join(packageRoot(), 'bin', 'hsac.js');
    expect(await nodeIn(project, [bin, '-V'])).toBe(OWN_VERSION);
    expect(await nodeIn(project, [bin, '--version'])).toBe(OWN_VERSION);
  });
});
