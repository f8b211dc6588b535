/**
 * What an ajv instance needs before it can compile our output: ajv-formats (full mode, which
 * checks real calendars), the `structure*` formats, and two keywords for the string-encoded
 * numbers. Keyword names start with `structure` so error mappers can tell them apart.
 */
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, FuncKeywordDefinition } from 'ajv';
import type { DataValidateFunction } from 'ajv/dist/types/index.js';
import addFormatsModule from 'ajv-formats';
import { STRING_INTEGERS, entry } from './keywords.js';
import { type Decimal, compareDecimal, decimalDigits, isMultipleOf, parseDecimal } from './numeric.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
const addFormats = addFormatsModule.default;

/** Formats the compiler emits beyond ajv-formats' own. */
const STRUCTURE_FORMATS: Readonly<Record<string, RegExp | ((value: string) => boolean)>> = {
  // ISO 8601 durations as ajv-formats reads them, plus a fraction on the seconds ("PT2.5S"),
  // which the JSON Structure samples use and RFC 3339's appendix grammar omits.
  'structure-duration': /^P(?!$)(?:(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?|\d+W)$/,
  // RFC 4648 encodings for `binary` (contentEncoding). Linear-time patterns: no nested quantifiers.
  'structure-base64': /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  'structure-base64url': /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}(?:==)?|[A-Za-z0-9_-]{3}=?)?$/,
  'structure-base16': /^(?:[0-9A-Fa-f]{2})*$/,
  'structure-base32': /^(?:[A-Z2-7]{8})*(?:[A-Z2-7]{2}={6}|[A-Z2-7]{4}={4}|[A-Z2-7]{5}={3}|[A-Z2-7]{7}=)?$/,
  'structure-base32hex': /^(?:[0-9A-V]{8})*(?:[0-9A-V]{2}={6}|[0-9A-V]{4}={4}|[0-9A-V]{5}={3}|[0-9A-V]{7}=)?$/,
};

/**
 * Validation-extension formats ajv-formats lacks. Deliberately loose (shape, not full IDNA/RFC 3987):
 * they exist so a document using them compiles in strict mode; tighten when a schema relies on them.
 */
const LOOSE_FORMATS: Readonly<Record<string, RegExp | ((value: string) => boolean)>> = {
  'idn-email': /^[^\s@]+@[^\s@]+$/u,
  'idn-hostname': (value) =>
    value.length <= 253 &&
    value.split('.').every((label) => label.length >= 1 && label.length <= 63 && !/\s/u.test(label)),
  iri: /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/u,
  'iri-reference': /^\S*$/u,
};

type Bound = 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum';
const BOUNDS: readonly Bound[] = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'];
const BOUND_HOLDS: Readonly<Record<Bound, (comparison: number) => boolean>> = {
  minimum: (c) => c >= 0,
  maximum: (c) => c <= 0,
  exclusiveMinimum: (c) => c > 0,
  exclusiveMaximum: (c) => c < 0,
};
const BOUND_WORDS: Readonly<Record<Bound, string>> = {
  minimum: '>=',
  maximum: '<=',
  exclusiveMinimum: '>',
  exclusiveMaximum: '<',
};

/** The author's bounds and step, parsed once at schema compile time. */
interface ParsedBounds {
  readonly limits: readonly (readonly [Bound, Decimal, string])[];
  readonly multipleOf?: readonly [Decimal, string];
}

function parseBounds(schema: Record<string, unknown>): ParsedBounds {
  const limits: (readonly [Bound, Decimal, string])[] = [];
  for (const bound of BOUNDS) {
    const text = schema[bound];
    const parsed = typeof text === 'string' ? parseDecimal(text) : undefined;
    if (parsed && typeof text === 'string') limits.push([bound, parsed, text]);
  }
  const stepText = schema.multipleOf;
  const step = typeof stepText === 'string' ? parseDecimal(stepText) : undefined;
  return step && typeof stepText === 'string' ? { limits, multipleOf: [step, stepText] } : { limits };
}

function boundErrors(keyword: string, value: Decimal, bounds: ParsedBounds): Partial<ErrorObject>[] {
  const errors: Partial<ErrorObject>[] = [];
  for (const [bound, limit, text] of bounds.limits) {
    if (!BOUND_HOLDS[bound](compareDecimal(value, limit))) {
      errors.push({
        keyword,
        message: `must be ${BOUND_WORDS[bound]} ${text}`,
        params: { comparison: BOUND_WORDS[bound], limit: text },
      });
    }
  }
  if (bounds.multipleOf && !isMultipleOf(value, bounds.multipleOf[0])) {
    errors.push({
      keyword,
      message: `must be a multiple of ${bounds.multipleOf[1]}`,
      params: { multipleOf: bounds.multipleOf[1] },
    });
  }
  return errors;
}

/** Wraps a checker as an ajv data-validate function that reports through `.errors`. */
function reporting(check: (data: string) => Partial<ErrorObject>[]): DataValidateFunction {
  const validate: DataValidateFunction = (data: unknown) => {
    // Syntax is the sibling `pattern`'s job; a non-matching string is skipped, not reported twice.
    const errors = typeof data === 'string' ? check(data) : [];
    validate.errors = errors;
    return errors.length === 0;
  };
  return validate;
}

