import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { GateOutcome } from '../gate/cells.js';
import { runHttpGate } from '../gate/http.js';
import { compareModes, type ModeComparison } from '../gate/modes.js';
import { runGate, type GateOptions } from '../gate/run.js';
import { DEFAULT_SANDBOX_PAGE_SIZE } from '../../provider/index.js';
import { RunRefused, type RunOptions } from '../runner/run.js';
import { tokenRefusal } from '../runner/safety.js';
import { GateInterrupted } from '../sdk/errors.js';
import { UsageError, waitLine, type Io } from './common.js';
import { startEmbeddedSandbox } from './embedded-sandbox.js';

/**
 * `hsac gate sdk --target [URL]`: the gate over HTTP against a live provider (the embedded sandbox
 * when no URL is given, with `--fault`s planted in it; or a portal, with its token), then the
 * in-process gate on the same SDK, seed and versions, to say where the two disagree.
 */

/** The flags of the gate over HTTP. */
export interface HttpGateFlags {
  /** `--target` alone: the embedded sandbox; `--target URL`: that provider. */
  readonly target?: string | true;
  readonly token?: string;
  readonly fault?: readonly string[];
  readonly sandboxPageSize?: number;
  readonly maxWait?: number;
  readonly timeoutMs?: number;
  readonly journal?: string;
  readonly allowProductionPortal?: boolean;
}

/** What the gate over HTTP settles from flags besides the target: the gate's options, and where reports go. */
export type HttpGateRun = Omit<GateOptions, 'signal'> & { readonly reportDir: string };

/** The HTTP gate's outcome, and how it compares with the in-process gate's. */
export interface HttpGateResult {
  readonly outcome: GateOutcome;
  /** Absent when the gate was stopped before the in-process gate could finish. */
  readonly comparison?: ModeComparison;
}

/** Runs the gate over HTTP (and in-process, to compare); usage problems are {@link UsageError}s. */
export async function gateOverHttp(
  flags: HttpGateFlags,
  gate: HttpGateRun,
  io: Io,
  env: NodeJS.ProcessEnv,
  cwd: string,
  signal: AbortSignal,
): Promise<HttpGateResult> {
  const url = typeof flags.target === 'string' ? flags.target : undefined;
  const parsed = url !== undefined && URL.canParse(url) ? new URL(url) : undefined;
  if (url !== undefined && !/^https?:$/.test(parsed?.protocol ?? ''))
    throw new UsageError(`--target ${url} is not an http(s) URL`);
  // Credentials in the URL would be written into every report naming the target: the token goes in --token.
  if (parsed && (parsed.username !== '' || parsed.password !== ''))
    throw new UsageError('--target must not hold credentials (user:password@): give the token with --token');
  const faults = [...(flags.fault ?? [])];
  if (url !== undefined && faults.length > 0)
    throw new UsageError('--fault plants faults in the embedded sandbox: give --target without a URL to use it');
  const journalPath = resolve(cwd, flags.journal ?? join(gate.reportDir, 'journal.jsonl'));
  mkdirSync(dirname(journalPath), { recursive: true });
  let stopSandbox: (() => Promise<void>) | undefined;
  let target: Pick<RunOptions, 'baseUrl' | 'token' | 'targetLabel' | 'rateLimit' | 'retry' | 'sandbox'>;
  if (url === undefined) {
    const pageSize = flags.sandboxPageSize ?? DEFAULT_SANDBOX_PAGE_SIZE;
    const embedded = await startEmbeddedSandbox({
      faults,
      seed: gate.seed,
      pageSize,
      ...(flags.timeoutMs !== undefined ? { timeoutMs: flags.timeoutMs } : {}),
    });
    stopSandbox = () => embedded.sandbox.stop();
    const { baseUrl, token, targetLabel, rateLimit, retry } = embedded.run;
    target = { baseUrl, token, targetLabel, rateLimit, retry, sandbox: { faults, pageSize } };
  } else {
    const token = flags.token ?? env.HUBSPOT_ACCESS_TOKEN;
    const refusal = tokenRefusal(token);
    if (refusal !== undefined || token === undefined || token === '')
      throw new UsageError(`a --target URL needs a token (--token or HUBSPOT_ACCESS_TOKEN): ${refusal ?? 'none'}`);
    target = { baseUrl: url, token, targetLabel: url };
  }
  try {
    const { reportDir: _reportDir, ...gateOptions } = gate;
    const outcome = await runHttpGate({
      ...gateOptions,
      run: {
        ...target,
        profile: 'lenient',
        journalPath,
        allowProductionPortal: flags.allowProductionPortal === true,
        ...(flags.timeoutMs !== undefined ? { timeoutMs: flags.timeoutMs } : {}),
        ...(flags.maxWait !== undefined ? { maxWaitMs: flags.maxWait * 1000 } : {}),
        onWait: (wait) => io.err(waitLine('hsac gate sdk', wait)),
        signal,
      },
    });
    // The same SDK, seed and versions in-process: what nock's answers show that the provider's did not, and back.
    // Stopped (Ctrl-C), there is nothing to compare with: the comparison is left out, not made of half a run.
    if (signal.aborted) return { outcome };
    try {
      const inProcess = await runGate({ ...gateOptions, signal });
      return { outcome, comparison: compareModes(inProcess, outcome) };
    } catch (error) {
      if (error instanceof GateInterrupted) return { outcome };
      throw error;
    }
  } catch (error) {
    if (error instanceof RunRefused) throw new UsageError(error.message);
    throw error;
  } finally {
    await stopSandbox?.();
  }
}
