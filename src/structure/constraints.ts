/**
 * Lint rules for constraint keywords (validation extension and the core annotations that
 * constrain): where each may appear, what its value must look like, and min <= max. Values are
 * checked whether or not the extension is on: a schema that says `minimum: 100, maximum: 50` is
 * wrong even when the keywords would be ignored.
 */
import { type JsonObject, isObject, own } from './document.js';
import {
  BINARY_ENCODINGS,
  FLOAT_TYPES,
  KNOWN_FORMATS,
  NUMERIC_TYPES,
  VALIDATION_KEYWORDS,
  isStringEncodedNumeric,
} from './keywords.js';
import { type Decimal, INTEGER_STRING, compareDecimal, constraintText, parseDecimal } from './numeric.js';
import { childPointer } from '../json-pointer.js';
import type { StructureIssue } from './issues.js';

/** Where the linter reports to, and how it descends into schema-valued keywords. */
export interface ConstraintSink {
  report(code: string, severity: StructureIssue['severity'], path: string, message: string): void;
  /** Lints a nested schema (e.g. `contains`, `keyNames`). */
  schema(node: unknown, path: string): void;
  readonly validationEnabled: boolean;
}

type ValueKind =
  | 'count'
  | 'number'
  | 'positive'
  | 'pattern'
  | 'format'
  | 'boolean'
  | 'schema'
  | 'schemaMap'
  | 'dependentRequired'
  | 'string'
  | 'encoding'
  | 'any';

interface KeywordRule {
  /** Which (single, named) types accept the keyword. */
  readonly appliesTo: (type: string) => boolean;
  /** What `type` words to name in the mismatch message. */
  readonly expects: string;
  readonly kind: ValueKind;
}

const isNumeric = (type: string): boolean => NUMERIC_TYPES.has(type);
const isString = (type: string): boolean => type === 'string';
const isArrayLike = (type: string): boolean => type === 'array' || type === 'set' || type === 'tuple';
const isObjectLike = (type: string): boolean => type === 'object' || type === 'map';
const isMap = (type: string): boolean => type === 'map';
const isObjectType = (type: string): boolean => type === 'object';
const isDecimalLike = (type: string): boolean => type === 'decimal' || FLOAT_TYPES.has(type);
const anyType = (): boolean => true;

/** Every constraint keyword the linter knows, with where it belongs and what its value is. */
const RULES: Readonly<Record<string, KeywordRule>> = {
  minimum: { appliesTo: isNumeric, expects: 'numeric types', kind: 'number' },
  maximum: { appliesTo: isNumeric, expects: 'numeric types', kind: 'number' },
  exclusiveMinimum: { appliesTo: isNumeric, expects: 'numeric types', kind: 'number' },
  exclusiveMaximum: { appliesTo: isNumeric, expects: 'numeric types', kind: 'number' },
  multipleOf: { appliesTo: isNumeric, expects: 'numeric types', kind: 'positive' },
  minLength: { appliesTo: isString, expects: 'string', kind: 'count' },
  maxLength: { appliesTo: isString, expects: 'string', kind: 'count' },
  pattern: { appliesTo: isString, expects: 'string', kind: 'pattern' },
  format: { appliesTo: isString, expects: 'string', kind: 'format' },
  minItems: { appliesTo: isArrayLike, expects: 'array, set or tuple', kind: 'count' },
  maxItems: { appliesTo: isArrayLike, expects: 'array, set or tuple', kind: 'count' },
  uniqueItems: { appliesTo: isArrayLike, expects: 'array or set', kind: 'boolean' },
  contains: { appliesTo: isArrayLike, expects: 'array or set', kind: 'schema' },
  minContains: { appliesTo: isArrayLike, expects: 'array or set', kind: 'count' },
  maxContains: { appliesTo: isArrayLike, expects: 'array or set', kind: 'count' },
  minProperties: { appliesTo: isObjectLike, expects: 'object or map', kind: 'count' },
  maxProperties: { appliesTo: isObjectLike, expects: 'object or map', kind: 'count' },
  dependentRequired: { appliesTo: isObjectType, expects: 'object', kind: 'dependentRequired' },
  patternProperties: { appliesTo: isObjectType, expects: 'object', kind: 'schemaMap' },
  propertyNames: { appliesTo: isObjectType, expects: 'object', kind: 'schema' },
  minEntries: { appliesTo: isMap, expects: 'map', kind: 'count' },
  maxEntries: { appliesTo: isMap, expects: 'map', kind: 'count' },
  patternKeys: { appliesTo: isMap, expects: 'map', kind: 'schemaMap' },
  keyNames: { appliesTo: isMap, expects: 'map', kind: 'schema' },
  has: { appliesTo: isObjectLike, expects: 'object or map', kind: 'schema' },
  precision: { appliesTo: isDecimalLike, expects: 'decimal or a floating point type', kind: 'count' },
  scale: { appliesTo: isDecimalLike, expects: 'decimal or a floating point type', kind: 'count' },
  contentEncoding: { appliesTo: (type) => type === 'binary' || type === 'string', expects: 'binary', kind: 'encoding' },
  contentMediaType: { appliesTo: (type) => type === 'binary' || type === 'string', expects: 'binary', kind: 'string' },
  contentCompression: { appliesTo: (type) => type === 'binary', expects: 'binary', kind: 'string' },
  default: { appliesTo: anyType, expects: 'any type', kind: 'any' },
};

