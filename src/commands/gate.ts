import { toolVersion } from '../paths.js';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { join, resolve } from 'node:path';
import { readPropertySettings } from '../../properties/settings.js';
import { API_VERSIONS, type ApiVersion } from '../catalogue/index.js';
import { writeReports } from '../report/index.js';
import type { RunResult } from '../runner/result.js';
import { countLine, EXIT, findingLines, UsageError, type ExitSlot, type Io } from './common.js';

interface GateFlags {
  sdk?: string;
  apiVersion?: ApiVersion;
  reportDir?: string;
  json?: boolean;
  seed?: number;
  runs?: number;
}

function parseWhole(value: string): number {
  if (!/^\d{1,10}$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

function parsePositive(value: string): number {
  if (!/^[1-9]\d{0,5}$/.test(value)) throw new InvalidArgumentError('must be a whole number from 1');
  return Number(value);
}

/** The command that reproduces a gate run. */
function replayOf(sdk: string, apiVersion: ApiVersion | undefined, seed: number, runs: number): string {
  return [
    'hsac gate sdk',
    `--sdk ${sdk}`,
    ...(apiVersion ? [`--api-version ${apiVersion}`] : []),
    `--seed ${seed}`,
    `--runs ${runs}`,
  ].join(' ');
}

function summary(result: RunResult, written: readonly string[]): string {
  const lines = [
    `hsac gate sdk: ${result.summary.verdict === 'pass' ? 'COMPATIBLE' : 'INCOMPATIBLE'} (${countLine(result.findings)})`,
    `  sdk ${result.run.target}`,
    `  versions ${result.run.apiVersion}, seed ${result.run.seed}, ${result.run.runs} generated cases per request and status, ${result.summary.exchanges} exchanges`,
  ];
  for (const row of result.checks.filter((c) => c.outcome === 'fail'))
    lines.push(`  FAIL ${row.endpoint} ${row.check} (${row.errors} finding${row.errors === 1 ? '' : 's'})`);
  // Errors first: they decide the verdict; the warnings (versions the SDK lacks, optional fields) follow.
  const ordered = [
    ...result.findings.filter((f) => f.severity === 'error'),
    ...result.findings.filter((f) => f.severity !== 'error'),
  ];
  return `${lines.join('\n')}\n${findingLines(ordered.map((f) => ({ ...f, check: `${f.check} ${f.endpoint ?? ''} ${f.apiVersion ?? ''}`.trim() })))}  reports: ${written.join(', ')}\n  Reproduce with: ${result.run.replay}\n`;
}

async function gateCommand(flags: GateFlags, io: Io, cwd: string): Promise<number> {
  // Loaded here: the gate needs nock and the SDK, which no other command does.
  const { DEFAULT_SDK, GateUsageError, loadSdk, runGate } = await import('../gate/index.js');
  const settings = readPropertySettings();
  const seed = flags.seed ?? settings.seed;
  const runs = flags.runs ?? settings.runs;
  const spec = flags.sdk ?? DEFAULT_SDK;
  try {
    const sdk = loadSdk(spec, cwd);
    if (flags.seed === undefined && !flags.json)
      io.err(`hsac gate sdk: seed ${seed} (${settings.seedSource}; pass --seed to replay)\n`);
    const { result } = await runGate({
      sdk,
      ...(flags.apiVersion ? { apiVersions: [flags.apiVersion] } : {}),
      seed,
      runs,
      replay: replayOf(spec, flags.apiVersion, seed, runs),
      toolVersion: toolVersion(),
    });
    const written = writeReports(result, resolve(cwd, flags.reportDir ?? join('reports', 'gate')));
    if (flags.json)
      io.out(`${JSON.stringify({ ok: result.summary.verdict === 'pass', findings: result.findings }, null, 2)}\n`);
    else io.out(summary(result, written));
    return result.summary.verdict === 'pass' ? EXIT.ok : EXIT.nonConformant;
  } catch (error) {
    if (error instanceof GateUsageError) throw new UsageError(error.message);
    throw error;
  }
}

/** `hsac gate sdk`: the SDK release gate (exit 0 compatible, 1 incompatible, 2 usage error). */
export function register(program: Command, io: Io, exit: ExitSlot): void {
  const gate = program.command('gate').description('release gates');
  gate
    .command('sdk')
    .description(
      'check an SDK against the contract: the requests it sends and how it decodes every answer the contract allows (answers served in-process by nock)',
    )
    .option(
      '--sdk <package|path>',
      'the SDK: an installed package name or a package directory (default @hubspot/api-client)',
    )
    .addOption(
      new Option(
        '--api-version <version>',
        'gate one API version (default: every version; versions the SDK has no method for are warnings, or errors when asked for here)',
      ).choices([...API_VERSIONS]),
    )
    .option('--report-dir <dir>', 'where report.json and junit.xml go (default reports/gate)')
    .option('--json', 'print { ok, findings } as JSON')
    .option('--seed <n>', 'seed of the generated cases (default HSAC_SEED, else random, printed)', parseWhole)
    .option('--runs <n>', 'generated cases per request and per status (default HSAC_RUNS, else 20)', parsePositive)
    .addHelpText(
      'after',
      '\nExit codes: 0 compatible, 1 incompatibility found, 2 usage error (SDK not found, not a HubSpot client).',
    )
    .action(async (flags: GateFlags) => {
      exit.code = await gateCommand(flags, io, process.cwd());
    });
}
