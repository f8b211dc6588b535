import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { packageRoot } from '../paths.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
const addFormats = addFormatsModule.default;

/** The JSON Schema (2020-12) of `report.json`, relative to the package root. */
export const REPORT_SCHEMA_PATH = 'schemas/report/report.schema.json';

let compiled: ValidateFunction | undefined;

/** The report schema, compiled once (strict) on first use; a schema that does not compile throws at once. */
function reportValidator(): ValidateFunction {
  if (!compiled) {
    // Its own small ajv: the report schema is plain JSON Schema, not one of the body schemas.
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    compiled = ajv.compile(JSON.parse(readFileSync(join(packageRoot(), REPORT_SCHEMA_PATH), 'utf8')) as object);
  }
  return compiled;
}

function describe(error: ErrorObject): string {
  const at = error.instancePath === '' ? '(root)' : error.instancePath;
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[]; missingProperty?: string };
  if (error.keyword === 'additionalProperties') return `${at}: unknown property "${params.additionalProperty ?? ''}"`;
  if (error.keyword === 'enum')
    return `${at}: must be one of ${(params.allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${at}: ${error.message ?? 'is invalid'}`;
}

/** Checks a parsed `report.json` against the schema: one line per problem (JSON pointer first), none when valid. */
export function reportProblems(value: unknown): string[] {
  const validate = reportValidator();
  return validate(value) ? [] : (validate.errors ?? []).map(describe);
}
