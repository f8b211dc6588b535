/**
 * How two schema facets relate, as sets of admitted JSON values: the same, wider (new admits more),
 * narrower (new admits less) or incompatible (neither contains the other). Rules turn a relation
 * into a severity by direction: wider is safe for a request and risky for a response, and the
 * reverse for narrower (oasdiff's model).
 */
import { LIMIT_KEYS, type EnumValue, type JsonType, type Limits, type SchemaNode } from './model.js';

/** The relation of a new facet to the old one. */
export type Relation = 'same' | 'wider' | 'narrower' | 'incompatible';

/** True when `types` admits every value of `type` (`number` admits every integer; `[]` admits all). */
function covers(types: readonly JsonType[], type: JsonType): boolean {
  return types.length === 0 || types.includes(type) || (type === 'integer' && types.includes('number'));
}

function coversAll(outer: readonly JsonType[], inner: readonly JsonType[]): boolean {
  if (outer.length === 0) return true;
  if (inner.length === 0) return false;
  return inner.every((type) => covers(outer, type));
}

/** Type sets: `integer` -> `number` is wider, `number` -> `integer` narrower, `integer` -> `string` incompatible. */
export function typeRelation(oldTypes: readonly JsonType[], newTypes: readonly JsonType[]): Relation {
  const wider = coversAll(newTypes, oldTypes);
  const narrower = coversAll(oldTypes, newTypes);
  if (wider && narrower) return 'same';
  if (wider) return 'wider';
  if (narrower) return 'narrower';
  return 'incompatible';
}

/** Formats that admit every value of another (the key): an int32 is always a valid int64. */
const WIDER_FORMATS: Readonly<Record<string, readonly string[]>> = {
  int8: ['int16', 'int32', 'int64'],
  int16: ['int32', 'int64'],
  int32: ['int64'],
  uint8: ['uint16', 'uint32', 'uint64', 'int16', 'int32', 'int64'],
  uint16: ['uint32', 'uint64', 'int32', 'int64'],
  uint32: ['uint64', 'int64'],
  float: ['double'],
};

/**
 * Formats of one type: dropping a format widens, adding one narrows, int32 -> int64 widens, date-time -> date is
 * incompatible.
 */
export function formatRelation(oldFormat: string | undefined, newFormat: string | undefined): Relation {
  if (oldFormat === newFormat) return 'same';
  if (newFormat === undefined) return 'wider';
  if (oldFormat === undefined) return 'narrower';
  if (WIDER_FORMATS[oldFormat]?.includes(newFormat)) return 'wider';
  if (WIDER_FORMATS[newFormat]?.includes(oldFormat)) return 'narrower';
  return 'incompatible';
}

/** `integer/int32`, `string`, `integer|string`, `any`, with `|null` when nullable. */
export function describeType(node: Pick<SchemaNode, 'types' | 'format' | 'nullable'>): string {
  const base = node.types.length === 0 ? 'any' : node.types.join('|');
  return `${base}${node.format === undefined ? '' : `/${node.format}`}${node.nullable ? '|null' : ''}`;
}

/** One enum's values as text: `[A, B]`. */
export function enumText(values: readonly EnumValue[]): string {
  return `[${values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(', ')}]`;
}

/** Values of `a` that `b` lacks. */
export function enumMinus(a: readonly EnumValue[], b: readonly EnumValue[]): EnumValue[] {
  return a.filter((value) => !b.includes(value));
}

/** One limit that changed, and whether it now admits fewer values (tighter) or more (looser). */
export interface LimitChange {
  readonly key: keyof Limits;
  readonly old?: number | string | boolean;
  readonly new?: number | string | boolean;
  readonly effect: 'tighter' | 'looser' | 'incomparable';
}

const LOWER_BOUNDS: ReadonlySet<keyof Limits> = new Set([
  'minimum',
  'exclusiveMinimum',
  'minLength',
  'minItems',
  'minProperties',
]);
const UPPER_BOUNDS: ReadonlySet<keyof Limits> = new Set([
  'maximum',
  'exclusiveMaximum',
  'maxLength',
  'maxItems',
  'maxProperties',
]);

function limitEffect(
  key: keyof Limits,
  oldValue: number | string | boolean | undefined,
  newValue: number | string | boolean | undefined,
): LimitChange['effect'] {
  if (oldValue === undefined) return 'tighter';
  if (newValue === undefined) return 'looser';
  if (typeof oldValue === 'number' && typeof newValue === 'number') {
    if (LOWER_BOUNDS.has(key)) return newValue > oldValue ? 'tighter' : 'looser';
    if (UPPER_BOUNDS.has(key)) return newValue < oldValue ? 'tighter' : 'looser';
    if (key === 'multipleOf') {
      if (newValue % oldValue === 0) return 'tighter';
      if (oldValue % newValue === 0) return 'looser';
    }
  }
  return 'incomparable';
}

/** Every limit that differs, in {@link LIMIT_KEYS} order. */
export function limitChanges(oldLimits: Readonly<Limits>, newLimits: Readonly<Limits>): LimitChange[] {
  const out: LimitChange[] = [];
  for (const key of LIMIT_KEYS) {
    const oldValue = oldLimits[key];
    const newValue = newLimits[key];
    if (oldValue === newValue) continue;
    out.push({
      key,
      ...(oldValue === undefined ? {} : { old: oldValue }),
      ...(newValue === undefined ? {} : { new: newValue }),
      effect: limitEffect(key, oldValue, newValue),
    });
  }
  return out;
}

/** `maxItems: 1000 -> 100`, `pattern: (none) -> ^a`. */
export function limitText(change: LimitChange): string {
  const text = (value: number | string | boolean | undefined): string =>
    value === undefined ? '(none)' : String(value);
  return `${change.key}: ${text(change.old)} → ${text(change.new)}`;
}
