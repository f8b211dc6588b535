import { InvalidArgumentError, type Command } from 'commander';
import { UnknownFaultError, type Sandbox } from '../../provider/index.js';
import { pactsDir } from '../pact/names.js';
import { PactFileError, resolvePactFiles, type PactFileSummary } from '../pact/pact-files.js';
import { setupApi } from '../pact/states/index.js';
import { startVerificationSandbox } from '../pact/verification-sandbox.js';
import type * as VerifyModule from '../pact/verify.js';
import type { VerificationResult } from '../pact/verify.js';
import { paintVerdict } from '../report/index.js';
import { EXIT, findingLines, UsageError, type ExitSlot, type FindingLine, type Io } from './common.js';

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
  const lines = [
    `hsac pact verify: ${verdict} (${result.interactions.length} interactions: ` +
      `${verified} verified, ${failed} failed, ${notVerified} not verified)`,
    `  provider  ${where.provider}`,
    ...where.pacts.map(
      (pact) => `  pact      ${pact.file} (${pact.consumer}, ${pact.interactions.length} interactions)`,
    ),
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

async function pactVerify(flags: PactVerifyFlags, io: Io): Promise<number> {
  const external = flags.providerBaseUrl;
  if (external !== undefined && flags.fault.length > 0)
    throw new UsageError('--fault plants a fault in the embedded sandbox; it cannot go with --provider-base-url');
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
  const { verifyPacts, VerifierDidNotRun } = await loadVerifier();

  let sandbox: Sandbox | undefined;
  if (external === undefined)
    try {
      sandbox = await startVerificationSandbox(flags.fault);
    } catch (error) {
      if (error instanceof UnknownFaultError) throw new UsageError(error.message);
      throw error;
    }
  try {
    const providerBaseUrl = external ?? sandbox?.url ?? '';
    const providerToken = token ?? sandbox?.token ?? '';
    const unreachable = await setupApi({ baseUrl: providerBaseUrl, token: providerToken }).unreachable();
    if (unreachable !== undefined) {
      io.err(
        `hsac pact verify: the provider at ${providerBaseUrl} cannot be reached (${unreachable}); nothing verified\n`,
      );
      return EXIT.inconclusive;
    }
    let result: VerificationResult;
    try {
      result = await verifyPacts({ pactFiles: pacts.map((pact) => pact.file), providerBaseUrl, token: providerToken });
    } catch (error) {
      if (!(error instanceof VerifierDidNotRun)) throw error;
      io.err(`hsac pact verify: ${error.message}\n`);
      return EXIT.inconclusive;
    }
    const findings = pactFindings(result);
    const code = exitCodeOf(findings);
    if (flags.json) {
      io.out(`${JSON.stringify({ ok: code === EXIT.ok, findings }, null, 2)}\n`);
    } else {
      const faults = sandbox && sandbox.faults.length > 0 ? `, faults: ${sandbox.faults.join(', ')}` : '';
      const provider = sandbox ? `embedded sandbox ${sandbox.url}${faults}` : providerBaseUrl;
      io.out(summary(result, findings, code, { provider, pacts }, io.colour === true));
    }
    return code;
  } finally {
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
    .option('--json', 'print { ok, findings } as JSON: one finding per interaction that did not pass')
    .addHelpText(
      'after',
      '\nThe pacts send a placeholder token; the real one replaces it in memory at verification time.\n' +
        'Exit codes: 0 every interaction verified, 1 a mismatch (or a state not torn down), ' +
        '2 usage error (no such pact, not a pact), 3 inconclusive (provider unreachable, a state not set up).\n' +
        'Example: hsac pact verify --provider-base-url https://api.hubapi.com --pact pacts/',
    )
    .action(async (flags: PactVerifyFlags) => {
      exit.code = await pactVerify(flags, io);
    });
}
