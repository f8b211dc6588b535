import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { packageRoot } from '../paths.js';
import { isCheckId } from '../registry/index.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
const addFormats = addFormatsModule.default;

/** The JSON Schema (2020-12) of `report.json`, relative to the package root. */
export const REPORT_SCHEMA_PATH = 'schemas/report/report.schema.json';

/** The JSON Schema (2020-12) of `matrix.json` (`hsac gate sdk`), relative to the package root. */
export const MATRIX_SCHEMA_PATH = 'schemas/report/matrix.schema.json';

const compiled = new Map<string, ValidateFunction>();

/** A report file's schema, compiled once (strict) on first use; a schema that does not compile throws at once. */
function schemaValidator(path: string): ValidateFunction {
  let validate = compiled.get(path);
  if (!validate) {
    // Its own small ajv: the report schemas are plain JSON Schema, not one of the body schemas.
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(join(packageRoot(), path), 'utf8')) as object);
    compiled.set(path, validate);
  }
  return validate;
}

function describe(error: ErrorObject): string {
  const at = error.instancePath === '' ? '(root)' : error.instancePath;
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[]; missingProperty?: string };
  if (error.keyword === 'additionalProperties') return `${at}: unknown property "${params.additionalProperty ?? ''}"`;
  if (error.keyword === 'enum')
    return `${at}: must be one of ${(params.allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${at}: ${error.message ?? 'is invalid'}`;
}

/** Where a report names check ids, as its schema has them: plain strings until read against the registry. */
interface NamedCheckIds {
  readonly run: { readonly checksOff?: readonly string[]; readonly requireExercised?: readonly string[] };
  readonly summary: { readonly notExercised: readonly { readonly check: string }[] };
  readonly findings: readonly {
    readonly check: string;
    readonly exchangeId?: number;
    readonly exchangeIds?: readonly number[];
  }[];
  readonly checks: readonly { readonly check: string }[];
  readonly exchanges: readonly { readonly id: number }[];
}

/**
 * What JSON Schema cannot say about a report's exchange ids: each is one exchange's (unique), and every id a finding
 * names is an exchange of the report, so a finding always links to what it judged (report.html, `hsac replay`).
 */
function exchangeIdProblems(report: NamedCheckIds): string[] {
  const problems: string[] = [];
  const ids = new Set<number>();
  for (const [index, { id }] of report.exchanges.entries()) {
    if (ids.has(id)) problems.push(`/exchanges/${index}/id: ${id} is the id of an earlier exchange too`);
    ids.add(id);
  }
  for (const [index, finding] of report.findings.entries()) {
    if (finding.exchangeId !== undefined && !ids.has(finding.exchangeId))
      problems.push(`/findings/${index}/exchangeId: ${finding.exchangeId} names no exchange of the report`);
    for (const [position, id] of (finding.exchangeIds ?? []).entries())
      if (!ids.has(id))
        problems.push(`/findings/${index}/exchangeIds/${position}: ${id} names no exchange of the report`);
  }
  return problems;
}

/**
 * The check ids a schema-valid report names that this hsac's registry lacks, each at its JSON
 * Pointer: a report read back (`report merge`) is typed with registry ids (`CheckId`), so an id is
 * checked here, where the file comes in, never assumed.
 */
function unknownCheckIds(report: NamedCheckIds): string[] {
  const named = [
    ...(report.run.checksOff ?? []).map((check, index) => ({ at: `/run/checksOff/${index}`, check })),
    ...(report.run.requireExercised ?? [])
      .map((check, index) => ({ at: `/run/requireExercised/${index}`, check }))
      .filter(({ check }) => check !== 'all'),
    ...report.summary.notExercised.map(({ check }, index) => ({ at: `/summary/notExercised/${index}/check`, check })),
    ...report.findings.map(({ check }, index) => ({ at: `/findings/${index}/check`, check })),
    ...report.checks.map(({ check }, index) => ({ at: `/checks/${index}/check`, check })),
  ];
  return named
    .filter(({ check }) => !isCheckId(check))
    .map(({ at, check }) => `${at}: ${JSON.stringify(check)} is not a check id of this hsac`);
}

/**
 * Checks a parsed `report.json` against the schema, then its check ids against the registry: one
 * line per problem (JSON pointer first), none when valid.
 */
export function reportProblems(value: unknown): string[] {
  const validate = schemaValidator(REPORT_SCHEMA_PATH);
  if (!validate(value)) return (validate.errors ?? []).map(describe);
  // The schema holds every field read below (all required but the optional lists and ids).
  return [...unknownCheckIds(value as NamedCheckIds), ...exchangeIdProblems(value as NamedCheckIds)];
}

/** Where a matrix names check ids and releases, as its schema has them. */
interface MatrixNames {
  readonly sdks: readonly {
    readonly name: string;
    readonly version: string;
    readonly cells: readonly { readonly checks: readonly { readonly check: string }[] }[];
  }[];
  readonly changes: readonly {
    readonly check: string;
    readonly appeared: string | null;
    readonly disappeared: string | null;
    readonly presentIn: readonly string[];
  }[];
}

/** What JSON Schema cannot say about a matrix: each release is one row, and every release a change names is a row. */
function matrixReferenceProblems(matrix: MatrixNames): string[] {
  const problems: string[] = [];
  const releases = new Set<string>();
  for (const [index, { name, version }] of matrix.sdks.entries()) {
    if (releases.has(`${name}@${version}`)) problems.push(`/sdks/${index}: ${name}@${version} is an earlier row too`);
    releases.add(`${name}@${version}`);
  }
  for (const [index, change] of matrix.changes.entries()) {
    const named = [
      ...(change.appeared === null ? [] : [{ at: 'appeared', release: change.appeared }]),
      ...(change.disappeared === null ? [] : [{ at: 'disappeared', release: change.disappeared }]),
      ...change.presentIn.map((release, position) => ({ at: `presentIn/${position}`, release })),
    ];
    for (const { at, release } of named)
      if (!releases.has(release)) problems.push(`/changes/${index}/${at}: ${JSON.stringify(release)} is no row`);
    if (!isCheckId(change.check))
      problems.push(`/changes/${index}/check: ${JSON.stringify(change.check)} is not a check id of this hsac`);
  }
  for (const [row, { cells }] of matrix.sdks.entries())
    for (const [cell, { checks }] of cells.entries())
      for (const [position, { check }] of checks.entries())
        if (!isCheckId(check))
          problems.push(
            `/sdks/${row}/cells/${cell}/checks/${position}/check: ${JSON.stringify(check)} is not a check id`,
          );
  return problems;
}

/**
 * Checks a matrix (`matrix.json`, built or parsed) against its schema, then the releases and check ids it names: one
 * line per problem (JSON pointer first), none when valid.
 */
export function matrixProblems(value: unknown): string[] {
  const validate = schemaValidator(MATRIX_SCHEMA_PATH);
  if (!validate(value)) return (validate.errors ?? []).map(describe);
  // The schema holds every field read below (all required).
  return matrixReferenceProblems(value as MatrixNames);
}
