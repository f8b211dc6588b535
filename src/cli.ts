import { toolVersion } from './paths.js';
import { Command, CommanderError } from 'commander';
import { CatalogueError } from './catalogue/index.js';
import { defaultIo, EXIT, UsageError, type ExitSlot, type Io } from './commands/common.js';
import { register as registerAuditDiff } from './commands/audit-diff.js';
import { register as registerAuditDrift } from './commands/audit-drift.js';
import { register as registerAuditStructure } from './commands/audit-structure.js';
import { register as registerCleanup } from './commands/cleanup.js';
import { register as registerGate } from './commands/gate.js';
import { register as registerPactVerify } from './commands/pact-verify.js';
import { register as registerReplay } from './commands/replay.js';
import { register as registerReportMerge } from './commands/report-merge.js';
import { register as registerRun } from './commands/run.js';
import { register as registerSandbox } from './commands/sandbox.js';
import { register as registerValidate } from './commands/validate.js';
import { guardOutput, RedactionFailure, scopeRedactor, withheldOutputs, withSecretScope } from './transport/redact.js';
import { SchemaLoadError } from './validate/index.js';

export { EXIT } from './commands/common.js';

/** Builds the `hsac` program: one module per command, registered here in DESIGN.md's order. */
function program(io: Io, exit: ExitSlot): Command {
  const root = new Command('hsac')
    .description("hsac: contract and conformance tests for HubSpot's CRM Associations batch API")
    .version(toolVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  registerRun(root, io, exit);
  registerValidate(root, io, exit);
  const audit = root.command('audit').description('audit schema documents and API versions');
  registerAuditStructure(audit, io, exit);
  registerAuditDiff(audit, io, exit);
  registerAuditDrift(audit, io, exit);
  registerSandbox(root, io, exit);
  registerCleanup(root, io, exit);
  registerReportMerge(root, io, exit);
  registerReplay(root, io, exit);
  registerGate(root, io, exit);
  registerPactVerify(root, io, exit);
  return root;
}

/**
 * The tokens an invocation guards from the start: `--token` (both `--token T` and `--token=T`) and
 * `HUBSPOT_ACCESS_TOKEN`. Clients add theirs when they are built (an embedded sandbox's). `hsac
 * sandbox` guards none: it sends no token anywhere, and the token it prints is its own (a sandbox
 * token: printing it is the point).
 */
function invocationSecrets(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  if (argv[0] === 'sandbox') return [];
  const secrets = [env.HUBSPOT_ACCESS_TOKEN];
  argv.forEach((arg, index) => {
    if (arg === '--token') secrets.push(argv[index + 1]);
    else if (arg.startsWith('--token=')) secrets.push(arg.slice('--token='.length));
  });
  return secrets.filter((secret): secret is string => typeof secret === 'string' && secret !== '');
}

/**
 * The console as the commands see it: every text passes the final scan before it is printed. One
 * that would show the token in any form is not printed, and `RedactionFailure` is thrown (and kept
 * in the scope, for a caller that swallows it, e.g. a wait notice's listener).
 */
function guardedIo(io: Io, printed: Set<string>): Io {
  const guard =
    (stream: 'stdout' | 'stderr', write: (text: string) => void) =>
    (text: string): void => {
      write(guardOutput(`a line on ${stream}`, text));
      // What was said already need not be said again at the end (a command that reported a withheld report itself).
      if (text.includes('not written'))
        for (const artifact of withheldOutputs().flatMap((failure) => failure.artifacts))
          if (text.includes(artifact)) printed.add(artifact);
    };
  return {
    out: guard('stdout', io.out),
    err: guard('stderr', io.err),
    stdin: io.stdin,
    ...(io.colour !== undefined ? { colour: io.colour } : {}),
  };
}

/** Says what was withheld, once per artifact (the message never holds the token), and gives exit 3 (inconclusive). */
function withheldExit(io: Io, failures: readonly RedactionFailure[], printed: Set<string>): number {
  for (const failure of failures) {
    if (failure.artifacts.every((artifact) => printed.has(artifact))) continue;
    io.err(`hsac: ${failure.message}\n`);
    for (const artifact of failure.artifacts) printed.add(artifact);
  }
  return EXIT.inconclusive;
}

/**
 * Runs hsac with `argv` (without `node` and the script) and resolves to the exit code. Usage and
 * configuration problems print one line and give 2; nothing prints a stack trace.
 *
 * The invocation runs in a secret scope (`withSecretScope`): every report, journal line and console
 * line it writes passes the final scan for the token in every form. Anything withheld makes the exit
 * code 3, with one line per artifact saying it was not written.
 */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  return withSecretScope(invocationSecrets(argv, process.env), () => mainInScope(argv, io));
}

async function mainInScope(argv: readonly string[], rawIo: Io): Promise<number> {
  const printed = new Set<string>();
  const io = guardedIo(rawIo, printed);
  const exit: ExitSlot = { code: EXIT.ok };
  try {
    await program(io, exit).parseAsync([...argv], { from: 'user' });
    const withheld = withheldOutputs();
    return withheld.length > 0 ? withheldExit(rawIo, withheld, printed) : exit.code;
  } catch (error) {
    // A command let it through (e.g. from `writeReports`): say it, and whatever else was withheld.
    if (error instanceof RedactionFailure) return withheldExit(rawIo, [error, ...withheldOutputs()], printed);
    try {
      return handled(error, io);
    } catch (failure) {
      // Saying what went wrong would itself have shown the token (a usage error quoting it).
      if (failure instanceof RedactionFailure) return withheldExit(rawIo, withheldOutputs(), printed);
      throw failure;
    }
  }
}

/** The exit code for an error a command threw; rethrows what is a bug (with any secret taken out of its message). */
function handled(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // Help and version are successes; every other parse failure is a usage error (commander
    // would say 1, which DESIGN.md reserves for non-conformance).
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    )
      return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof UsageError || error instanceof CatalogueError) {
    io.err(`hsac: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof SchemaLoadError) {
    io.err(`hsac: schema error: ${error.message}\n`);
    return EXIT.usage;
  }
  // A bug: bin/hsac.js prints its message (and its stack under HSAC_DEBUG), so neither may hold the token.
  if (error instanceof Error) {
    const redactor = scopeRedactor();
    error.message = redactor.text(error.message);
    if (error.stack !== undefined) error.stack = redactor.text(error.stack);
  }
  throw error;
}
