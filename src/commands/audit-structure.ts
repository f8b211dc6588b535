import type { Command } from 'commander';
import { lintStructure, type StructureIssue } from '../structure/index.js';
import { DEFAULT_BODY_LIMITS, readBody } from '../validate/index.js';
import { countLine, EXIT, findingLines, readInput, type ExitSlot, type FindingLine, type Io } from './common.js';

/**
 * A lint issue as this command reports it: under the structure linter's own code (`BARE_REF`,
 * `DOCUMENT_NOT_JSON`, ...), not a check of the registry, so it is not a `Finding`.
 */
type StructureFinding = FindingLine;

function issueAsFinding(issue: StructureIssue): StructureFinding {
  return { check: issue.code, severity: issue.severity, instancePath: issue.path, message: issue.message };
}

function runAuditStructure(file: string, options: { json?: boolean }, io: Io): number {
  const input = readInput(file, io, DEFAULT_BODY_LIMITS.maxBytes);
  const read = input.truncatedSize === undefined ? readBody(input.bytes) : undefined;
  let findings: StructureFinding[];
  if (!read)
    findings = [
      {
        check: 'DOCUMENT_TOO_LARGE',
        severity: 'error',
        instancePath: '',
        message: `document is ${input.truncatedSize} bytes; not read`,
      },
    ];
  else if (!read.ok) findings = read.findings.map((f) => ({ ...f, check: 'DOCUMENT_NOT_JSON' }));
  else findings = lintStructure(read.value).map(issueAsFinding);
  const ok = !findings.some((f) => f.severity === 'error');
  if (options.json) {
    io.out(`${JSON.stringify({ ok, findings }, null, 2)}\n`);
  } else {
    io.out(`hsac audit structure ${file}: ${ok ? 'valid' : 'INVALID'} JSON Structure (${countLine(findings)})\n`);
    io.out(findingLines(findings));
  }
  return ok ? EXIT.ok : EXIT.nonConformant;
}

/** `hsac audit structure FILE [--json]`: lint a JSON Structure document; exit 1 when it is invalid. */
export function register(audit: Command, io: Io, exit: ExitSlot): void {
  audit
    .command('structure')
    .description('lint a JSON Structure document: bare $refs, unresolved references, objects without properties, ...')
    .option('--json', 'print one JSON document { ok, findings } on stdout')
    .argument('<file>', 'a JSON Structure document, or - for stdin')
    .addHelpText('after', '\nExit codes: 0 valid (warnings allowed), 1 invalid, 2 usage error.')
    .action((file: string, options: { json?: boolean }) => {
      exit.code = runAuditStructure(file, options, io);
    });
}
