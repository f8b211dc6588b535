import { InvalidArgumentError, type Command } from 'commander';
import { UnknownFaultError, type Sandbox } from '../../provider/index.js';
import { settingProblems } from '../config/run-config.js';
import { field } from '../json.js';
import { pactsDir } from '../pact/names.js';
import { PactFileError, resolvePactFiles, type PactFileSummary } from '../pact/pact-files.js';
import { setupApi, type SetupApi } from '../pact/states/index.js';
import type { AccountDetailsReply } from '../pact/states/setup-api.js';
import { startVerificationSandbox } from '../pact/verification-sandbox.js';
import type * as VerifyModule from '../pact/verify.js';
import type { VerificationResult } from '../pact/verify.js';
import { paintVerdict } from '../report/index.js';
import { refuseUnsafeTarget, RunRefused } from '../runner/safety.js';
import { DailyLimitReached, SendInterrupted, WaitTooLong, type WaitNotice } from '../transport/index.js';
import {
  describeStop,
  EXIT,
  exitCodeAfterSignal,
  findingLines,
  parsePositiveInt,
  UsageError,
  waitLine,
  watchForStop,
  type ExitSlot,
  type FindingLine,
  type Io,
} from './common.js';

/**
 * `hsac pact verify`: the shipped pacts (or any given) replayed against a provider with hsac's
 * provider states (`src/pact/verify.ts`), by default against an embedded reference sandbox started
 * for the purpose. The states set their data up through the provider's own API, so the same
 * verification runs against a portal; a state the provider will not let be set up leaves its
 * interactions not verified, said per interaction, never passed.
 */

interface PactVerifyFlags {
  providerBaseUrl?: string;
  pact: string[];
  token?: string;
  json?: boolean;
  fault: string[];
  allowProductionPortal?: boolean;
  /** Seconds. */
  maxWait?: number;
  timeoutMs?: number;
}

/** What one failed interaction, or one failed teardown, is on the console and in `--json`. */
export interface PactFinding extends FindingLine {
  readonly check: 'pact-mismatch' | 'pact-not-verified' | 'pact-state-teardown';
  readonly consumer?: string;
  /** The interaction's description (empty for a teardown, which belongs to no one interaction). */
  readonly interaction: string;
  /** What differed, as the verifier says it (token removed); for a not-verified one, why. */
  readonly differences: readonly string[];
}

function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('must be an http(s) URL, e.g. https://api.hubapi.com');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidArgumentError('must be an http(s) URL, e.g. https://api.hubapi.com');
  return value.replace(/\/+$/, '');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** One finding per interaction that did not pass, and one per teardown that failed. */
export function pactFindings(result: VerificationResult): PactFinding[] {
  const findings: PactFinding[] = result.interactions
    .filter((interaction) => !interaction.ok)
    .map((interaction) => {
      const who = `${interaction.consumer ?? 'unknown consumer'}: ${interaction.description}`;
      const differences = interaction.notVerified === undefined ? interaction.mismatches : [interaction.notVerified];
      return {
        check: interaction.notVerified === undefined ? 'pact-mismatch' : 'pact-not-verified',
        severity: 'error',
        instancePath: '',
        message: `${who}: ${differences.join('; ') || 'the verifier gave no reason'}`,
        ...(interaction.consumer === undefined ? {} : { consumer: interaction.consumer }),
        interaction: interaction.description,
        differences,
      };
    });
  for (const failure of result.stateFailures.filter((f) => f.phase === 'teardown'))
    findings.push({
      check: 'pact-state-teardown',
      severity: 'error',
      instancePath: '',
      message: `provider state "${failure.state}" was not torn down: ${failure.message}`,
      interaction: '',
      differences: [failure.message],
    });
  return findings;
}

/**
 * Exit 1 when an interaction the provider was put in the state for did not match (or a teardown
 * left data behind, as `hsac run`'s cleanup check fails a run); else 3 when some interaction could
 * not be verified (inconclusive: nothing was judged); else 0.
 */
function exitCodeOf(findings: readonly PactFinding[]): number {
  if (findings.some((f) => f.check !== 'pact-not-verified')) return EXIT.nonConformant;
  return findings.length > 0 ? EXIT.inconclusive : EXIT.ok;
}

const VERDICTS: Readonly<Record<number, string>> = {
  [EXIT.ok]: 'PASS',
  [EXIT.nonConformant]: 'FAIL',
  [EXIT.inconclusive]: 'INCONCLUSIVE',
};

