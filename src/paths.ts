import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root, found by walking up from this module to hsac's own package.json. Source runs
 * (vitest, from `src/`) and built runs (from `dist/src/`) sit at different depths, so a fixed
 * relative path would be wrong for one of them.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'hsac') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('hsac: cannot find the package root (package.json named "hsac")');
    dir = parent;
  }
}

/** The `../shared` reference folder beside the checkout, or undefined where it is absent. */
export function sharedReferenceDir(): string | undefined {
  const dir = process.env.HSAC_SHARED_DIR ?? resolve(packageRoot(), '..', 'shared');
  return existsSync(join(dir, 'reference')) ? dir : undefined;
}

let ownVersion: string | undefined;

/**
 * hsac's own version, from its own package.json (found by {@link packageRoot}), never from
 * `npm_package_version`: inside another project's npm script that variable is the consumer's version.
 */
export function toolVersion(): string {
  if (ownVersion === undefined) {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
    ownVersion = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  }
  return ownVersion;
}
