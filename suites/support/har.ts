import { createRequire } from 'node:module';
import { Ajv, type AnySchemaObject, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Har } from '../../src/report/index.js';

/**
 * exchanges.har checked against the HAR 1.2 JSON Schema of the `har-schema` package (the schemas `har-validator`
 * uses), compiled by ajv, as a HAR viewer would read the file: a test asserts on a validated document, never on how
 * the writer laid out its text.
 *
 * Two readings of HAR 1.2 the published schemas leave out are added here, both from the spec's own words: an
 * object holds the fields HAR 1.2 defines plus custom fields whose names start with `_` ("custom fields ... must
 * start with an underscore"), nothing else; and the minimums the schemas spell `min` (a keyword JSON Schema does
 * not have, so it would be ignored) are read as `minimum`: `time` is never negative, unknown timings are -1.
 */

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
const addFormats = addFormatsModule.default;

const require = createRequire(import.meta.url);

/** har-schema's documents by name (`har`, `log`, `entry`, ...), draft-06, each with its `$id`. */
const PUBLISHED = require('har-schema') as Readonly<Record<string, AnySchemaObject>>;
const DRAFT_06 = require('ajv/dist/refs/json-schema-draft-06.json') as AnySchemaObject;

/** Subschemas of the keywords har-schema uses; everything else is copied as it is. */
function closed(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema as Record<string, unknown>)) {
    if (keyword === 'min') out.minimum = value;
    else if (keyword === 'properties' && typeof value === 'object' && value !== null)
      out.properties = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, closed(sub)]));
    else if (keyword === 'items') out.items = closed(value);
    else if (keyword === 'oneOf' || keyword === 'anyOf' || keyword === 'allOf')
      out[keyword] = Array.isArray(value) ? value.map(closed) : value;
    else out[keyword] = value;
  }
  if ('properties' in out && !('additionalProperties' in out)) {
    out.patternProperties = { '^_': {} };
    out.additionalProperties = false;
  }
  return out;
}

let validator: (((value: unknown) => boolean) & { errors?: ErrorObject[] | null }) | undefined;

/** Compiled once, on first use: draft-06 documents, so ajv's draft-07 class with the draft-06 meta-schema. */
function harValidator(): NonNullable<typeof validator> {
  if (validator) return validator;
  // strict off for this compile only: har-schema carries keywords ajv does not know (`optional`).
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(DRAFT_06);
  addFormats(ajv);
  for (const schema of Object.values(PUBLISHED)) ajv.addSchema(closed(schema) as AnySchemaObject);
  validator = ajv.getSchema('har.json#') as NonNullable<typeof validator>;
  return validator;
}

/** Where and why `value` is not a HAR 1.2 document (`/log/entries/0/request: ...`); empty when it is one. */
export function harProblems(value: unknown): string[] {
  const validate = harValidator();
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => {
    const extra = error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : '';
    return `${error.instancePath || '(root)'}: ${error.message ?? error.keyword}${extra}`;
  });
}

/** Parses an exchanges.har; throws, naming every problem, when it is not JSON or not a HAR 1.2 document. */
export function parseHar(text: string): Har {
  const value = JSON.parse(text) as unknown;
  const problems = harProblems(value);
  if (problems.length > 0) throw new Error(`not a HAR 1.2 document:\n${problems.join('\n')}`);
  return value as Har;
}
