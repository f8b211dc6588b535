import fc from 'fast-check';
import { ArbitraryConstraintError, integerIn, ordered } from './constraints.js';

/**
 * Identifiers shaped like HubSpot's: record IDs are digit strings, many above 2^31 (the int32
 * overflow of hubspot-api-php#261, `5434402448` -> `-1137886043`); object type IDs are `0-n`
 * (standard objects) or `2-n` (custom objects); association type IDs are int32.
 */

const INT32_MAX = 2147483647;
/**
 * Largest ID that still survives a trip through a JS number (numeric-ID variants need that; fc.integer takes any
 * safe integer).
 */
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Constraints of {@link recordId}. */
export interface RecordIdConstraints {
  /** Smallest ID (default 1). */
  readonly min?: bigint;
  /** Largest ID (default 2^53-1). */
  readonly max?: bigint;
}

function idRange(builder: string, constraints: RecordIdConstraints): { min: bigint; max: bigint } {
  const min = constraints.min ?? 1n;
  const max = constraints.max ?? MAX_SAFE;
  if (typeof min !== 'bigint' || min < 1n)
    throw new ArbitraryConstraintError(`${builder}: min must be a bigint >= 1n, got ${String(min)}`);
  if (typeof max !== 'bigint' || max > MAX_SAFE)
    throw new ArbitraryConstraintError(`${builder}: max must be a bigint <= 2^53-1, got ${String(max)}`);
  ordered(builder, 'min', min, 'max', max);
  return { min, max };
}

/**
 * A record ID as HubSpot sends it: a decimal digit string without leading zeros. When the range
 * spans 2^31, IDs inside and above int32 are equally likely, so every run sees both; each branch
 * shrinks towards its own lower end (the smallest ID over int32 is `2147483648`).
 */
export function recordId(constraints: RecordIdConstraints = {}): fc.Arbitrary<string> {
  return numericRecordId(constraints, 'recordId').map(String);
}

/**
 * A record ID as a JSON number, as some endpoints still send `toObjectId` (hubspot-api-nodejs#552)
 * and HubSpot's docs example sends request IDs. Lenient-only: `strict` requires strings.
 */
export function numericRecordId(
  constraints: RecordIdConstraints = {},
  builder = 'numericRecordId',
): fc.Arbitrary<number> {
  const { min, max } = idRange(builder, constraints);
  const top = BigInt(INT32_MAX);
  const branches: fc.Arbitrary<number>[] = [];
  if (min <= top) branches.push(fc.integer({ min: Number(min), max: Number(max < top ? max : top) }));
  if (max > top) branches.push(fc.integer({ min: Number(min > top ? min : top + 1n), max: Number(max) }));
  // Cross-shrinking lets an ID above int32 shrink into the int32 branch when that still fails,
  // so a counterexample keeps a large ID only where the large ID is the point.
  return branches.length === 1 && branches[0] ? branches[0] : fc.oneof({ withCrossShrink: true }, ...branches);
}

/** Standard object type IDs: contacts, companies, deals, tickets, products, calls, notes. */
const STANDARD_OBJECT_TYPE_IDS = ['0-1', '0-2', '0-3', '0-5', '0-7', '0-48', '0-46'] as const;
/** Names the path accepts instead of type IDs (FACTS.md §0). */
const OBJECT_TYPE_NAMES = ['contacts', 'companies', 'deals', 'tickets', 'products', 'calls', 'notes'] as const;

/** An object type ID: `0-n` for standard objects, `2-n` for custom objects. */
export function objectTypeId(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...STANDARD_OBJECT_TYPE_IDS) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 99_999_999 }).map((n) => `2-${n}`) },
  );
}

/** A `{fromObjectType}`/`{toObjectType}` path value: a name or a type ID (the spec allows both). */
export function objectTypeName(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...OBJECT_TYPE_NAMES) },
    { weight: 1, arbitrary: objectTypeId() },
  );
}

/** Constraints of {@link associationTypeId}. */
export interface AssociationTypeIdConstraints {
  /** Smallest type ID (default 1). */
  readonly min?: number;
  /** Largest type ID (default 2^31-1: the field is int32). */
  readonly max?: number;
}

/** An association type ID: int32; HubSpot-defined ones are small (1, 279), user-defined ones large. */
export function associationTypeId(constraints: AssociationTypeIdConstraints = {}): fc.Arbitrary<number> {
  const min = integerIn('associationTypeId', 'min', constraints.min ?? 1, -2147483648, INT32_MAX);
  const max = integerIn('associationTypeId', 'max', constraints.max ?? INT32_MAX, -2147483648, INT32_MAX);
  ordered('associationTypeId', 'min', min, 'max', max);
  return fc.integer({ min, max });
}

/** A paging cursor as HubSpot writes it: the base64 of an offset (`MTAw` is 100). */
export function pagingCursor(): fc.Arbitrary<string> {
  return fc.integer({ min: 1, max: 10_000_000 }).map((offset) => Buffer.from(String(offset)).toString('base64'));
}
