import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { FAULTS, startSandbox, UnknownFaultError, type Sandbox, type SandboxOptions } from '../../provider/index.js';
import { API_VERSIONS, auxiliaryOperation, DEFAULT_API_VERSION } from '../catalogue/index.js';
import { settingProblems } from '../config/run-config.js';
import { CONSUMER_NAMES, CONTRACT_TOKEN, pactFileName, pactsDir } from '../pact/names.js';
import { PROVIDER_STATES_PATH, StateChangeEndpoint } from '../pact/states/state-change.js';
import { VERIFICATION_RATE_LIMIT } from '../pact/verification-sandbox.js';
import { describeStop, EXIT, parsePositiveInt, UsageError, watchForStop, type ExitSlot, type Io } from './common.js';

/** The parsed options of `hsac sandbox`. */
export interface SandboxCommandOptions {
  port: number;
  fault: string[];
  listFaults?: boolean;
  rateLimit?: number;
  token?: string;
  seed?: number;
  pageSize?: number;
  slowResponseMs?: number;
  accountType?: string;
  providerStates?: boolean;
}

function parsePort(value: string): number {
  if (!/^[0-9]{1,5}$/.test(value) || Number(value) > 65_535)
    throw new InvalidArgumentError('must be a port number, 0-65535 (0: any free port)');
  return Number(value);
}

/** `N` or `N/10s`: requests per ten-second window (HubSpot's TEN_SECONDLY_ROLLING). */
function parseRateLimit(value: string): number {
  const match = /^([1-9][0-9]{0,8})(?:\/10s)?$/.exec(value);
  if (!match?.[1]) throw new InvalidArgumentError('must be N/10s, e.g. 100/10s');
  return Number(match[1]);
}

