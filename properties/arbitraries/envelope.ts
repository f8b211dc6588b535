import fc from 'fast-check';
import { DEFAULT_API_VERSION, type ResponseKind } from '../../src/catalogue/index.js';
import { declaredProperties, enumOf } from '../schema/definitions.js';
import { ArbitraryConstraintError, integerIn, ordered } from './constraints.js';
import { standardError } from './errors.js';
import { links } from './maps.js';
import type { JsonObject, ShapeConstraints } from './shape.js';
import { batchTimestamps } from './timestamps.js';

/**
 * The batch envelope every batch response shares: `status`, `results`, the three stamps, `links`,
 * and `errors`/`numErrors` where (and only where) the version's definition declares them (the
 * `*WithErrors` split of FACTS.md §2-§3, merged again in 2026-09).
 */

/** Fields the envelope builder knows how to generate; a definition declaring another one throws. */
const ENVELOPE_FIELDS = new Set([
  'status',
  'results',
  'requestedAt',
  'startedAt',
  'completedAt',
  'links',
  'numErrors',
  'errors',
]);

/** Constraints of {@link batchResponse}. */
export interface BatchResponseConstraints extends ShapeConstraints {
  /** The envelope definition, e.g. `BatchResponsePublicAssociationMultiWithLabelWithErrors`. */
  readonly definition: string;
  /** `partial` (a 207) carries at least one error; `success` carries errors only where declared, and maybe none. */
  readonly kind: ResponseKind;
  /** Generator of one `results` item. */
  readonly result: fc.Arbitrary<unknown>;
  /** Fewest results (default 0; a 207 may have failed every input). */
  readonly minResults?: number;
  /** Most results (default 5). */
  readonly maxResults?: number;
  /** Most errors (default 3). */
  readonly maxErrors?: number;
}

function batchStatus(values: readonly string[]): fc.Arbitrary<string> {
  // In practice a finished batch says COMPLETE (FACTS.md §5); the other values still appear.
  return values.includes('COMPLETE')
    ? fc.oneof({ weight: 4, arbitrary: fc.constant('COMPLETE') }, { weight: 1, arbitrary: fc.constantFrom(...values) })
    : fc.constantFrom(...values);
}

/** Any batch envelope of a version, valid under `strict` by construction. */
export function batchResponse(constraints: BatchResponseConstraints): fc.Arbitrary<JsonObject> {
  const builder = 'batchResponse';
  const { apiVersion = DEFAULT_API_VERSION, complete = false, definition, kind } = constraints;
  const declared = declaredProperties(apiVersion, definition);
  const unknown = [...declared].filter((name) => !ENVELOPE_FIELDS.has(name));
  if (unknown.length > 0)
    throw new ArbitraryConstraintError(
      `${builder}: ${definition} (${apiVersion}) declares ${unknown.join(', ')}, which the envelope builder does not generate`,
    );
  const minResults = integerIn(builder, 'minResults', constraints.minResults ?? (complete ? 1 : 0), 0, 100_000);
  const maxResults = integerIn(builder, 'maxResults', constraints.maxResults ?? Math.max(5, minResults), 0, 100_000);
  ordered(builder, 'minResults', minResults, 'maxResults', maxResults);
  const maxErrors = integerIn(builder, 'maxErrors', constraints.maxErrors ?? 3, 1, 10_000);
  const withErrors = declared.has('errors');
  if (kind === 'partial' && !withErrors)
    throw new ArbitraryConstraintError(
      `${builder}: kind "partial" needs errors, which ${definition} (${apiVersion}) does not declare`,
    );

  const error = standardError({ apiVersion, complete });
  const count = (list: readonly unknown[]) =>
    declared.has('numErrors') ? { errors: list, numErrors: list.length } : { errors: list };
  const errorsPart: fc.Arbitrary<{ errors?: readonly unknown[]; numErrors?: number }> = !withErrors
    ? fc.constant({})
    : kind === 'partial' || complete
      ? fc.array(error, { minLength: 1, maxLength: maxErrors }).map(count)
      : // A success that declares errors: usually none listed, sometimes `[]`, sometimes some (2026-09 has no 207).
        fc.oneof(
          { weight: 3, arbitrary: fc.constant({}) },
          { weight: 1, arbitrary: fc.constant(count([])) },
          { weight: 1, arbitrary: fc.array(error, { minLength: 1, maxLength: maxErrors }).map(count) },
        );
  const linksPart = !declared.has('links')
    ? fc.constant(undefined)
    : complete
      ? links({ nonEmpty: true })
      : fc.option(links(), { nil: undefined });

  return fc
    .record(
      {
        status: batchStatus(enumOf(apiVersion, definition, 'status')),
        results: fc.array(constraints.result, { minLength: minResults, maxLength: maxResults }),
        stamps: batchTimestamps({
          requestedAt: !declared.has('requestedAt') ? 'never' : complete ? 'always' : 'sometimes',
        }),
        errorsPart,
        links: linksPart,
      },
      { noNullPrototype: true },
    )
    .map(({ status, results, stamps, errorsPart: errs, links: linkMap }) => {
      const body: JsonObject = { status, results, ...errs, ...stamps };
      if (linkMap !== undefined) body.links = linkMap;
      return body;
    });
}
