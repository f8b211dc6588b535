import type { ApiVersion, EndpointId } from '../../src/catalogue/index.js';
import { derivedMutations } from './derived.js';
import type { Mutation, MutationTarget } from './mutation.js';
import { semanticMutations } from './semantic.js';

export type { Grading, Mutation, MutationCheck, MutationFamily, MutationTarget, ToleranceId } from './mutation.js';
export { ALWAYS_ERROR, LENIENT_WARNING, OPEN_OBJECT_WARNING, severityUnder } from './mutation.js';
export { checkFor, toleranceFor, ID_PROPERTY } from './expectations.js';
export { targetDefinition, catalogueDefinitions } from './targets.js';

let catalogue: readonly Mutation[] | undefined;

/**
 * The mutation catalogue: one ordered list, derived mutations first (walked from the compiled
 * schemas), then the semantic ones. Built on first use (it walks every compiled schema); a
 * duplicate id throws, so two mutations can never be confused in a report.
 */
export function mutationCatalogue(): readonly Mutation[] {
  if (catalogue) return catalogue;
  const list = [...derivedMutations(), ...semanticMutations()];
  const ids = new Set<string>();
  for (const mutation of list) {
    if (ids.has(mutation.id)) throw new Error(`duplicate mutation id "${mutation.id}"`);
    ids.add(mutation.id);
  }
  catalogue = Object.freeze(list);
  return catalogue;
}

/** The mutations that mean something for an endpoint, version and status (or `request`). */
export function mutationsFor(
  endpoint: EndpointId,
  apiVersion: ApiVersion,
  target: MutationTarget,
): readonly Mutation[] {
  return mutationCatalogue().filter((mutation) => mutation.appliesTo(endpoint, apiVersion, target));
}

/** One mutation by id; throws naming the id when there is none. */
export function mutationById(id: string): Mutation {
  const found = mutationCatalogue().find((mutation) => mutation.id === id);
  if (!found) throw new Error(`no mutation "${id}"`);
  return found;
}

/** The catalogue as a namespace, for `import { mutations } from 'hsac'`. */
export const mutations = {
  all: mutationCatalogue,
  for: mutationsFor,
  byId: mutationById,
} as const;