/** `structureInteger: {type, minimum?, ...}`: the BigInt range of int64/uint64/int128/uint128 plus string bounds. */
const structureInteger: FuncKeywordDefinition = {
  keyword: 'structureInteger',
  type: 'string',
  schemaType: 'object',
  errors: true,
  metaSchema: {
    type: 'object',
    properties: {
      type: { enum: Object.keys(STRING_INTEGERS) },
      minimum: { type: 'string' },
      maximum: { type: 'string' },
      exclusiveMinimum: { type: 'string' },
      exclusiveMaximum: { type: 'string' },
      multipleOf: { type: 'string' },
    },
    required: ['type'],
    additionalProperties: false,
  },
  compile(schema: Record<string, unknown>) {
    const type = String(schema.type);
    const range = entry(STRING_INTEGERS, type);
    const bounds = parseBounds(schema);
    return reporting((data) => {
      const value = parseDecimal(data);
      if (value?.scale !== 0 || !range) return [];
      const integer = value.unscaled;
      if (integer < range[0] || integer > range[1]) {
        return [
          {
            keyword: 'structureInteger',
            message: `must be in the ${type} range ${range[0]}..${range[1]}`,
            params: { type, min: String(range[0]), max: String(range[1]) },
          },
        ];
      }
      return boundErrors('structureInteger', value, bounds);
    });
  },
};

/** `structureDecimal: {precision?, scale?, minimum?, ...}`: digits as SQL DECIMAL(p, s), plus string bounds. */
const structureDecimal: FuncKeywordDefinition = {
  keyword: 'structureDecimal',
  type: 'string',
  schemaType: 'object',
  errors: true,
  metaSchema: {
    type: 'object',
    properties: {
      precision: { type: 'integer', minimum: 1 },
      scale: { type: 'integer', minimum: 0 },
      minimum: { type: 'string' },
      maximum: { type: 'string' },
      exclusiveMinimum: { type: 'string' },
      exclusiveMaximum: { type: 'string' },
      multipleOf: { type: 'string' },
    },
    additionalProperties: false,
  },
  compile(schema: Record<string, unknown>) {
    const precision = typeof schema.precision === 'number' ? schema.precision : undefined;
    const scale = typeof schema.scale === 'number' ? schema.scale : undefined;
    const bounds = parseBounds(schema);
    return reporting((data) => {
      const value = parseDecimal(data);
      const digits = decimalDigits(data);
      if (!value || !digits) return [];
      const errors: Partial<ErrorObject>[] = [];
      if (scale !== undefined && digits.fraction > scale) {
        errors.push({
          keyword: 'structureDecimal',
          message: `must have at most ${scale} fractional digits`,
          params: { scale },
        });
      }
      // DECIMAL(p, s) leaves p - s digits before the point; with no scale, p counts all digits.
      const integerRoom = precision === undefined ? undefined : precision - (scale ?? digits.fraction);
      if (integerRoom !== undefined && digits.integer > integerRoom) {
        errors.push({
          keyword: 'structureDecimal',
          message: `must have at most ${precision} significant digits (precision ${precision}, scale ${scale ?? 'unset'})`,
          params: { precision, scale },
        });
      }
      return [...errors, ...boundErrors('structureDecimal', value, bounds)];
    });
  },
};

const prepared = new WeakSet<object>();

/** RFC 3339 §5.6 `date-time`: `full-date "T" full-time`; the T may be lower case (§5.6 note), never a space. */
const DATE_TIME_SEPARATOR = /^\d{4}-\d{2}-\d{2}[Tt]/;

/**
 * ajv-formats' `date-time` also accepts a space between date and time (RFC 3339 allows it only
 * "by mutual agreement", outside the ABNF). JSON Structure's `datetime` is the ABNF form, and
 * HubSpot sends a `T`, so the space is a format error here; the calendar check stays ajv-formats'.
 */
function requireDateTimeSeparator(ajv: Ajv2020): void {
  const inner = ajv.formats['date-time'];
  const check =
    typeof inner === 'function' ? inner : typeof inner === 'object' && 'validate' in inner ? inner.validate : undefined;
  if (typeof check !== 'function') return;
  const compare = typeof inner === 'object' && 'compare' in inner ? inner.compare : undefined;
  const validate = (value: string): boolean =>
    DATE_TIME_SEPARATOR.test(value) && (check as (s: string) => boolean)(value);
  ajv.addFormat(
    'date-time',
    compare
      ? { type: 'string', validate, compare: compare as (a: string, b: string) => number | undefined }
      : { type: 'string', validate },
  );
}

/**
 * Registers on an ajv 2020 instance everything compiled structure schemas use: ajv-formats in
 * full mode, the `structure-*` formats (duration with fractional seconds, binary encodings),
 * loose `idn-email`/`idn-hostname`/`iri`/`iri-reference`, and the `structureInteger` /
 * `structureDecimal` keywords. Idempotent per instance, and safe on an instance that already
 * has ajv-formats.
 */
export function addStructureVocabulary(ajv: Ajv2020): void {
  if (prepared.has(ajv)) return;
  addFormats(ajv, { mode: 'full', keywords: ajv.getKeyword('formatMinimum') === false });
  for (const [name, format] of Object.entries(STRUCTURE_FORMATS)) ajv.addFormat(name, format);
  requireDateTimeSeparator(ajv);
  for (const [name, format] of Object.entries(LOOSE_FORMATS)) if (!ajv.formats[name]) ajv.addFormat(name, format);
  for (const definition of [structureInteger, structureDecimal]) {
    if (ajv.getKeyword(String(definition.keyword)) === false) ajv.addKeyword(definition);
  }
  prepared.add(ajv);
}
