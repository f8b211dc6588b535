/**
 * The JSON Structure vocabulary as the compiler and linter see it: type names, which keywords
 * belong to which extension, and which annotations survive into the compiled JSON Schema.
 */

/** Integers encoded as JSON numbers, with their ranges (`integer` is an alias of `int32`). */
export const NUMBER_INTEGERS: Readonly<Record<string, readonly [number, number]>> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  integer: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
};

/** Integers encoded as JSON strings "to preserve precision", with their ranges. */
export const STRING_INTEGERS: Readonly<Record<string, readonly [bigint, bigint]>> = {
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  int128: [-(2n ** 127n), 2n ** 127n - 1n],
  uint128: [0n, 2n ** 128n - 1n],
};

/** Binary floating point types, encoded as JSON numbers. */
export const FLOAT_TYPES: ReadonlySet<string> = new Set(['number', 'float', 'double', 'float8']);

/** Largest finite IEEE 754 binary32 value: the range of `float`. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** String-encoded primitives checked by a format (JSON Structure type -> ajv format name). */
export const FORMAT_TYPES: Readonly<Record<string, string>> = {
  date: 'date',
  datetime: 'date-time',
  time: 'time',
  // ajv-formats' `duration` rejects fractional seconds, which the spec's own samples use ("PT2.5S").
  duration: 'structure-duration',
  uuid: 'uuid',
  // The spec says "a URI reference, relative or absolute": RFC 3986 uri-reference, not uri.
  uri: 'uri-reference',
  jsonpointer: 'json-pointer',
};

/** Every primitive type name. */
export const PRIMITIVE_TYPES: ReadonlySet<string> = new Set([
  'string',
  'boolean',
  'null',
  'decimal',
  'binary',
  ...Object.keys(NUMBER_INTEGERS),
  ...Object.keys(STRING_INTEGERS),
  ...FLOAT_TYPES,
  ...Object.keys(FORMAT_TYPES),
]);

/** Every compound type name (`any` included: it takes no structural keywords). */
export const COMPOUND_TYPES: ReadonlySet<string> = new Set(['object', 'array', 'set', 'map', 'tuple', 'choice', 'any']);

/** Numeric types (the ones numeric validation keywords apply to). */
export const NUMERIC_TYPES: ReadonlySet<string> = new Set([
  ...Object.keys(NUMBER_INTEGERS),
  ...Object.keys(STRING_INTEGERS),
  ...FLOAT_TYPES,
  'decimal',
]);

/** Numeric types whose JSON form is a string, so their numeric constraints are strings too. */
export function isStringEncodedNumeric(type: string): boolean {
  return type === 'decimal' || Object.hasOwn(STRING_INTEGERS, type);
}

/** `contentEncoding` values the spec defines for `binary`. */
export const BINARY_ENCODINGS: ReadonlySet<string> = new Set(['base64', 'base64url', 'base16', 'base32', 'base32hex']);

/** The URI of the validation meta-schema, which turns on every extension. */
export const VALIDATION_META_SCHEMA = 'https://json-structure.org/meta/validation/v0/#';

// Add-in names: the meta-schemas and SDKs use these, not the drafts' "JSONSchema..." names.
/** The validation add-in, as listed in `$uses`. */
export const VALIDATION_ADDIN = 'JSONStructureValidation';
/** The conditional composition add-in, as listed in `$uses`. */
export const COMPOSITION_ADDIN = 'JSONStructureConditionalComposition';

/** Numeric validation keywords. */
export const NUMERIC_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'] as const;
/** String validation keywords (`maxLength` is core, so not here). */
export const STRING_KEYWORDS = ['minLength', 'pattern', 'format'] as const;
/** Array and set validation keywords. */
export const ARRAY_KEYWORDS = [
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
  'minContains',
  'maxContains',
] as const;
/** Object validation keywords. */
export const OBJECT_KEYWORDS = [
  'minProperties',
  'maxProperties',
  'dependentRequired',
  'patternProperties',
  'propertyNames',
  'has',
] as const;
/** Map validation keywords. */
export const MAP_KEYWORDS = ['minEntries', 'maxEntries', 'patternKeys', 'keyNames', 'has'] as const;

/**
 * Keywords of the validation extension: enforced only when it is enabled, otherwise a
 * `SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED` warning (the SDK's list, less the core `maxLength`).
 * `default` is here because the SDK warns on it; we still keep it as an annotation.
 * `contentEncoding`/`contentMediaType` are core annotations on `binary` and handled there.
 */
export const VALIDATION_KEYWORDS: ReadonlySet<string> = new Set<string>([
  ...NUMERIC_KEYWORDS,
  ...STRING_KEYWORDS,
  ...ARRAY_KEYWORDS,
  ...OBJECT_KEYWORDS,
  ...MAP_KEYWORDS,
  'contentEncoding',
  'contentMediaType',
  'default',
]);

/** Conditional composition keywords. */
export const COMPOSITION_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else'] as const;

/** Composition keywords whose value is an array of schemas. */
export const COMPOSITION_ARRAYS: ReadonlySet<string> = new Set(['allOf', 'anyOf', 'oneOf']);

/**
 * Keywords that make an untyped object in `definitions` a (broken) type rather than a namespace.
 * A namespace holds only named members; anything carrying these was meant to be a schema.
 */
export const SCHEMA_MARKERS: ReadonlySet<string> = new Set([
  'type',
  '$ref',
  '$extends',
  'properties',
  'items',
  'values',
  'choices',
  'tuple',
  'enum',
  'const',
  'required',
  'additionalProperties',
  ...COMPOSITION_KEYWORDS,
]);

/**
 * `format` values we enforce: the validation draft's list plus the JSON Schema formats ajv-formats
 * knows (authors coming from JSON Schema write `date-time`, `uri`, `uuid`). Anything else is a
 * warning and is dropped, because ajv in strict mode refuses unknown formats.
 */
export const KNOWN_FORMATS: ReadonlySet<string> = new Set([
  'ipv4',
  'ipv6',
  'email',
  'idn-email',
  'hostname',
  'idn-hostname',
  'iri',
  'iri-reference',
  'uri-template',
  'relative-json-pointer',
  'regex',
  'date',
  'time',
  'date-time',
  'duration',
  'uri',
  'uri-reference',
  'url',
  'uuid',
  'json-pointer',
]);

/** Identifier rule for property and type names: `[A-Za-z_][A-Za-z0-9_]*`. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A record entry by own key only (`constructor`, `__proto__` must not find Object's members). */
export function entry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