function parseWhole(value: string): number {
  if (!/^[0-9]{1,10}$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** One line per fault: name, kind, what it changes, and the checks that must catch it. */
function faultListing(): string {
  const width = Math.max(...FAULTS.map((fault) => fault.name.length)) + 2;
  return FAULTS.map(
    (fault) =>
      `${fault.name.padEnd(width)}${fault.kind.padEnd(11)}${fault.description}  [${fault.triggers.join(', ')}]\n`,
  ).join('');
}

/** What `hsac sandbox` prints once listening: the URL and token first, as scripts read them. */
function startBanner(sandbox: Sandbox, providerStates: boolean): string {
  const details = auxiliaryOperation('account-details', DEFAULT_API_VERSION);
  const limit = sandbox.rateLimit;
  return [
    `hsac sandbox: listening on ${sandbox.url}`,
    `  url          ${sandbox.url}`,
    `  token        ${sandbox.token}`,
    `  faults       ${sandbox.faults.length === 0 ? 'none (clean)' : sandbox.faults.join(', ')}`,
    `  rate limit   ${limit.max} requests / ${limit.intervalMs / 1000} s per token, ${limit.daily.toLocaleString('en-US')} / day`,
    `  versions     ${API_VERSIONS.join(', ')}`,
    `  try          curl -s -H 'Authorization: Bearer ${sandbox.token}' ${sandbox.url}${details.pathTemplate}`,
    ...(providerStates ? providerStatesLines(sandbox) : []),
    'Stop with Ctrl-C (SIGINT) or SIGTERM.',
    '',
  ].join('\n');
}

/**
 * The banner's lines for `--provider-states`: the endpoint, and how Pact's CLI verifier is pointed at it (`-f` per
 * shipped pact: `-d` would read every file of the directory, its README too).
 */
function providerStatesLines(sandbox: Sandbox): string[] {
  const port = new URL(sandbox.url).port;
  const files = CONSUMER_NAMES.map((consumer) => `-f ${join(pactsDir(), pactFileName(consumer))}`);
  return [
    `  states       ${sandbox.url}${PROVIDER_STATES_PATH}`,
    `  pact         pact-verifier -h 127.0.0.1 -p ${port} -s ${sandbox.url}${PROVIDER_STATES_PATH} ` +
      `--state-change-teardown ${files.join(' ')}`,
  ];
}

/**
 * What `--provider-states` changes: Pact's provider-state-change endpoint on the sandbox itself,
 * over hsac's state handlers. The pacts' requests carry the contract's placeholder token (a pact
 * file holds no credential), and Pact's CLI cannot swap it for another without also replacing the
 * 401 interactions' revoked token, so the sandbox accepts the placeholder unless `--token` says
 * otherwise. The state set-ups create hundreds of records through the API: the rate limit is the
 * pact verification's own (no verification is about rate limits) unless `--rate-limit` is given.
 */
function providerStatesOptions(options: SandboxCommandOptions): Partial<SandboxOptions> {
  if (!options.providerStates) return {};
  const endpoint = new StateChangeEndpoint();
  return {
    token: options.token ?? CONTRACT_TOKEN,
    rateLimit: { max: options.rateLimit ?? VERIFICATION_RATE_LIMIT },
    sideRoutes: [
      {
        method: 'POST',
        path: PROVIDER_STATES_PATH,
        handle: (request) => endpoint.handle(request.body, request.origin),
      },
    ],
  };
}

/** Resolves when `signal` aborts. */
function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * `--seed` and `--page-size` mean what the config's `run.seed` and `run.sandboxPageSize` mean (the
 * embedded sandbox of `hsac run` takes them from there), so they are bounded by the same schema.
 */
function checkFlagsAgainstSchema(options: SandboxCommandOptions): void {
  const flags: Record<string, string> = { seed: '--seed', sandboxPageSize: '--page-size' };
  const given = { seed: options.seed, sandboxPageSize: options.pageSize };
  const problems = settingProblems('run', given);
  if (problems.length === 0) return;
  const said = problems.map(
    ({ key, message }) => `${flags[key] ?? key} ${message}, got ${String(given[key as keyof typeof given])}`,
  );
  throw new UsageError(
    `${said.join('; ')} (the bounds of run.seed and run.sandboxPageSize in schemas/config/hsac.config.schema.json)`,
  );
}

/**
 * Runs the sandbox until `until` resolves (default: a signal or the parent exiting), printing the banner and a last
 * line on a clean stop. Usage problems (an unknown fault, a bad token, a busy port) are
 * `UsageError`s: one line, exit 2.
 */
export async function runSandboxCommand(
  options: SandboxCommandOptions,
  io: Io,
  until?: (sandbox: Sandbox) => Promise<void>,
): Promise<number> {
  if (options.listFaults) {
    io.out(faultListing());
    return EXIT.ok;
  }
  checkFlagsAgainstSchema(options);
  const sandboxOptions: SandboxOptions = {
    port: options.port,
    faults: options.fault,
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.rateLimit === undefined ? {} : { rateLimit: { max: options.rateLimit } }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(options.accountType === undefined ? {} : { accountType: options.accountType }),
    ...(options.slowResponseMs === undefined ? {} : { faultOptions: { slowResponseMs: options.slowResponseMs } }),
    ...providerStatesOptions(options),
  };
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox(sandboxOptions);
  } catch (error) {
    if (error instanceof UnknownFaultError || error instanceof RangeError) throw new UsageError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${options.port} is already in use`);
    if (code === 'EACCES') throw new UsageError(`port ${options.port} needs privileges; use a port above 1023 or 0`);
    throw error;
  }
  // By default it serves until SIGINT/SIGTERM or until its parent process exits (a sandbox must
  // not outlive whoever started it); a second signal while it stops exits at once (130/143).
  const watch = until
    ? undefined
    : watchForStop({ onStop: (cause) => io.err(`hsac sandbox: ${describeStop(cause)}: stopping\n`) });
  try {
    io.out(startBanner(sandbox, options.providerStates === true));
    await (watch ? aborted(watch.signal) : until?.(sandbox));
    const served = sandbox.requestCount();
    await sandbox.stop();
    io.out(`hsac sandbox: stopped after ${served} request${served === 1 ? '' : 's'}\n`);
    return EXIT.ok;
  } finally {
    watch?.dispose();
  }
}

/** `hsac sandbox`: DESIGN.md's `[--port P] [--fault NAME]...` plus the sandbox's own settings. */
export function register(program: Command, io: Io, exit: ExitSlot): void {
  program
    .command('sandbox')
    .description(
      'run the reference sandbox (an in-memory HubSpot-like API, optionally with planted faults) on 127.0.0.1',
    )
    .option('--port <port>', 'TCP port (0: any free port)', parsePort, 0)
    .option('--fault <name>', 'plant a named fault; repeat for several (see --list-faults)', collect, [])
    .option('--list-faults', 'print every fault, one line each, and exit')
    .option('--rate-limit <n/10s>', 'requests per 10 s per token (default 100/10s)', parseRateLimit)
    .option('--token <token>', 'the bearer token to accept (default: a new one per start)')
    .option('--seed <n>', 'seed of the data and ids (default 42)', parseWhole)
    .option('--page-size <n>', 'associations per batch-read page (default 500)', parsePositiveInt)
    .option('--slow-response-ms <ms>', 'delay of the slow-response fault (default 35000)', parseWhole)
    .option('--account-type <type>', 'accountType reported by account details (default SANDBOX)')
    .option(
      '--provider-states',
      `serve Pact's provider-state-change endpoint at ${PROVIDER_STATES_PATH} ` +
        "(for pact-verifier --state-change-url); the token defaults to the pacts' placeholder " +
        `(${CONTRACT_TOKEN}), the rate limit to ${VERIFICATION_RATE_LIMIT}/10s`,
    )
    .addHelpText(
      'after',
      '\nPrints its URL and token, serves until SIGINT or SIGTERM (or until its parent process exits), then exits 0; a second signal exits at once (130/143).\nThe seed and page size are bounded like run.seed and run.sandboxPageSize in the config schema.\nExit codes: 0 clean stop, 2 usage error (unknown fault, busy port, bad option).\nExample: hsac sandbox --port 8080 --fault missing-completedAt --fault content-type-text',
    )
    .action(async (options: SandboxCommandOptions) => {
      exit.code = await runSandboxCommand(options, io);
    });
}
