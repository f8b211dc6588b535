import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import type { RunResult } from '../../src/runner/result.js';
import { inChildSlot } from '../support/child-slots.js';
import { CONSUMER_VERSION, ENTRY_PROBES, OWN_VERSION, nodeIn, writeConsumerManifest } from '../support/consumer.js';

/**
 * hsac as users install it (issue 14, item 2): `npm pack`, then `npm install` of the tarball into a project whose
 * own version is not hsac's. There, hsac states its own version where `npm_package_version` is the project's (`hsac
 * run` from the project's npm script, `--version` and `-V` with npm's variables), `import` and `require` give the
 * library, its schemas and package.json resolve, and `hsac run` works from the installed files alone (runtime
 * dependencies only). The tarball holds the licence and the pacts, and no bench output, source maps or tests.
 * Packing uses the `dist/` that `npm test` builds first; installing takes dependencies from npm's cache, the registry
 * only for what the cache lacks: where the registry cannot be reached, the tests that need the install are skipped,
 * saying why.
 */

const execFileAsync = promisify(execFile);
/** What npm's output names when the registry cannot be reached (offline, no DNS, a firewall). */
const REGISTRY_UNREACHABLE = /\b(ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED)\b/;
/** The consumer's npm script that runs the installed bin with npm's environment (its `npm_package_version`). */
const HSAC_SCRIPT = { hsac: 'hsac' };

/** What `npm pack --json` says of the one package it packed. */
interface Packed {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

/** How long one npm command may take before it is killed: under the hook's guard, so no npm outlives the suite. */
const NPM_TIMEOUT_MS = 45_000;

async function npm(args: readonly string[], cwd: string): Promise<string> {
  // --loglevel error: an npm_config_loglevel=silent inherited from `npm test --silent` would hide why it failed.
  const options = { cwd, maxBuffer: 16 * 1024 * 1024, timeout: NPM_TIMEOUT_MS };
  const { stdout } = await inChildSlot(() => execFileAsync('npm', ['--loglevel=error', ...args], options));
  return stdout;
}

let work: string;
let project: string;
/** The paths the tarball holds, as npm packed them. */
let tarballPaths: string[];
/** Why the tests that need the installed package are skipped, or undefined when it is installed. */
let unreachable: string | undefined;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'hsac-packed-'));
  const [packed] = JSON.parse(
    await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], packageRoot()),
  ) as Packed[];
  if (!packed) throw new Error('npm pack --json named no package');
  tarballPaths = packed.files.map((file) => file.path);
  project = join(work, 'consumer');
  mkdirSync(project);
  writeConsumerManifest(project, HSAC_SCRIPT);
  const install = ['install', join(work, packed.filename), '--prefer-offline', '--no-audit', '--no-fund'];
  // No retries and a 15 s fetch timeout: an unreachable registry fails the install within the hook's guard.
  const bounded = ['--fetch-retries=0', '--fetch-timeout=15000'];
  try {
    await npm([...install, ...bounded, '--ignore-scripts', '--omit=dev'], project);
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    const code = REGISTRY_UNREACHABLE.exec(`${failed.stdout ?? ''}${failed.stderr ?? ''}`)?.[1];
    if (code === undefined) throw error;
    unreachable = `npm install of the tarball could not reach the registry (${code}) for what npm's cache lacks`;
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The installed bin run from the consumer's npm script: npm sets `npm_package_version` to the consumer's. */
async function hsacFromNpmScript(args: readonly string[]): Promise<string> {
  return (await npm(['run', '--silent', 'hsac', '--', ...args], project)).trim();
}

describe('the packed tarball', () => {
  it('holds the licence, the pacts and what package.json points at; no bench output, source maps or tests', () => {
    expect(tarballPaths).toContain('LICENSE');
    const pacts = readdirSync(join(packageRoot(), 'pacts')).filter((name) => name.endsWith('.json'));
    expect(pacts.length).toBeGreaterThan(0);
    expect(tarballPaths).toEqual(expect.arrayContaining(pacts.map((name) => `pacts/${name}`)));
    const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
      main: string;
      types: string;
      bin: Record<string, string>;
    };
    for (const path of [manifest.main, manifest.types, ...Object.values(manifest.bin)])
      expect(tarballPaths).toContain(path.replace(/^\.\//, ''));
    expect(tarballPaths.filter((path) => path.startsWith('dist/bench/'))).toEqual([]);
    expect(tarballPaths.filter((path) => path.endsWith('.map'))).toEqual([]);
    expect(tarballPaths.filter((path) => /\.(spec|test)\.[cm]?[jt]s$/.test(path))).toEqual([]);
  });
});

describe(`installed into a project of version ${CONSUMER_VERSION}`, { concurrent: true }, () => {
  it('is a copy of its own, not a link to this repository', ({ skip }) => {
    skip(unreachable !== undefined, unreachable);
    const installed = realpathSync(join(project, 'node_modules', 'hsac'));
    expect(relative(realpathSync(project), installed)).toBe(join('node_modules', 'hsac'));
  });

  it("hsac --version and -V print hsac's own version, where npm_package_version is the project's", async ({ skip }) => {
    skip(unreachable !== undefined, unreachable);
    expect(OWN_VERSION).not.toBe(CONSUMER_VERSION);
    const bin = join(project, 'node_modules', '.bin', 'hsac');
    // As npm sets it for the project's own scripts (the `hsac run` below goes through one).
    const env = { ...process.env, npm_package_name: 'consumer', npm_package_version: CONSUMER_VERSION };
    const printed = await Promise.all(
      ['--version', '-V'].map(async (flag) => {
        const { stdout } = await inChildSlot(() => execFileAsync(bin, [flag], { cwd: project, env }));
        return stdout.trim();
      }),
    );
    expect(printed).toEqual([OWN_VERSION, OWN_VERSION]);
  });

  for (const { name, args, prints } of ENTRY_PROBES)
    it(name, async ({ skip }) => {
      skip(unreachable !== undefined, unreachable);
      expect(await nodeIn(project, args)).toBe(prints);
    });

  it("hsac run from the project's npm script passes, and report.json's tool is hsac at its own version", async ({
    skip,
  }) => {
    skip(unreachable !== undefined, unreachable);
    const reportDir = join(work, 'report');
    // One endpoint and two sequences: enough to prove the installed files run a whole run, in about a second.
    // A run that does not exit 0 rejects here (npm run passes the exit code on).
    await hsacFromNpmScript([
      'run',
      '--seed',
      '1',
      '--endpoints',
      'batch-read',
      '--runs',
      '2',
      '--report-dir',
      reportDir,
    ]);
    const result = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunResult;
    expect(result.tool).toEqual({ name: 'hsac', version: OWN_VERSION });
    expect(result.summary.verdict).toBe('pass');
  });
});
