import type { Command } from 'commander';
import { driftReport, readDriftInput } from '../audit/drift.js';
import { renderDriftHuman, renderDriftJson } from '../audit/drift-output.js';
import { AuditInputError } from '../audit/errors.js';
import { EXIT, UsageError, type ExitSlot, type Io } from './common.js';

async function runAuditDrift(file: string, options: { json?: boolean }, io: Io): Promise<number> {
  try {
    const report = await driftReport(readDriftInput(file));
    io.out(options.json ? renderDriftJson(report) : renderDriftHuman(report, file));
    return report.ok ? EXIT.ok : EXIT.nonConformant;
  } catch (error) {
    // A report that is not JSON or has the wrong shape is a usage error: one line, exit 2.
    if (error instanceof AuditInputError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * `hsac audit drift REPORT.json [--json]`: fields and enum values seen that the schemas lack, and schema fields never
 * seen.
 */
export function register(audit: Command, io: Io, exit: ExitSlot): void {
  audit
    .command('drift')
    .description(
      "compare a run's recorded exchanges with hsac's schemas: unknown fields and enum values seen, schema fields never seen",
    )
    .argument(
      '<report>',
      'a report.json with { exchanges: [ { endpoint, apiVersion, request: { method, url, body? }, response: { status, headers?, body? } } ] }',
    )
    .option('--json', 'print the drift report as one JSON document { ok, findings, endpoints, ... }')
    .addHelpText('after', '\nExit codes: 0 nothing seen that the schemas lack, 1 drift found, 2 usage error.')
    .action(async (file: string, options: { json?: boolean }) => {
      exit.code = await runAuditDrift(file, options, io);
    });
}
