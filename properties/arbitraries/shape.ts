import fc from 'fast-check';
import type { ApiVersion } from '../../src/catalogue/index.js';
import { declaredProperties, requiredProperties } from '../schema/definitions.js';
import { ArbitraryConstraintError } from './constraints.js';

/** What every object builder takes. */
export interface ShapeConstraints {
  /** The API version whose definitions decide which fields exist (default `2026-03`). */
  readonly apiVersion?: ApiVersion;
  /**
   * Every optional field present and every list non-empty, so a body reaches every site of its
   * schema (the mutation catalogue relies on it). Default false: optional fields come and go.
   */
  readonly complete?: boolean;
}

/** A JSON object body. */
export type JsonObject = Record<string, unknown>;

/**
 * A record arbitrary for one definition of one version. The builder supplies a generator for every
 * field any version declares; the version's definition decides which of them exist (a field it does
 * not declare is dropped, so `fromObjectTypeId` never reaches 2026-09) and which are required. A
 * declared field without a generator throws at once: a field added to `schemas/` must be generated.
 */
export function definitionRecord(
  apiVersion: ApiVersion,
  definition: string,
  fields: Readonly<Record<string, fc.Arbitrary<unknown>>>,
  options: {
    readonly complete?: boolean;
    /** Optional fields this builder always emits (e.g. `next` of a Paging that exists because there are more pages). */
    readonly alwaysInclude?: readonly string[];
    /** Optional fields this builder never emits (e.g. `paging` on the last page). */
    readonly omit?: readonly string[];
  } = {},
): fc.Arbitrary<JsonObject> {
  const omitted = new Set(options.omit ?? []);
  const declared = new Set([...declaredProperties(apiVersion, definition)].filter((name) => !omitted.has(name)));
  const required = requiredProperties(apiVersion, definition);
  const omittedRequired = [...omitted].filter((name) => required.has(name));
  if (omittedRequired.length > 0)
    throw new ArbitraryConstraintError(
      `${definition} (${apiVersion}) requires ${omittedRequired.join(', ')}; a builder cannot omit it`,
    );
  const missing = [...declared].filter((name) => !Object.hasOwn(fields, name));
  if (missing.length > 0) {
    throw new ArbitraryConstraintError(
      `${definition} (${apiVersion}) declares ${missing.map((m) => `"${m}"`).join(', ')} but its builder has no generator for it`,
    );
  }
  const keep = new Set(
    options.complete ? declared : [...required, ...(options.alwaysInclude ?? [])].filter((name) => declared.has(name)),
  );
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, arbitrary] of Object.entries(fields)) if (declared.has(name)) model[name] = arbitrary;
  return fc.record(model, { requiredKeys: [...keep], noNullPrototype: true });
}
