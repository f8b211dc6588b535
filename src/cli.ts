import { Command, CommanderError } from 'commander';
import { CatalogueError } from './catalogue/index.js';
import { defaultIo, EXIT, UsageError, type ExitSlot, type Io } from './commands/common.js';
import { register as registerAuditDiff } from './commands/audit-diff.js';
import { register as registerAuditDrift } from './commands/audit-drift.js';
import { register as registerAuditStructure } from './commands/audit-structure.js';
import { register as registerCleanup } from './commands/cleanup.js';
import { register as registerGate } from './commands/gate.js';
import { register as registerReportMerge } from './commands/report-merge.js';
import { register as registerRun } from './commands/run.js';
import { register as registerSandbox } from './commands/sandbox.js';
import { register as registerValidate } from './commands/validate.js';
import { SchemaLoadError } from './validate/index.js';

export { EXIT } from './commands/common.js';

/** Builds the `hsac` program: one module per command, registered here in DESIGN.md's order. */
function program(io: Io, exit: ExitSlot): Command {
  const root = new Command('hsac')
    .description("hsac: contract and conformance tests for HubSpot's CRM Associations batch API")
    .version(process.env.npm_package_version ?? '0.1.0', '--version')
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
  registerGate(root, io, exit);
  return root;
}

/**
 * Runs hsac with `argv` (without `node` and the script) and resolves to the exit code. Usage and
 * configuration problems print one line and give 2; nothing prints a stack trace.
 */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const exit: ExitSlot = { code: EXIT.ok };
  try {
    await program(io, exit).parseAsync([...argv], { from: 'user' });
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; every other parse failure is a usage error (commander
      // would say 1, which DESIGN.md reserves for non-conformance).
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
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
    throw error;
  }
}
