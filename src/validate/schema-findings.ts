import type { ErrorObject } from 'ajv';
import type { Finding } from '../registry/finding.js';
import type { CheckIdOfKind } from '../registry/index.js';
import { childPointer, pointerTokens, valueAt } from '../json-pointer.js';
import { DEFAULT_UNKNOWN_FIELD_POLICY, toleranceFor, type Profile, type UnknownFieldPolicy } from './profiles.js';
import type { JsonSchemaNode } from './registry.js';
import { schemaSite, type SchemaSite } from './schema-walk.js';

/**
 * The definitions whose violations are reported as `error-shape`: a client's error handling reads
 * these, and HubSpot's docs examples get them wrong (FACTS.md §5, §7.3), so they get their own check.
 */
export const ERROR_SHAPE_DEFINITIONS: ReadonlySet<string> = new Set([
  'StandardError',
  'ErrorDetail',
  'Error',
  'RateLimitError',
]);

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Where a schema error is and what the schema says there. */
export interface Located {
  readonly instancePath: string;
  readonly site: SchemaSite;
}

function locate(
  error: ErrorObject,
  defs: Readonly<Record<string, JsonSchemaNode>>,
  root: JsonSchemaNode,
  rootName: string,
): Located {
  // `required` and `additionalProperties` errors sit on the parent object; point at the field itself.
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  // Stryker disable next-line ConditionalExpression: only an additionalProperties error has additionalProperty
  const additional = error.keyword === 'additionalProperties' ? params.additionalProperty : undefined;
  const field = error.keyword === 'required' ? params.missingProperty : additional;
  const instancePath = field === undefined ? error.instancePath : childPointer(error.instancePath, field);
  const site = schemaSite(defs, root, instancePath);
  return { instancePath, site: { ...site, definitions: [rootName, ...site.definitions] } };
}

/**
 * The schema check (a registry id of kind `schema`, src/registry/schema.ts) one ajv error is
 * reported under. Exported for the registry's proof that every schema check is reachable.
 */
export function classify(error: ErrorObject, located: Located): CheckIdOfKind<'schema'> {
  const { site, instancePath } = located;
  // An undeclared field is drift wherever it is, error bodies included: one id, so the user's
  // `unknown-field` setting grades every one of them (profiles.ts UNKNOWN_FIELD_POLICIES).
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') return 'unknown-field';
  // For a missing field the site is the field itself, which may not resolve; its parent path decides.
  if (site.definitions.some((name) => ERROR_SHAPE_DEFINITIONS.has(name))) return 'error-shape';
  switch (error.keyword) {
    case 'required':
      return 'required';
    case 'enum':
      return instancePath === '/status' ? 'status-enum' : 'enum';
    case 'const':
      return 'enum';
    case 'type':
      return 'type';
    case 'format':
      return 'format';
    case 'minimum':
    case 'maximum': {
      const node = site.node;
      return node?.minimum === INT32_MIN && node.maximum === INT32_MAX ? 'int32-range' : 'range';
    }
    default:
      return error.keyword.startsWith('structure') ? 'range' : 'schema';
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const scalar = value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint';
  return scalar ? String(value) : 'an object';
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function describe(
  error: ErrorObject,
  data: unknown,
  located: Located,
): { message: string; expected?: unknown; actual?: unknown } {
  const params = error.params as Record<string, unknown>;
  const field = pointerTokens(located.instancePath).at(-1) ?? '';
  switch (error.keyword) {
    case 'required':
      return {
        message: `missing required field "${String(params.missingProperty)}"`,
        expected: 'present',
        actual: 'absent',
      };
    case 'additionalProperties':
      return { message: `unknown field "${field}" (not declared by the schema)`, expected: 'absent', actual: data };
    case 'type':
      return {
        message: `expected ${String(params.type)}, got ${jsonType(data)} ${show(data)}`,
        expected: params.type,
        actual: data,
      };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [];
      return {
        message: `${show(data)} is not one of ${allowed.map(String).join(', ')}`,
        expected: allowed,
        actual: data,
      };
    }
    case 'format':
      return {
        message: `${show(data)} is not a valid ${String(params.format)}`,
        expected: params.format,
        actual: data,
      };
    case 'minimum':
    case 'maximum': {
      const node = located.site.node;
      const range =
        node && typeof node.minimum === 'number' && typeof node.maximum === 'number'
          ? `${node.minimum}..${node.maximum}`
          : `${String(params.comparison)} ${String(params.limit)}`;
      return { message: `${show(data)} is outside ${range}`, expected: range, actual: data };
    }
    default:
      return { message: `${error.keyword}: ${error.message ?? 'failed'}`, expected: params, actual: data };
  }
}

/**
 * Turns ajv's errors for one body into findings: classified by check, pointed at the field, and
 * graded by the profile's tolerance policy and the unknown-field policy.
 */
export function schemaFindings(
  errors: readonly ErrorObject[],
  body: unknown,
  schema: { defs: Readonly<Record<string, JsonSchemaNode>>; root: JsonSchemaNode; rootName: string },
  profile: Profile,
  unknownFields: UnknownFieldPolicy = DEFAULT_UNKNOWN_FIELD_POLICY,
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const located = locate(error, schema.defs, schema.root, schema.rootName);
    // For `required` the path is the missing field's own, so the value there is undefined too.
    const data = valueAt(body, located.instancePath);
    const check = classify(error, located);
    const key = `${check}|${located.instancePath}|${error.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { message, expected, actual } = describe(error, data, located);
    const tolerated = toleranceFor(profile, { error, data, site: located.site, check }, unknownFields);
    const finding: Finding = {
      check,
      // Graded by the tolerance policy, not by the declaration: an unknown field the policy does not
      // tolerate (`--unknown-fields error`) is an error, though `unknown-field` is declared a warning.
      severity: tolerated ? 'warning' : 'error',
      instancePath: located.instancePath,
      message: tolerated
        ? `${message}; tolerated under ${tolerated.under === 'every' ? 'every profile' : 'lenient'} (${tolerated.id}): ${tolerated.reason}`
        : message,
    };
    if (expected !== undefined) finding.expected = expected;
    if (actual !== undefined) finding.actual = actual;
    findings.push(finding);
  }
  return findings;
}