function summary(
  result: VerificationResult,
  findings: readonly PactFinding[],
  code: number,
  where: { provider: string; pacts: readonly PactFileSummary[] },
  colour: boolean,
): string {
  const failed = findings.filter((f) => f.check === 'pact-mismatch').length;
  const notVerified = findings.filter((f) => f.check === 'pact-not-verified').length;
  const verified = result.interactions.filter((i) => i.ok).length;
  const verdict = paintVerdict(VERDICTS[code] ?? 'FAIL', colour);
  const counts = `${verified} verified, ${failed} failed, ${notVerified} not verified`;
  // The native verifier reports a pact file's interactions only when it ends: those of the file a stop cut are unknown.
  const cut = result.cutPactFile === undefined ? undefined : where.pacts.find((p) => p.file === result.cutPactFile);
  const tally =
    cut === undefined
      ? `${result.interactions.length} interactions: ${counts}`
      : `${result.interactions.length} interactions judged: ${counts}; the ${cut.interactions.length} of ` +
        `${cut.file} verified before the stop are unknown: the verifier was cut`;
  const lines = [
    `hsac pact verify: ${verdict} (${tally})`,
    `  provider  ${where.provider}`,
    ...where.pacts.map(
      (pact) => `  pact      ${pact.file} (${pact.consumer}, ${pact.interactions.length} interactions)`,
    ),
    ...(result.stoppedByProvider === undefined ? [] : [`  stopped   by the provider: ${result.stoppedByProvider}`]),
    ...(result.stopped ? [`  stopped   ${STOPPED_LINE}`] : []),
  ];
  return `${lines.join('\n')}\n${findingLines(findings)}`;
}

/**
 * Imports the verifier on demand: `@pact-foundation/pact` (its native core) is needed by this command alone, and an
 * install without it (`--omit` of a platform package) must still run every other command.
 */
async function loadVerifier(): Promise<typeof VerifyModule> {
  try {
    // Loading it sets PACT_DO_NOT_TRACK=true in this process (the native verifier reads it when it runs).
    return await import('../pact/verify.js');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND')
      throw new UsageError(
        'hsac pact verify needs @pact-foundation/pact 16, a dependency of hsac that is missing here: reinstall hsac',
      );
    throw error;
  }
}

/**
 * `--max-wait` and `--timeout-ms` mean what `hsac run`'s do (config `run.maxWait`, `run.timeoutMs`), so they are
 * bounded by the same schema.
 */
function checkFlagsAgainstSchema(flags: PactVerifyFlags): void {
  const given = { maxWait: flags.maxWait, timeoutMs: flags.timeoutMs };
  const names: Record<string, string> = { maxWait: '--max-wait', timeoutMs: '--timeout-ms' };
  const problems = settingProblems('run', given);
  if (problems.length === 0) return;
  const said = problems.map(
    ({ key, message }) => `${names[key] ?? key} ${message}, got ${String(given[key as keyof typeof given])}`,
  );
  throw new UsageError(
    `${said.join('; ')} (the bounds of run.maxWait and run.timeoutMs in schemas/config/hsac.config.schema.json)`,
  );
}

/** With nothing new for this long, the console says what the verification is waiting on (a provider that hangs). */
const QUIET_NOTICE_MS = 5000;

/**
 * What the verification is doing now, said on stderr when it has not changed for {@link QUIET_NOTICE_MS}: a hanging
 * provider is never a silent wait. `stop()` ends the notices.
 */
function quietNotices(io: Io, timeoutMs: number): { doing(what: string): void; stop(): void } {
  let what = '';
  let since = Date.now();
  const timer = setInterval(() => {
    const quiet = Date.now() - since;
    if (what === '' || quiet < QUIET_NOTICE_MS) return;
    io.err(
      `hsac pact verify: still ${what} after ${Math.round(quiet / 1000)} s ` +
        `(each request times out after ${timeoutMs / 1000} s; Ctrl-C stops)\n`,
    );
  }, QUIET_NOTICE_MS);
  timer.unref();
  return {
    doing(now) {
      what = now;
      since = Date.now();
    },
    stop: () => clearInterval(timer),
  };
}

/** Why nothing was verified when the provider's own answers end the check (a wait over the bound, a daily limit). */
function stoppedByProvider(error: unknown): string | undefined {
  if (error instanceof WaitTooLong) return `${error.message}; raise --max-wait to wait it out`;
  if (error instanceof DailyLimitReached) return error.message;
  return undefined;
}

