import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * Runs pact's native verifier in a child process. The Rust verifier prints its whole report
 * (every interaction, and on a mismatch the full bodies: a 500-association page is thousands of
 * lines) straight to file descriptor 1, where no JavaScript can redirect it, and pact-js has no
 * option to silence it (pact-foundation/pact-reference#132). pact-js's `Verifier` (its proxy, the
 * state handlers, the request filter) stays in this process; only its one call into the native
 * core, `pactCore.verifyPacts(options)`, is swapped for the same call in a child whose output is
 * captured. The child also keeps a native crash from taking the test worker down.
 */

/** What the native verifier printed, and how it ended. */
export interface NativeRun {
  /** The verifier's report (ANSI colours removed). */
  readonly report: string;
}

// The child: read the options (JSON, on stdin: they may hold a broker token, which must not be on
// a command line), verify, send the outcome back over IPC (bodies can exceed a pipe's buffer).
const CHILD = `
const core = require(process.argv[1]).default;
let input = '';
process.stdin.setEncoding('utf8').on('data', (d) => { input += d; }).on('end', () => {
  core.verifyPacts(JSON.parse(input)).then(
    (value) => process.send({ ok: true, value: String(value) }, () => process.exit(0)),
    (error) => process.send({ ok: false, value: String(error && error.message !== undefined ? error.message : error) }, () => process.exit(0)),
  );
});
`;

const corePath = createRequire(import.meta.url).resolve('@pact-foundation/pact-core');

type VerifyPacts = (options: Record<string, unknown>) => Promise<string>;

/**
 * The pact-core instance pact-js calls: `require('@pact-foundation/pact-core').default`, taken
 * through `require` as pact-js does (an ESM import of this CommonJS module differs between Node
 * and vitest in what `default` is).
 */
function coreInstance(): { verifyPacts: VerifyPacts } {
  const core = (createRequire(import.meta.url)('@pact-foundation/pact-core') as { default?: { verifyPacts?: unknown } })
    .default;
  if (typeof core?.verifyPacts !== 'function') throw new Error('@pact-foundation/pact-core exports no verifyPacts');
  return core as { verifyPacts: VerifyPacts };
}

/** The JSON-able part of the options: pact-js passes its whole config, handler functions included. */
function serialisable(options: Record<string, unknown>): string {
  return JSON.stringify(options, (_key, value: unknown) => (typeof value === 'function' ? undefined : value));
}

/** The verification was stopped (Ctrl-C): its child was killed before it gave a result. */
export class VerificationStopped extends Error {
  override readonly name = 'VerificationStopped';
}

function verifyInChild(options: Record<string, unknown>, output: string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new VerificationStopped('the verification was stopped before it started'));
      return;
    }
    const child = spawn(process.execPath, ['-e', CHILD, corePath], {
      stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, PACT_DO_NOT_TRACK: 'true' },
    });
    let settled = false;
    // A stop kills the native verifier wherever it is (a request the provider holds, a state change): its requests
    // to pact-js's proxy close with it, and the proxy drops what it forwarded.
    const stop = (): void => {
      if (settled) return;
      settled = true;
      child.kill('SIGKILL');
      reject(new VerificationStopped('the verification was stopped: the pact verifier was ended mid-way'));
    };
    signal?.addEventListener('abort', stop, { once: true });
    child.on('exit', () => signal?.removeEventListener('abort', stop));
    const collect = (chunk: Buffer): void => {
      output.push(chunk.toString('utf8'));
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('message', (message: { ok?: boolean; value?: string }) => {
      if (settled) return;
      settled = true;
      if (message.ok) resolve(message.value ?? '');
      else reject(new Error(message.value ?? 'the pact verifier failed'));
    });
    child.on('error', reject);
    child.on('exit', (code, killedBy) => {
      if (!settled)
        reject(
          new Error(
            `the pact verifier process ended without a result (exit ${String(code)}, signal ${String(killedBy)})`,
          ),
        );
    });
    child.stdin?.end(serialisable(options));
  });
}

/**
 * Runs `verify` (a pact-js verification) with the native verifier in a child process; resolves to
 * what `verify` resolves to, plus the report the verifier printed; `signal` aborting kills the child (the promise
 * then rejects with {@link VerificationStopped}). Verifications must not overlap
 * (the pact suites run one file at a time, and a CLI runs one verification).
 */
export async function withNativeVerifierInChild<T>(
  verify: () => Promise<T>,
  signal?: AbortSignal,
): Promise<{ readonly value: T; readonly run: NativeRun }> {
  const core = coreInstance();
  const original = core.verifyPacts;
  const output: string[] = [];
  core.verifyPacts = (options) => verifyInChild(options, output, signal);
  try {
    const value = await verify();
    return { value, run: { report: output.join('').replace(/\x1b\[[0-9;]*m/g, '') } };
  } catch (error) {
    const report = output.join('').replace(/\x1b\[[0-9;]*m/g, '');
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { report });
  } finally {
    core.verifyPacts = original;
  }
}
