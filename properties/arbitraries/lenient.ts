import fc from 'fast-check';
import { DEFAULT_API_VERSION, operation, type ApiVersion, type EndpointId } from '../../src/catalogue/index.js';
import { mutationsFor } from '../mutations/index.js';
import type { Mutation, MutationCheck, MutationTarget, ToleranceId } from '../mutations/mutation.js';
import { isDeclaredPartial } from '../mutations/targets.js';
import { isWithin } from '../schema/edit.js';
import { ArbitraryConstraintError, integerIn, oneOf } from './constraints.js';
import { requestBody } from './requests.js';
import { responseBody } from './responses.js';

/**
 * Lenient variants: real-world deviations a robust client must survive (FACTS.md §9), each a
 * warning under `lenient` and an error under `strict`, but for undeclared fields: objects are open
 * in the published spec, so those are warnings under both profiles unless unknown fields are set
 * to error. Built by applying the mutation catalogue's tolerated mutations to a valid body, so each
 * variant says which deviations it carries and where.
 */

/** The tolerances, in profiles.ts order. */
export const TOLERANCE_IDS: readonly ToleranceId[] = [
  'unknown-field',
  'null-optional',
  'numeric-id',
  'sub-category-string',
  'open-enum',
];

/** One deviation in a variant: what was changed, where, and the finding that must say so. */
export interface Deviation {
  readonly mutation: string;
  readonly tolerance: ToleranceId;
  readonly check: MutationCheck;
  readonly instancePath: string;
}

/** A lenient-only body and its deviations. */
export interface LenientVariant {
  readonly body: unknown;
  readonly deviations: readonly Deviation[];
}

/** Constraints of {@link lenientVariant}. */
export interface LenientVariantConstraints {
  readonly endpoint: EndpointId;
  readonly apiVersion?: ApiVersion;
  /** A response status, or `request` (default: the first declared success code). */
  readonly status?: MutationTarget;
  /** Which tolerances to use (default all); e.g. `['numeric-id']` for numeric `toObjectId`s. */
  readonly kinds?: readonly ToleranceId[];
  /** Most deviations in one body (default 3). */
  readonly maxDeviations?: number;
}

/**
 * Why a tolerated mutation is left out at a place: a 207's `errors` is read by the
 * multi-status rule, so `errors: null` there is a semantic error under every profile.
 */
function breaksARule(mutation: Mutation, at: string, partial: boolean): boolean {
  return partial && at === '/errors' && mutation.tolerance === 'null-optional';
}

/** A body with 1..maxDeviations tolerated deviations applied, at places that do not overlap. */
export function lenientVariant(constraints: LenientVariantConstraints): fc.Arbitrary<LenientVariant> {
  const builder = 'lenientVariant';
  const apiVersion = constraints.apiVersion ?? DEFAULT_API_VERSION;
  const kinds = new Set(
    (constraints.kinds ?? TOLERANCE_IDS).map((kind) => oneOf(builder, 'kinds[]', kind, TOLERANCE_IDS)),
  );
  if (kinds.size === 0) throw new ArbitraryConstraintError(`${builder}: kinds must not be empty`);
  const maxDeviations = integerIn(builder, 'maxDeviations', constraints.maxDeviations ?? 3, 1, 20);
  const op = operation(constraints.endpoint, apiVersion);
  const status: MutationTarget = constraints.status ?? op.responses[0]?.status ?? 200;
  // With named kinds, start from a complete body so every site those kinds need is there.
  const complete = constraints.kinds !== undefined;
  const base =
    status === 'request'
      ? requestBody({ endpoint: op.endpoint, apiVersion, complete: true })
      : responseBody({ endpoint: op.endpoint, apiVersion, status, complete }, builder);
  const tolerated = mutationsFor(constraints.endpoint, apiVersion, status).filter(
    (m) => m.tolerance !== undefined && kinds.has(m.tolerance),
  );
  if (tolerated.length === 0)
    throw new ArbitraryConstraintError(
      `${builder}: no ${[...kinds].join('/')} deviation applies to ${apiVersion} ${constraints.endpoint} ${String(status)}`,
    );
  const partial = isDeclaredPartial(constraints.endpoint, apiVersion, status);
  const picks = fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: maxDeviations });

  return fc.tuple(base, picks).map(([body, chosen]): LenientVariant => {
    let current: unknown = body;
    const deviations: Deviation[] = [];
    // Conservative overlap test on the site itself: no deviation inside or around an earlier one.
    const free = (mutation: Mutation, at: string): boolean =>
      !breaksARule(mutation, at, partial) &&
      deviations.every((d) => !isWithin(at, d.instancePath) && !isWithin(d.instancePath, at));
    for (const [which, where] of chosen) {
      // From the picked mutation on, the first that still has a free site (sites are computed lazily:
      // a batch body has dozens of tolerated mutations and only one is needed).
      for (let offset = 0; offset < tolerated.length; offset++) {
        const mutation = tolerated[(which + offset) % tolerated.length];
        const sites = mutation ? mutation.sites(current).filter((at) => free(mutation, at)) : [];
        const at = sites[where % Math.max(sites.length, 1)];
        if (!mutation || at === undefined) continue;
        deviations.push({
          mutation: mutation.id,
          tolerance: mutation.tolerance!,
          check: mutation.check,
          instancePath: mutation.instancePath(current, at),
        });
        current = mutation.apply(current, at);
        break;
      }
    }
    return { body: current, deviations };
  });
}
