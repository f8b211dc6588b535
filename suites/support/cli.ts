import { main } from '../../src/cli.js';

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
