import type { ErrorObject } from 'ajv';
import { isRequired, type SchemaSite } from './schema-walk.js';

/**
 * The two profiles of DESIGN.md. One schema per version; a profile is a tolerance policy over it.
 * - `strict`: the spec as published: every deviation is an error. The published spec leaves
 *   objects open, so an undeclared field is not a deviation from it (see {@link UNKNOWN_FIELD_POLICIES}).
 * - `lenient`: what a robust client must tolerate; those deviations become warnings, never
 *   silently dropped, because they still tell an SDK team what its decoder must survive.
 */
export const PROFILES = ['strict', 'lenient'] as const;
export type Profile = (typeof PROFILES)[number];

/** Narrowing guard for user input. */
export function isProfile(value: string): value is Profile {
  return (PROFILES as readonly string[]).includes(value);
}

/**
 * How an undeclared field is graded, under either profile. HubSpot's OpenAPI has no
 * `additionalProperties: false` (FACTS.md header), JSON Structure SDKs read an absent
 * `additionalProperties` as open, and HubSpot adds optional fields inside a version
 * (`fromObjectTypeId`/`toObjectTypeId` joined 2026-03 on 2026-08-17, FACTS.md §2, §5). hsac's
 * schemas close their objects only so that such a field is seen: by default it is an
 * `unknown-field` warning (drift), and an error only where the user asks for it
 * (`hsac validate --unknown-fields error`, `run.checks["unknown-field"]: "error"`).
 */
export const UNKNOWN_FIELD_POLICIES = ['warn', 'error'] as const;
export type UnknownFieldPolicy = (typeof UNKNOWN_FIELD_POLICIES)[number];

/** The default: objects are open in both profiles (DESIGN.md "Profiles"). */
export const DEFAULT_UNKNOWN_FIELD_POLICY: UnknownFieldPolicy = 'warn';

/** Narrowing guard for user input. */
export function isUnknownFieldPolicy(value: string): value is UnknownFieldPolicy {
  return (UNKNOWN_FIELD_POLICIES as readonly string[]).includes(value);
}

/** What the lenient policy needs to judge one ajv error. */
export interface ToleranceInput {
  readonly error: ErrorObject;
  /** The value at the error's instance path. */
  readonly data: unknown;
  /** The schema site of that value. */
  readonly site: SchemaSite;
  /** The check id the error was classified as. */
  readonly check: string;
}

/** A named tolerance: why lenient accepts a deviation, with the evidence for it. */
interface Tolerance {
  readonly id: string;
  readonly applies: (input: ToleranceInput) => boolean;
  /** Said in the warning, so a reader sees why it is not an error. */
  readonly reason: string;
}

/** A tolerance that applied: its id and reason, and the profiles it holds under. */
export interface AppliedTolerance {
  readonly id: string;
  readonly reason: string;
  /** `every`: a warning under strict too (open objects); `lenient`: under lenient only. */
  readonly under: 'every' | 'lenient';
}

/**
 * Open objects: not a lenient tolerance but the spec as published, so it holds under every
 * profile, unless the user made unknown fields errors.
 */
const OPEN_OBJECTS: Tolerance = {
  id: 'unknown-field',
  applies: ({ error }) => error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties',
  reason:
    'objects are open in the published spec (no additionalProperties: false) and HubSpot adds optional fields inside a version (fromObjectTypeId/toObjectTypeId joined 2026-03 on 2026-08-17, FACTS.md §5); clients must ignore fields they do not know',
};

const ID_PROPERTY = /^(id|[A-Za-z]*Id)$/;

const expectsType = (error: ErrorObject, type: string): boolean => {
  const declared = (error.params as { type?: unknown }).type;
  return Array.isArray(declared) ? declared.includes(type) : declared === type;
};

/**
 * The lenient tolerances, in the order they are tried (after {@link OPEN_OBJECTS}). Each is a deviation seen from
 * HubSpot in the wild (FACTS.md §5, §7, §8), not a guess. The batch `status` enum is deliberately absent:
 * clients branch on it, and `CANCELLED` vs `CANCELED` is a known misspelling (FACTS.md §7.1), so
 * an unknown status stays an error under every profile.
 */
const TOLERANCES: readonly Tolerance[] = [
  {
    id: 'null-optional',
    // Only a property the schema declares and does not require: a null array item, a null body or
    // a null value of a map is not "an optional field left out".
    applies: ({ error, data, site }) =>
      error.keyword === 'type' &&
      data === null &&
      site.parent !== undefined &&
      site.property !== undefined &&
      !isRequired(site),
    reason: 'HubSpot sends null for absent optional fields, e.g. "requestedAt": null (hubspot-api-nodejs#656)',
  },
  {
    id: 'numeric-id',
    applies: ({ error, data, site }) =>
      error.keyword === 'type' &&
      expectsType(error, 'string') &&
      Number.isInteger(data) &&
      ID_PROPERTY.test(site.property ?? ''),
    reason: 'record IDs arrive as numbers from some endpoints (hubspot-api-nodejs#552); decode them as strings',
  },
  {
    id: 'sub-category-string',
    applies: ({ error, data, site }) =>
      error.keyword === 'type' &&
      expectsType(error, 'object') &&
      typeof data === 'string' &&
      site.property === 'subCategory',
    reason: 'StandardError.subCategory is an object in the spec but a string in ErrorDetail and Error (FACTS.md §7.4)',
  },
  {
    id: 'open-enum',
    applies: ({ error, data, check }) =>
      error.keyword === 'enum' && check !== 'status-enum' && typeof data === 'string',
    reason: 'HubSpot adds enum values without a version bump (WORK joined the category enum in 2026-02, FACTS.md §5)',
  },
];

/**
 * The tolerance that lets a deviation pass as a warning under `profile`, if any. An undeclared
 * field is one under every profile unless `unknownFields` is `error`; the others under `lenient` only.
 */
export function toleranceFor(
  profile: Profile,
  input: ToleranceInput,
  unknownFields: UnknownFieldPolicy = DEFAULT_UNKNOWN_FIELD_POLICY,
): AppliedTolerance | undefined {
  if (OPEN_OBJECTS.applies(input))
    return unknownFields === 'warn' ? { id: OPEN_OBJECTS.id, reason: OPEN_OBJECTS.reason, under: 'every' } : undefined;
  if (profile === 'strict') return undefined;
  const found = TOLERANCES.find((tolerance) => tolerance.applies(input));
  return found ? { id: found.id, reason: found.reason, under: 'lenient' } : undefined;
}
