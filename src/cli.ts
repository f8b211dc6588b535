import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { API_VERSIONS, CatalogueError, DEFAULT_API_VERSION, ENDPOINT_IDS, operation } from './catalogue/index.js';
import type { Finding } from './finding.js';
import { lintStructure, type StructureIssue } from './structure/index.js';
import { createValidator, DEFAULT_BODY_LIMITS, PROFILES, readBody, SchemaLoadError, type Profile, type ValidationResult } from './validate/index.js';

/** DESIGN.md exit codes: stable, scripts and CI depend on them. */
export const EXIT = { ok: 0, nonConformant: 1, usage: 2, inconclusive: 3 } as const;

/** A usage or configuration problem: one clear line on stderr and exit 2. */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly stdin: () => Buffer;
}

const defaultIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  stdin: () => readLimited(0, DEFAULT_BODY_LIMITS.maxBytes + 1),
};

/** Reads at most `limit` bytes from a file descriptor, so a huge input is never held whole. */
function readLimited(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(1 << 16);
  for (;;) {
    let read: number;
    try {
      read = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw error;
    }
    if (read === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, read)));
    total += read;
    if (total >= limit) break;
  }
  return Buffer.concat(chunks);
}

/** Reads FILE or `-` (stdin); a file over the limit is reported by size without being read whole. */
function readInput(path: string, io: Io, maxBytes: number): { bytes: Buffer; truncatedSize?: number } {
  if (path === '-') {
    const bytes = io.stdin();
    return bytes.byteLength > maxBytes ? { bytes: Buffer.alloc(0), truncatedSize: bytes.byteLength } : { bytes };
  }
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`${path} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (size > maxBytes) return { bytes: Buffer.alloc(0), truncatedSize: size };
  const fd = openSync(path, 'r');
  try {
    return { bytes: readLimited(fd, maxBytes + 1) };
  } finally {
    closeSync(fd);
  }
}

function parseStatus(value: string): number {
  if (!/^[1-5][0-9][0-9]$/.test(value)) throw new InvalidArgumentError('must be an HTTP status code, 100-599');
  return Number(value);
}

function parsePositiveInt(value: string): number {
  if (!/^[1-9][0-9]*$/.test(value)) throw new InvalidArgumentError('must be a positive whole number');
  return Number(value);
}

const SEVERITY_WIDTH = 8;

/** One finding as two lines: severity, check and pointer aligned in columns, then the message. */
function findingLines(findings: readonly Pick<Finding, 'severity' | 'check' | 'instancePath' | 'message'>[]): string {
  const checkWidth = Math.max(0, ...findings.map((finding) => finding.check.length)) + 2;
  return findings
    .map((finding) => {
      const where = finding.instancePath === '' ? '(body)' : finding.instancePath;
      return `  ${finding.severity.padEnd(SEVERITY_WIDTH)}${finding.check.padEnd(checkWidth)}${where}\n      ${finding.message}\n`;
    })
    .join('');
}

function countLine(findings: readonly Pick<Finding, 'severity'>[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

function printResult(io: Io, json: boolean, heading: string, result: ValidationResult, extra: readonly string[] = []): number {
  if (json) {
    io.out(`${JSON.stringify({ ok: result.ok, findings: result.findings }, null, 2)}\n`);
  } else {
    io.out(`${heading}: ${result.ok ? 'PASS' : 'FAIL'} (${countLine(result.findings)})\n`);
    for (const line of extra) io.out(`  note    ${line}\n`);
    io.out(findingLines(result.findings));
  }
  return result.ok ? EXIT.ok : EXIT.nonConformant;
}

interface ValidateOptions {
  endpoint?: string;
  apiVersion: string;
  status?: number;
  profile: Profile;
  json?: boolean;
  request?: boolean;
  published?: boolean;
  maxBodyBytes: number;
}

function runValidate(file: string, options: ValidateOptions, io: Io): number {
  if (!options.published && options.endpoint === undefined) throw new UsageError('--endpoint is required (or --published)');
  if (options.request && options.status !== undefined) throw new UsageError('--status applies to responses, not to --request');
  const limits = { ...DEFAULT_BODY_LIMITS, maxBytes: options.maxBodyBytes };
  const validator = createValidator({ profile: options.profile, limits });
  const endpoint = options.endpoint ?? 'batch-read';
  const input = readInput(file, io, limits.maxBytes);
  const source = file === '-' ? 'stdin' : file;
  // An oversized file is judged by its size alone; readBody makes the same finding for bytes in hand.
  const read = readBody(input.truncatedSize === undefined ? input.bytes : { byteLength: input.truncatedSize }, limits);
  if (!read.ok) return printResult(io, Boolean(options.json), `hsac validate ${source}`, { ok: false, findings: [...read.findings] });
  if (options.published) {
    const checked = validator.validatePublished({ apiVersion: options.apiVersion, body: read.value });
    const heading = `hsac validate ${source} against the published BatchAssociationResponse (repair mode, ${options.apiVersion} definitions, ${options.profile})`;
    return printResult(io, Boolean(options.json), heading, { ok: checked.ok, findings: [...read.findings, ...checked.findings] }, checked.repairs);
  }
  const checked = options.request
    ? validator.validateRequest({ endpoint, apiVersion: options.apiVersion, body: read.value })
    : validator.validateResponse({ endpoint, apiVersion: options.apiVersion, status: options.status, body: read.value });
  const what = options.request ? 'request' : `response ${options.status ?? `${operation(endpoint, options.apiVersion).responses[0]?.status ?? 200} (default)`}`;
  const heading = `hsac validate ${source}: ${endpoint} ${options.apiVersion} ${what}, ${options.profile}`;
  return printResult(io, Boolean(options.json), heading, { ok: checked.ok, findings: [...read.findings, ...checked.findings] });
}

function issueAsFinding(issue: StructureIssue): Finding {
  return { check: issue.code, severity: issue.severity, instancePath: issue.path, message: issue.message };
}

function runAuditStructure(file: string, options: { json?: boolean }, io: Io): number {
  const input = readInput(file, io, DEFAULT_BODY_LIMITS.maxBytes);
  const read = input.truncatedSize === undefined ? readBody(input.bytes) : undefined;
  let findings: Finding[];
  if (!read) findings = [{ check: 'DOCUMENT_TOO_LARGE', severity: 'error', instancePath: '', message: `document is ${input.truncatedSize} bytes; not read` }];
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

/** Builds the `hsac` program. Actions record their exit code in `exit.code`. */
function program(io: Io, exit: { code: number }): Command {
  const root = new Command('hsac')
    .description("hsac: contract and conformance tests for HubSpot's CRM Associations batch API")
    .version(process.env.npm_package_version ?? '0.1.0', '--version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  root
    .command('validate')
    .description('check one request or response body against the catalogue schema of an endpoint and version')
    .addOption(new Option('--endpoint <id>', 'endpoint id').choices([...ENDPOINT_IDS]))
    .addOption(new Option('--api-version <version>', 'API version').choices([...API_VERSIONS]).default(DEFAULT_API_VERSION))
    .option('--status <code>', "the response's HTTP status (default: the version's first declared success code)", parseStatus)
    .addOption(new Option('--profile <profile>', 'strict: the spec as published; lenient: what a robust client tolerates').choices([...PROFILES]).default('strict'))
    .option('--json', 'print one JSON document { ok, findings } on stdout')
    .option('--request', 'the body is a request body (checked against the request schema and input limits)')
    .option('--published', 'check against the BatchAssociationResponse structure as published (seed 000), in repair mode')
    .option('--max-body-bytes <n>', 'largest body read', parsePositiveInt, DEFAULT_BODY_LIMITS.maxBytes)
    .argument('<file>', 'a JSON file, or - for stdin')
    .addHelpText(
      'after',
      '\nExit codes: 0 conformant, 1 non-conformant (an error finding), 2 usage error.\nExample: hsac validate --endpoint batch-read --status 207 examples/batch-read-207.json',
    )
    .action((file: string, options: ValidateOptions) => {
      exit.code = runValidate(file, options, io);
    });

  const audit = root.command('audit').description('audit schema documents and API versions');
  audit
    .command('structure')
    .description('lint a JSON Structure document: bare $refs, unresolved references, objects without properties, ...')
    .option('--json', 'print one JSON document { ok, findings } on stdout')
    .argument('<file>', 'a JSON Structure document, or - for stdin')
    .addHelpText('after', '\nExit codes: 0 valid (warnings allowed), 1 invalid, 2 usage error.')
    .action((file: string, options: { json?: boolean }) => {
      exit.code = runAuditStructure(file, options, io);
    });
  return root;
}

/**
 * Runs hsac with `argv` (without `node` and the script) and resolves to the exit code. Usage and
 * configuration problems print one line and give 2; nothing prints a stack trace.
 */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const exit = { code: EXIT.ok as number };
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
