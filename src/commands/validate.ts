import { Option, type Command } from 'commander';
import { API_VERSIONS, DEFAULT_API_VERSION, ENDPOINT_IDS, operation } from '../catalogue/index.js';
import {
  createValidator,
  DEFAULT_BODY_LIMITS,
  DEFAULT_UNKNOWN_FIELD_POLICY,
  PROFILES,
  readBody,
  UNKNOWN_FIELD_POLICIES,
  type Profile,
  type UnknownFieldPolicy,
} from '../validate/index.js';
import { parsePositiveInt, parseStatus, printResult, readInput, UsageError, type ExitSlot, type Io } from './common.js';

interface ValidateOptions {
  endpoint?: string;
  apiVersion: string;
  status?: number;
  profile: Profile;
  unknownFields: UnknownFieldPolicy;
  json?: boolean;
  request?: boolean;
  published?: boolean;
  maxBodyBytes: number;
}

/** Said in the heading only when the user changed the default, so a reader sees why a field fails. */
function unknownFieldsNote(policy: UnknownFieldPolicy): string {
  return policy === DEFAULT_UNKNOWN_FIELD_POLICY ? '' : ', unknown fields are errors';
}

function runValidate(file: string, options: ValidateOptions, io: Io): number {
  if (!options.published && options.endpoint === undefined)
    throw new UsageError('--endpoint is required (or --published)');
  if (options.request && options.status !== undefined)
    throw new UsageError('--status applies to responses, not to --request');
  const limits = { ...DEFAULT_BODY_LIMITS, maxBytes: options.maxBodyBytes };
  const validator = createValidator({ profile: options.profile, unknownFields: options.unknownFields, limits });
  const endpoint = options.endpoint ?? 'batch-read';
  const input = readInput(file, io, limits.maxBytes);
  const source = file === '-' ? 'stdin' : file;
  // An oversized file is judged by its size alone; readBody makes the same finding for bytes in hand.
  const read = readBody(
    input.truncatedSize === undefined ? input.bytes : { byteLength: input.truncatedSize },
    limits,
    options.profile,
  );
  if (!read.ok)
    return printResult(io, Boolean(options.json), `hsac validate ${source}`, {
      ok: false,
      findings: [...read.findings],
    });
  // A body that parses may still fail in its text (a duplicate key under strict).
  const readOk = read.findings.every((finding) => finding.severity !== 'error');
  if (options.published) {
    const checked = validator.validatePublished({ apiVersion: options.apiVersion, body: read.value });
    const heading = `hsac validate ${source} against the published BatchAssociationResponse (repair mode, ${options.apiVersion} definitions, ${options.profile}${unknownFieldsNote(options.unknownFields)})`;
    return printResult(
      io,
      Boolean(options.json),
      heading,
      { ok: checked.ok && readOk, findings: [...read.findings, ...checked.findings] },
      checked.repairs,
    );
  }
  const checked = options.request
    ? validator.validateRequest({ endpoint, apiVersion: options.apiVersion, body: read.value })
    : validator.validateResponse({
        endpoint,
        apiVersion: options.apiVersion,
        status: options.status,
        body: read.value,
      });
  const what = options.request
    ? 'request'
    : `response ${options.status ?? `${operation(endpoint, options.apiVersion).responses[0]?.status ?? 200} (default)`}`;
  const heading = `hsac validate ${source}: ${endpoint} ${options.apiVersion} ${what}, ${options.profile}${unknownFieldsNote(options.unknownFields)}`;
  return printResult(io, Boolean(options.json), heading, {
    ok: checked.ok && readOk,
    findings: [...read.findings, ...checked.findings],
  });
}

/**
 * `hsac validate`: DESIGN.md's contract (flags, `--json` shape, exit codes 0/1/2) plus `--request`, `--published`,
 * `--max-body-bytes`, `--unknown-fields`.
 */
export function register(program: Command, io: Io, exit: ExitSlot): void {
  program
    .command('validate')
    .description('check one request or response body against the catalogue schema of an endpoint and version')
    .addOption(new Option('--endpoint <id>', 'endpoint id').choices([...ENDPOINT_IDS]))
    .addOption(
      new Option('--api-version <version>', 'API version').choices([...API_VERSIONS]).default(DEFAULT_API_VERSION),
    )
    .option(
      '--status <code>',
      "the response's HTTP status (default: the version's first declared success code)",
      parseStatus,
    )
    .addOption(
      new Option('--profile <profile>', 'strict: the spec as published; lenient: what a robust client tolerates')
        .choices([...PROFILES])
        .default('strict'),
    )
    .addOption(
      new Option(
        '--unknown-fields <policy>',
        'how a field the schema does not declare is graded, under either profile: warn (the published spec leaves objects open) or error',
      )
        .choices([...UNKNOWN_FIELD_POLICIES])
        .default(DEFAULT_UNKNOWN_FIELD_POLICY),
    )
    .option('--json', 'print one JSON document { ok, findings } on stdout')
    .option('--request', 'the body is a request body (checked against the request schema and input limits)')
    .option(
      '--published',
      'check against the BatchAssociationResponse structure as published (seed 000), in repair mode',
    )
    .option('--max-body-bytes <n>', 'largest body read', parsePositiveInt, DEFAULT_BODY_LIMITS.maxBytes)
    .argument('<file>', 'a JSON file, or - for stdin')
    .addHelpText(
      'after',
      '\nExit codes: 0 conformant, 1 non-conformant (an error finding), 2 usage error.\nExample: hsac validate --endpoint batch-read --status 207 examples/batch-read-207.json',
    )
    .action((file: string, options: ValidateOptions) => {
      exit.code = runValidate(file, options, io);
    });
}