/**
 * Reads the provider's account details and applies `hsac run`'s safety rule (`refuseUnsafeTarget`) before any
 * state writes to it: a portal that is not a sandbox or developer test account is refused (exit 2) unless
 * `--allow-production-portal` is given. Returns the exit code when the verification cannot go on, else undefined.
 */
async function checkProvider(
  api: SetupApi,
  where: string,
  allowProductionPortal: boolean,
  io: Io,
): Promise<number | undefined> {
  let details: AccountDetailsReply;
  try {
    details = await api.accountDetails();
  } catch (error) {
    const why = stoppedByProvider(error);
    if (why === undefined) throw error;
    io.err(`hsac pact verify: the provider at ${where} ended the check: ${why}; nothing verified\n`);
    return EXIT.inconclusive;
  }
  if (!details.answered) {
    io.err(`hsac pact verify: the provider at ${where} cannot be reached (${details.failure}); nothing verified\n`);
    return EXIT.inconclusive;
  }
  let inconclusive: string | undefined;
  try {
    inconclusive = refuseUnsafeTarget(
      { ...details, accountType: field(details.body, 'accountType') },
      allowProductionPortal,
    );
  } catch (error) {
    if (error instanceof RunRefused) throw new UsageError(`${error.message}; nothing was written`);
    throw error;
  }
  if (inconclusive === undefined) return undefined;
  io.err(`hsac pact verify: the provider at ${where}: ${inconclusive}; nothing written, nothing verified\n`);
  return EXIT.inconclusive;
}

/** The stderr line of a stop, and the summary's. */
const STOPPED_LINE =
  'stopped before every interaction was verified: the rest were not judged; what the provider states had set up ' +
  'was undone';

async function pactVerify(flags: PactVerifyFlags, io: Io): Promise<number> {
  const external = flags.providerBaseUrl;
  if (external !== undefined && flags.fault.length > 0)
    throw new UsageError('--fault plants a fault in the embedded sandbox; it cannot go with --provider-base-url');
  checkFlagsAgainstSchema(flags);
  const pacts = (() => {
    try {
      return resolvePactFiles(flags.pact.length > 0 ? flags.pact : [pactsDir()]);
    } catch (error) {
      if (error instanceof PactFileError) throw new UsageError(error.message);
      throw error;
    }
  })();
  const token = external === undefined ? undefined : (flags.token ?? process.env.HUBSPOT_ACCESS_TOKEN);
  if (external !== undefined && (token === undefined || token === ''))
    throw new UsageError(
      'a provider needs a token: --token or HUBSPOT_ACCESS_TOKEN (the states set up data through its API)',
    );
  const { verifyPacts, VerifierDidNotRun, DEFAULT_PACT_TIMEOUT_MS } = await loadVerifier();

  let sandbox: Sandbox | undefined;
  if (external === undefined)
    try {
      sandbox = await startVerificationSandbox(flags.fault);
    } catch (error) {
      if (error instanceof UnknownFaultError) throw new UsageError(error.message);
      throw error;
    }
  // The first SIGINT/SIGTERM ends any wait and the native verifier; the states set up are undone (waits capped), the
  // summary printed: exit 3. A second one exits at once.
  const stopWatch = watchForStop({
    onStop: (cause) =>
      io.err(
        `hsac pact verify: ${describeStop(cause)}: stopping: ending the verification, undoing the provider states, ` +
          `printing the summary (a second SIGINT/SIGTERM exits at once, ` +
          `${exitCodeAfterSignal('SIGINT')}/${exitCodeAfterSignal('SIGTERM')})\n`,
      ),
  });
  const timeoutMs = flags.timeoutMs ?? DEFAULT_PACT_TIMEOUT_MS;
  const notices = quietNotices(io, timeoutMs);
  try {
    const providerBaseUrl = external ?? sandbox?.url ?? '';
    const providerToken = token ?? sandbox?.token ?? '';
    const waits = {
      timeoutMs,
      ...(flags.maxWait === undefined ? {} : { maxWaitMs: flags.maxWait * 1000 }),
      // Every retry is said, however short its backoff: the attempt before it may have taken the whole timeout.
      onWait: (wait: WaitNotice) => io.err(waitLine('hsac pact verify', wait, { everyRetry: true })),
    };
    notices.doing(`waiting for the provider's account details (${providerBaseUrl})`);
    const api = setupApi({ baseUrl: providerBaseUrl, token: providerToken, ...waits, signal: stopWatch.signal });
    let refused: number | undefined;
    try {
      refused = await checkProvider(api, providerBaseUrl, flags.allowProductionPortal === true, io);
    } catch (error) {
      if (!(error instanceof SendInterrupted)) throw error;
      io.err('hsac pact verify: stopped while checking the provider, before any state was set up; nothing verified\n');
      return EXIT.inconclusive;
    }
    if (refused !== undefined) return refused;
    let result: VerificationResult;
    try {
      result = await verifyPacts({
        pactFiles: pacts.map((pact) => pact.file),
        providerBaseUrl,
        token: providerToken,
        ...waits,
        onActivity: (what) => notices.doing(what),
        signal: stopWatch.signal,
      });
    } catch (error) {
      if (!(error instanceof VerifierDidNotRun)) throw error;
      io.err(`hsac pact verify: ${error.message}\n`);
      return EXIT.inconclusive;
    }
    notices.stop();
    if (result.stoppedByProvider !== undefined)
      io.err(
        `hsac pact verify: the provider at ${providerBaseUrl} ended the verification: ${result.stoppedByProvider}; ` +
          `${result.stoppedByProvider.includes('maxWaitMs') ? 'raise --max-wait to wait it out; ' : ''}` +
          'nothing more was sent\n',
      );
    const findings = pactFindings(result);
    const code = result.stopped ? EXIT.inconclusive : exitCodeOf(findings);
    if (flags.json) {
      const document = { ok: code === EXIT.ok, ...(result.stopped ? { stopped: true } : {}), findings };
      io.out(`${JSON.stringify(document, null, 2)}\n`);
    } else {
      const faults = sandbox && sandbox.faults.length > 0 ? `, faults: ${sandbox.faults.join(', ')}` : '';
      const provider = sandbox ? `embedded sandbox ${sandbox.url}${faults}` : providerBaseUrl;
      io.out(summary(result, findings, code, { provider, pacts }, io.colour === true));
    }
    return code;
  } finally {
    notices.stop();
    stopWatch.dispose();
    await sandbox?.stop();
  }
}

