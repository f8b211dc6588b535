import type { ApiVersion, EndpointId } from '../../src/catalogue/index.js';
import type { Severity } from '../../src/registry/finding.js';
import type { CheckIdOfKind } from '../../src/registry/index.js';
import type { Profile, UnknownFieldPolicy } from '../../src/validate/profiles.js';

/** What a mutation is applied to: a response with this HTTP status, or the request body. */
export type MutationTarget = number | 'request';

/**
 * The check ids a mutation may declare: what the validator finds in one body beyond reading it (the
 * schema checks, the body rules) and in one request (the request checks: the input limit).
 */
export type MutationCheck = CheckIdOfKind<'schema' | 'body-rule' | 'request'>;

/**
 * The tolerances of `src/validate/profiles.ts`, by id: `unknown-field` (open objects) holds under
 * both profiles unless unknown fields are set to error; the others under `lenient` only.
 */
export type ToleranceId = 'unknown-field' | 'null-optional' | 'numeric-id' | 'sub-category-string' | 'open-enum';

/** How a mutation was made: walked from the schema, or written for a semantic rule. */
export type MutationFamily =
  | 'required-removed'
  | 'wrong-type'
  | 'unknown-field'
  | 'enum-unknown'
  | 'enum-lower-case'
  | 'format'
  | 'int32-range'
  | 'docs-example'
  | 'semantic';

/**
 * A named way to break a valid body, and the finding that must catch it. `apply` is pure: it
 * returns a mutated deep copy. A body may offer several places for one mutation (every result,
 * every error); `sites` lists them and `apply`/`instancePath` take one (default: the first).
 */
export interface Mutation {
  /** Stable, unique: `<family>:<definition><pattern>[=<variant>]`, or a semantic name. */
  readonly id: string;
  readonly description: string;
  readonly family: MutationFamily;
  /** Whether the mutation means anything for this endpoint, version and status. */
  appliesTo(endpoint: EndpointId, apiVersion: ApiVersion, status: MutationTarget): boolean;
  /** Where in this body it can be applied (JSON Pointers, document order); empty when nowhere. */
  sites(body: unknown): readonly string[];
  /** A mutated deep copy of `body`; `at` is one of {@link sites} (default the first). Throws when there is no site. */
  apply(body: unknown, at?: string): unknown;
  /** The check that must report it. */
  readonly check: MutationCheck;
  /** The `instancePath` of that finding, for the site used. */
  instancePath(body: unknown, at?: string): string;
  /**
   * The severity of that finding under each profile, by default (`src/validate/profiles.ts`): an
   * undeclared field is a warning under both; with unknown fields set to error it is an error
   * under both (see {@link severityUnder}).
   */
  readonly severityByProfile: Readonly<Record<Profile, Severity>>;
  /** The named tolerance that makes it a warning, if any. */
  readonly tolerance?: ToleranceId;
}

/** Severities of a deviation no profile tolerates. */
export const ALWAYS_ERROR: Readonly<Record<Profile, Severity>> = Object.freeze({ strict: 'error', lenient: 'error' });

/** Severities of a deviation `lenient` tolerates. */
export const LENIENT_WARNING: Readonly<Record<Profile, Severity>> = Object.freeze({
  strict: 'error',
  lenient: 'warning',
});

/**
 * Severities of an undeclared field: objects are open in the published spec, so a warning under
 * both profiles by default (an error only when the user sets unknown fields to error).
 */
export const OPEN_OBJECT_WARNING: Readonly<Record<Profile, Severity>> = Object.freeze({
  strict: 'warning',
  lenient: 'warning',
});

/** What grades a finding: the profile, and how undeclared fields are graded (default `warn`). */
export interface Grading {
  readonly profile: Profile;
  readonly unknownFields?: UnknownFieldPolicy;
}

/**
 * The severity a validator with this grading must give the mutation's finding: its
 * `severityByProfile`, except that with unknown fields set to `error` an undeclared field is an
 * error under every profile (`hsac validate --unknown-fields error`, `run.checks["unknown-field"]`).
 */
export function severityUnder(mutation: Pick<Mutation, 'severityByProfile' | 'tolerance'>, grading: Grading): Severity {
  if (mutation.tolerance === 'unknown-field' && grading.unknownFields === 'error') return 'error';
  return mutation.severityByProfile[grading.profile];
}

/** The site to use: `at` when given (it must be one of `sites`), else the first. */
export function chooseSite(mutation: Pick<Mutation, 'id' | 'sites'>, body: unknown, at?: string): string {
  const sites = mutation.sites(body);
  const chosen = at ?? sites[0];
  if (chosen === undefined) throw new Error(`mutation ${mutation.id} has no site in this body`);
  if (at !== undefined && !sites.includes(at))
    throw new Error(`mutation ${mutation.id} cannot be applied at "${at}" (sites: ${sites.join(', ') || 'none'})`);
  return chosen;
}
