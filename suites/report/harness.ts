import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { packageRoot } from '../../src/paths.js';
import type { RunResult } from '../../src/runner/result.js';

/**
 * What the report suites share: `hsac` driven in-process through `main()` (the CLI's own code
 * path, as suites/run does), with stdout and stderr captured.
 */

/** One in-process `hsac` invocation. */
export interface Ran {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `hsac argv` in-process and captures what it prints. */
export async function hsac(argv: readonly string[]): Promise<Ran> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    stdin: () => Buffer.alloc(0),
  });
  return { code, out, err };
}

/** The report.json a run or a merge wrote. */
export function readResult(dir: string): RunResult {
  return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunResult;
}

/** `reports/<name>` in the checkout (git-ignored but for its README): where suites keep what a person looks at. */
export function keptReportsDir(name: string): string {
  const dir = join(packageRoot(), 'reports', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Flags for a run against a sandbox this suite started itself (`--target`): no rate-limit probe
 * (its burst length depends on timing) and a budget the sandbox never refuses, so the same seed
 * sends exactly the same requests every time.
 */
export function targetFlags(url: string, token: string): string[] {
  return ['--target', url, '--token', token, '--rate-limit', '1000/10s', '--timeout-ms', '5000'];
}