/** `hsac pact verify`: verify pact files against a provider (exit 0 verified, 1 mismatch, 2 usage, 3 unreachable). */
export function register(program: Command, io: Io, exit: ExitSlot): void {
  const pact = program.command('pact').description('Pact contracts: the consumer pacts hsac ships');
  pact
    .command('verify')
    .description(
      "verify pact files against a provider, setting each interaction's provider state up through the provider's API",
    )
    .option(
      '--provider-base-url <url>',
      'the provider, e.g. https://api.hubapi.com (default: an embedded reference sandbox, started and stopped)',
      parseBaseUrl,
    )
    .option(
      '--pact <file|dir>',
      "a pact file or a directory of them; repeat for several (default: hsac's pacts/)",
      collect,
      [],
    )
    .option('--token <token>', "the provider's access token (default HUBSPOT_ACCESS_TOKEN); never printed or written")
    .option(
      '--fault <name>',
      'plant a fault in the embedded sandbox (see hsac sandbox --list-faults); repeatable',
      collect,
      [],
    )
    .option(
      '--allow-production-portal',
      'set states up even when the portal is not a sandbox or developer test account (as hsac run)',
    )
    .option(
      '--max-wait <seconds>',
      'the longest single wait of a state set-up (Retry-After, backoff); a longer one is inconclusive (default 60)',
      parsePositiveInt,
    )
    .option(
      '--timeout-ms <ms>',
      "per-request timeout of the state set-up calls and of the verifier's requests, its state-change calls " +
        '(a whole set-up) included (default 60000)',
      parsePositiveInt,
    )
    .option('--json', 'print { ok, findings } as JSON: one finding per interaction that did not pass')
    .addHelpText(
      'after',
      '\nThe pacts send a placeholder token; the real one replaces it in memory at verification time.\n' +
        'Before any state is set up, the provider must say it is a sandbox or developer test account ' +
        '(account details), as for hsac run.\n' +
        'Exit codes: 0 every interaction verified, 1 a mismatch (or a state not torn down), ' +
        '2 usage error (no such pact, not a pact, a production portal), ' +
        '3 inconclusive (provider unreachable, a state not set up, a wait over --max-wait, stopped).\n' +
        'Stopping: one SIGINT/SIGTERM ends the verification, undoes the states set up and prints the summary ' +
        `(exit 3); a second one exits at once (${exitCodeAfterSignal('SIGINT')}/${exitCodeAfterSignal('SIGTERM')}).\n` +
        'Example: hsac pact verify --provider-base-url https://api.hubapi.com --pact pacts/',
    )
    .action(async (flags: PactVerifyFlags) => {
      exit.code = await pactVerify(flags, io);
    });
}
