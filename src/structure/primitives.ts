/**
 * Primitive types: their JSON encoding as JSON Schema 2020-12, and a value check the linter uses
 * for `enum`/`const`. String-encoded numbers get a `pattern` for syntax (so a generator walking
 * the schema sees the shape) and a custom keyword for the range, which only BigInt can check.
 */
import { type JsonObject, own } from './document.js';
import {
  BINARY_ENCODINGS,
  entry,
  FLOAT32_MAX,
  FLOAT_TYPES,
  FORMAT_TYPES,
  KNOWN_FORMATS,
  NUMBER_INTEGERS,
  NUMERIC_KEYWORDS,
  STRING_INTEGERS,
} from './keywords.js';
import { DECIMAL_STRING, INTEGER_STRING, UNSIGNED_INTEGER_STRING, constraintText } from './numeric.js';

/** Ajv format name for each `binary` content encoding (registered by the vocabulary). */
export const BINARY_FORMATS: Readonly<Record<string, string>> = {
  base64: 'structure-base64',
  base64url: 'structure-base64url',
  base16: 'structure-base16',
  base32: 'structure-base32',
  base32hex: 'structure-base32hex',
};

/** Why a JSON value is not a valid instance of a primitive type, or undefined when it is. */
export function primitiveValueProblem(type: string, value: unknown): string | undefined {
  const integerRange = entry(NUMBER_INTEGERS, type);
  if (integerRange) {
    if (typeof value !== 'number' || !Number.isInteger(value)) return `${type} values are JSON integers`;
    return value < integerRange[0] || value > integerRange[1] ? `out of the ${type} range` : undefined;
  }
  const bigRange = entry(STRING_INTEGERS, type);
  if (bigRange) {
    const syntax = type.startsWith('u') ? UNSIGNED_INTEGER_STRING : INTEGER_STRING;
    if (typeof value !== 'string' || !syntax.test(value)) return `${type} values are integer strings`;
    const parsed = BigInt(value);
    return parsed < bigRange[0] || parsed > bigRange[1] ? `out of the ${type} range` : undefined;
  }
  if (FLOAT_TYPES.has(type)) return typeof value === 'number' ? undefined : `${type} values are JSON numbers`;
  if (type === 'decimal')
    return typeof value === 'string' && DECIMAL_STRING.test(value) ? undefined : 'decimal values are decimal strings';
  if (type === 'boolean') return typeof value === 'boolean' ? undefined : 'not a boolean';
  if (type === 'null') return value === null ? undefined : 'not null';
  return typeof value === 'string' ? undefined : `${type} values are JSON strings`;
}

/** Numeric validation keywords present on a node, as written. */
function numericBounds(node: JsonObject): [string, unknown][] {
  return NUMERIC_KEYWORDS.filter((keyword) => Object.hasOwn(node, keyword)).map((keyword) => [keyword, node[keyword]]);
}

/** Number-encoded integers and floats: the type's range tightened by any enabled bounds. */
function numberSchema(type: string, node: JsonObject, validation: boolean): JsonObject {
  const integerRange = entry(NUMBER_INTEGERS, type);
  const out: JsonObject = { type: integerRange ? 'integer' : 'number' };
  let low = integerRange?.[0] ?? (type === 'float' ? -FLOAT32_MAX : undefined);
  let high = integerRange?.[1] ?? (type === 'float' ? FLOAT32_MAX : undefined);
  if (validation) {
    for (const [keyword, value] of numericBounds(node)) {
      if (typeof value !== 'number') continue;
      // One `minimum` per schema: the tighter of the type's range and the author's bound.
      if (keyword === 'minimum') low = low === undefined ? value : Math.max(low, value);
      else if (keyword === 'maximum') high = high === undefined ? value : Math.min(high, value);
      else out[keyword] = value;
    }
  }
  if (low !== undefined) out.minimum = low;
  if (high !== undefined) out.maximum = high;
  return out;
}

/** int64/uint64/int128/uint128: a string with integer syntax, range-checked by `structureInteger`. */
function bigIntegerSchema(type: string, node: JsonObject, validation: boolean): JsonObject {
  const check: JsonObject = { type };
  if (validation) {
    for (const [keyword, value] of numericBounds(node)) {
      const text = constraintText(value);
      if (text !== undefined) check[keyword] = text;
    }
  }
  const syntax = type.startsWith('u') ? UNSIGNED_INTEGER_STRING : INTEGER_STRING;
  return { type: 'string', pattern: syntax.source, structureInteger: check };
}

/** decimal: a string with decimal syntax; `structureDecimal` checks precision/scale and bounds. */
function decimalSchema(node: JsonObject, validation: boolean): JsonObject {
  const check: JsonObject = {};
  for (const keyword of ['precision', 'scale']) {
    const value = own(node, keyword);
    if (typeof value === 'number') check[keyword] = value;
  }
  if (validation) {
    for (const [keyword, value] of numericBounds(node)) {
      const text = constraintText(value);
      if (text !== undefined) check[keyword] = text;
    }
  }
  const out: JsonObject = { type: 'string', pattern: DECIMAL_STRING.source };
  if (Object.keys(check).length > 0) out.structureDecimal = check;
  return out;
}

/** `string`: `maxLength` is core; `minLength`/`pattern`/`format` belong to the validation extension. */
function stringSchema(node: JsonObject, validation: boolean): JsonObject {
  const out: JsonObject = { type: 'string' };
  const maxLength = own(node, 'maxLength');
  if (typeof maxLength === 'number') out.maxLength = maxLength;
  if (validation) {
    const minLength = own(node, 'minLength');
    if (typeof minLength === 'number') out.minLength = minLength;
    const pattern = own(node, 'pattern');
    if (typeof pattern === 'string') out.pattern = pattern;
    const format = own(node, 'format');
    if (typeof format === 'string' && KNOWN_FORMATS.has(format)) out.format = format;
  }
  return out;
}

/** `binary`: a string in its `contentEncoding` (base64 by default). */
function binarySchema(node: JsonObject): JsonObject {
  const encoding = own(node, 'contentEncoding');
  const name = typeof encoding === 'string' && BINARY_ENCODINGS.has(encoding) ? encoding : 'base64';
  return { type: 'string', format: entry(BINARY_FORMATS, name) };
}

/**
 * The JSON Schema for a primitive type; `node` supplies its annotations and constraints
 * (pass `{}` for a bare type name, as in a union).
 */
export function primitiveSchema(type: string, node: JsonObject, validation: boolean): JsonObject {
  if (Object.hasOwn(NUMBER_INTEGERS, type) || FLOAT_TYPES.has(type)) return numberSchema(type, node, validation);
  if (Object.hasOwn(STRING_INTEGERS, type)) return bigIntegerSchema(type, node, validation);
  if (type === 'decimal') return decimalSchema(node, validation);
  if (type === 'string') return stringSchema(node, validation);
  if (type === 'binary') return binarySchema(node);
  const format = entry(FORMAT_TYPES, type);
  if (format) return { type: 'string', format };
  // boolean and null map one to one.
  return { type };
}
