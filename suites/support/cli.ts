import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli.js';
import { packageRoot } from '../../src/paths.js';
import { inChildSlot } from './child-slots.js';

/** What one in-process `hsac` invocation printed and returned. */
export interface Ran {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * Runs the `hsac` CLI in-process (the same code path as the bin) with captured streams, optionally
 * feeding `stdin`. Every suite that drives the CLI uses this one helper.
 */
export async function hsac(argv: readonly string[], stdin = ''): Promise<Ran> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    stdin: () => Buffer.from(stdin),
  });
  return { code, out, err };
}

/** What one child process of the built CLI printed and returned. */
export interface Spawned {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const execFileAsync = promisify(execFile);

/**
 * Runs the built CLI (`bin/hsac.js` over `dist/`, which `npm test` builds first) in a child process, as a user runs
 * it: stdout and stderr piped, in `cwd`, with `env` (default: this process's), in one of the file's child slots
 * (`child-slots.ts`). A non-zero exit is returned, not thrown.
 */
export async function hsacChild(
  argv: readonly string[],
  options: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<Spawned> {
  try {
    const bin = join(packageRoot(), 'bin', 'hsac.js');
    const { stdout, stderr } = await inChildSlot(() =>
      execFileAsync(process.execPath, [bin, ...argv], { ...options, maxBuffer: 64 * 1024 * 1024 }),
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