/** min/max pairs that must not cross. */
const PAIRS: readonly (readonly [string, string, 'count' | 'number', boolean])[] = [
  ['minimum', 'maximum', 'number', false],
  ['exclusiveMinimum', 'exclusiveMaximum', 'number', true],
  ['minimum', 'exclusiveMaximum', 'number', true],
  ['exclusiveMinimum', 'maximum', 'number', true],
  ['minLength', 'maxLength', 'count', false],
  ['minItems', 'maxItems', 'count', false],
  ['minContains', 'maxContains', 'count', false],
  ['minProperties', 'maxProperties', 'count', false],
  ['minEntries', 'maxEntries', 'count', false],
];

/** A heuristic for catastrophic backtracking: a quantified group whose body is itself quantified. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;

function regexProblem(pattern: string): string | undefined {
  try {
    // ajv compiles patterns with the `u` flag; check them the same way.
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The value as a decimal for comparisons, for number- and string-encoded types alike. */
function asDecimal(value: unknown): Decimal | undefined {
  const text = constraintText(value);
  return text === undefined ? undefined : parseDecimal(text);
}

/** Whether the validation extension governs this keyword here (binary content keywords are core). */
function isExtensionKeyword(keyword: string, type: string | undefined): boolean {
  if (type === 'binary' && (keyword === 'contentEncoding' || keyword === 'contentMediaType')) return false;
  return VALIDATION_KEYWORDS.has(keyword);
}

/**
 * Lints every constraint keyword on one schema node. `types` are the node's type names (one, or
 * the primitive members of a union); undefined when the type is a `$ref` or missing, where
 * applicability cannot be judged.
 */
export function lintConstraints(
  node: JsonObject,
  path: string,
  types: readonly string[] | undefined,
  sink: ConstraintSink,
): void {
  for (const [keyword, rule] of Object.entries(RULES)) {
    if (!Object.hasOwn(node, keyword)) continue;
    const value = node[keyword];
    const at = childPointer(path, keyword);
    const type = types?.find((name) => rule.appliesTo(name));
    if (types !== undefined && type === undefined) {
      sink.report(
        'SCHEMA_CONSTRAINT_TYPE_MISMATCH',
        'error',
        at,
        `${keyword} applies to ${rule.expects}, not to ${types.join(' | ')}`,
      );
      continue;
    }
    checkValue(keyword, rule.kind, value, at, type, sink);
    if (isExtensionKeyword(keyword, type) && !sink.validationEnabled) {
      const effect = keyword === 'default' ? 'it stays an annotation' : 'it is not enforced';
      sink.report(
        'SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED',
        'warning',
        at,
        `validation keyword '${keyword}' is used but the validation extension is not enabled (add "$uses": ["JSONStructureValidation"]); ${effect}`,
      );
    } else if (isObject(own(node, 'type')) && keyword !== 'default') {
      sink.report(
        'SCHEMA_KEYWORD_IGNORED',
        'warning',
        at,
        `${keyword} on a schema whose type is a $ref is not enforced; put it on the referenced type`,
      );
    }
  }
  checkPairs(node, path, sink);
}

