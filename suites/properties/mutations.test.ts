import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allOperations } from '../../src/catalogue/index.js';
import { mutationCatalogue, mutationsFor } from '../../properties/mutations/index.js';
import type { MutationTarget } from '../../properties/mutations/mutation.js';
import { profileCases, propertyTest, SETTINGS, UNKNOWN_FIELDS_AS_ERRORS, VALIDATORS } from './harness.js';
import {
  catchesMutations,
  catchesRequestMutations,
  completeExamples,
  completeRequestExample,
  responseCases,
} from './laws.js';

const FILE = 'suites/properties/mutations.test.ts';

describe('the validator rejects 100% of mutated bodies, with the declared check, path and severity', () => {
  for (const { op, profile, label } of profileCases()) {
    propertyTest(
      FILE,
      `${label}: catches every mutation of a response`,
      () => catchesMutations(VALIDATORS[profile], op, fc.oneof(responseCases(op), responseCases(op, true))),
      // One complete body per status runs first: every site, so every applicable mutation, in every run.
      () => {
        const examples = completeExamples(op, SETTINGS.seed).map((example): [typeof example, number] => [example, 0]);
        return { examples, runs: SETTINGS.runs + examples.length };
      },
    );
  }
  for (const { op, profile, label } of profileCases((op) => op.requestDefinition !== undefined)) {
    propertyTest(
      FILE,
      `${label}: catches every mutation of a request`,
      () => catchesRequestMutations(VALIDATORS[profile], op),
      () => ({
        examples: [[completeRequestExample(op, SETTINGS.seed), 0]],
        runs: SETTINGS.runs + 1,
      }),
    );
  }
});

describe('with unknown fields set to error, every undeclared field is an unknown-field error under both profiles (and a warning without: above)', () => {
  for (const { op, profile, label } of profileCases()) {
    const undeclared = (target: MutationTarget) =>
      mutationsFor(op.endpoint, op.apiVersion, target).filter((m) => m.family === 'unknown-field');
    propertyTest(
      FILE,
      `${label}, unknown fields as errors: catches every undeclared field of a response`,
      () =>
        catchesMutations(UNKNOWN_FIELDS_AS_ERRORS[profile], op, fc.oneof(responseCases(op), responseCases(op, true)), {
          mutationsOf: undeclared,
        }),
      () => {
        const examples = completeExamples(op, SETTINGS.seed).map((example): [typeof example, number] => [example, 0]);
        return { examples, runs: SETTINGS.runs + examples.length };
      },
    );
    if (op.requestDefinition === undefined) continue;
    propertyTest(
      FILE,
      `${label}, unknown fields as errors: catches every undeclared field of a request`,
      () => catchesRequestMutations(UNKNOWN_FIELDS_AS_ERRORS[profile], op, { mutationsOf: undeclared }),
      () => ({
        examples: [[completeRequestExample(op, SETTINGS.seed), 0]],
        runs: SETTINGS.runs + 1,
      }),
    );
  }
});

describe('the catalogue', () => {
  it('every mutation has a site in the complete example of a status it applies to, so the properties above apply it under both profiles', () => {
    // Each example is generated once, not once per mutation and operation (1,800 mutations): `sites` only reads a
    // body. The request example is made only where a mutation of a request applies (an operation without a body has
    // none to make).
    const once = <T>(make: () => T): (() => T) => {
      let made: { readonly value: T } | undefined;
      return () => (made ??= { value: make() }).value;
    };
    const examples = allOperations().map((op) => ({
      op,
      responses: completeExamples(op, SETTINGS.seed),
      request: once(() => completeRequestExample(op, SETTINGS.seed)),
    }));
    const unreached = mutationCatalogue().filter(
      (mutation) =>
        !examples.some(
          ({ op, responses, request }) =>
            responses.some(
              ({ status, body }) =>
                mutation.appliesTo(op.endpoint, op.apiVersion, status) && mutation.sites(body).length > 0,
            ) ||
            (mutation.appliesTo(op.endpoint, op.apiVersion, 'request') && mutation.sites(request()).length > 0),
        ),
    );
    expect(unreached.map((mutation) => mutation.id)).toEqual([]);
  });
});