function checkValue(
  keyword: string,
  kind: ValueKind,
  value: unknown,
  at: string,
  type: string | undefined,
  sink: ConstraintSink,
): void {
  switch (kind) {
    case 'count':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < (keyword === 'precision' ? 1 : 0)) {
        sink.report(
          'SCHEMA_INTEGER_CONSTRAINT_INVALID',
          'error',
          at,
          `${keyword} must be a ${keyword === 'precision' ? 'positive' : 'non-negative'} integer`,
        );
      }
      return;
    case 'number':
    case 'positive':
      checkNumber(keyword, kind, value, at, type, sink);
      return;
    case 'pattern':
      if (typeof value !== 'string') {
        sink.report('SCHEMA_PATTERN_NOT_STRING', 'error', at, 'pattern must be a string');
        return;
      }
      checkPattern(value, at, sink);
      return;
    case 'format':
      if (typeof value !== 'string') sink.report('SCHEMA_KEYWORD_INVALID_TYPE', 'error', at, 'format must be a string');
      else if (!KNOWN_FORMATS.has(value))
        sink.report('SCHEMA_FORMAT_UNKNOWN', 'warning', at, `unknown format "${value}" is ignored`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean')
        sink.report('SCHEMA_UNIQUE_ITEMS_NOT_BOOLEAN', 'error', at, `${keyword} must be a boolean`);
      else if (type === 'set' && value === false)
        sink.report(
          'SCHEMA_CONSTRAINT_VALUE_INVALID',
          'error',
          at,
          'a set is unique by definition; uniqueItems: false contradicts it',
        );
      return;
    case 'schema':
      if (!isObject(value))
        sink.report('SCHEMA_KEYWORD_INVALID_TYPE', 'error', at, `${keyword} must be a schema object`);
      else sink.schema(value, at);
      return;
    case 'schemaMap':
      if (!isObject(value)) {
        sink.report('SCHEMA_KEYWORD_INVALID_TYPE', 'error', at, `${keyword} must be an object of pattern -> schema`);
        return;
      }
      for (const [pattern, schema] of Object.entries(value)) {
        const memberPath = childPointer(at, pattern);
        checkPattern(pattern, memberPath, sink);
        if (!isObject(schema))
          sink.report('SCHEMA_KEYWORD_INVALID_TYPE', 'error', memberPath, 'must be a schema object');
        else sink.schema(schema, memberPath);
      }
      return;
    case 'dependentRequired':
      if (
        !isObject(value) ||
        !Object.values(value).every((names) => Array.isArray(names) && names.every((name) => typeof name === 'string'))
      ) {
        sink.report(
          'SCHEMA_KEYWORD_INVALID_TYPE',
          'error',
          at,
          'dependentRequired must map property names to arrays of property names',
        );
      }
      return;
    case 'encoding':
      if (typeof value !== 'string')
        sink.report('SCHEMA_KEYWORD_INVALID_TYPE', 'error', at, `${keyword} must be a string`);
      else if (type === 'binary' && !BINARY_ENCODINGS.has(value)) {
        sink.report(
          'SCHEMA_CONSTRAINT_VALUE_INVALID',
          'error',
          at,
          `contentEncoding must be one of ${[...BINARY_ENCODINGS].join(', ')}`,
        );
      }
      return;
    case 'string':
      if (typeof value !== 'string')
        sink.report('SCHEMA_KEYWORD_INVALID_TYPE', 'error', at, `${keyword} must be a string`);
      return;
    case 'any':
      return;
  }
}

function checkPattern(pattern: string, at: string, sink: ConstraintSink): void {
  const problem = regexProblem(pattern);
  if (problem !== undefined) {
    sink.report('SCHEMA_PATTERN_INVALID', 'error', at, `not a valid ECMA-262 regular expression: ${problem}`);
  } else if (NESTED_QUANTIFIER.test(pattern)) {
    sink.report(
      'SCHEMA_PATTERN_BACKTRACKING_RISK',
      'warning',
      at,
      `pattern nests quantifiers and can backtrack catastrophically on V8's regex engine (ReDoS): ${pattern}`,
    );
  }
}

function checkNumber(
  keyword: string,
  kind: 'number' | 'positive',
  value: unknown,
  at: string,
  type: string | undefined,
  sink: ConstraintSink,
): void {
  const stringEncoded = type !== undefined && isStringEncodedNumeric(type);
  if (stringEncoded) {
    const text = constraintText(value);
    const syntaxOk =
      text !== undefined && (type === 'decimal' ? parseDecimal(text) !== undefined : INTEGER_STRING.test(text));
    if (!syntaxOk) {
      sink.report(
        'SCHEMA_NUMBER_CONSTRAINT_INVALID',
        'error',
        at,
        `${keyword} for ${type} must be a ${type === 'decimal' ? 'decimal' : 'integer'} string`,
      );
      return;
    }
    if (typeof value === 'number') {
      sink.report(
        'SCHEMA_CONSTRAINT_NOT_STRING',
        'warning',
        at,
        `${keyword} for the string-encoded ${type} MUST be written as a string ("${text}")`,
      );
    }
  } else if (typeof value !== 'number' || !Number.isFinite(value)) {
    // A numeric string is tolerated where the type is unknown (a $ref or union might be string-encoded).
    if (!(type === undefined && asDecimal(value) !== undefined)) {
      sink.report('SCHEMA_NUMBER_CONSTRAINT_INVALID', 'error', at, `${keyword} must be a number`);
      return;
    }
  }
  const decimal = asDecimal(value);
  if (kind === 'positive' && decimal !== undefined && decimal.unscaled <= 0n) {
    sink.report('SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID', 'error', at, `${keyword} must be greater than 0`);
  }
}

/** How `low` compares with `high` (sign), or undefined when either is not a usable value. */
function compareBound(low: unknown, high: unknown, kind: 'count' | 'number'): number | undefined {
  if (kind === 'count') return typeof low === 'number' && typeof high === 'number' ? Math.sign(low - high) : undefined;
  const a = asDecimal(low);
  const b = asDecimal(high);
  return a && b ? compareDecimal(a, b) : undefined;
}

function checkPairs(node: JsonObject, path: string, sink: ConstraintSink): void {
  for (const [low, high, kind, strict] of PAIRS) {
    if (!Object.hasOwn(node, low) || !Object.hasOwn(node, high)) continue;
    const comparison = compareBound(node[low], node[high], kind);
    const crossed = comparison !== undefined && (strict ? comparison >= 0 : comparison > 0);
    if (crossed) {
      sink.report(
        'SCHEMA_MIN_GREATER_THAN_MAX',
        'error',
        path,
        `${low} (${JSON.stringify(node[low])}) must not exceed ${high} (${JSON.stringify(node[high])}): no value can satisfy both`,
      );
    }
  }
  const precision = own(node, 'precision');
  const scale = own(node, 'scale');
  if (typeof precision === 'number' && typeof scale === 'number' && scale > precision) {
    sink.report(
      'SCHEMA_MIN_GREATER_THAN_MAX',
      'error',
      childPointer(path, 'scale'),
      `scale (${scale}) must not exceed precision (${precision})`,
    );
  }
}
