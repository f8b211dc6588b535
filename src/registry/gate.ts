import type { CheckDeclaration } from './declaration.js';

/** Why no sandbox fault triggers a gate check: the gate judges an SDK build against nock's answers. */
const PROVEN_BY_FIXTURES =
  'it judges an SDK build, not a provider: suites/pact/gate.test.ts proves it on the pinned @hubspot/api-client ' +
  'and on fake SDKs built to break it';

/**
 * The checks of `hsac gate sdk`, in the order they run for an endpoint x version (src/gate/checks/,
 * one module each; GATE_CHECK_MODULES holds them in this order). The JUnit report has one testcase
 * per endpoint x check.
 */
export const GATE_DECLARATIONS = [
  // Does the client have a method for the endpoint in this version at all? (13.x: v4 only.)
  {
    id: 'sdk-endpoint-missing',
    kind: 'gate',
    scope: 'sdk-build',
    description: 'the client exposes a method for the endpoint in this API version',
    // An error only for a version asked for explicitly (--api-version).
    severity: 'warning',
    faults: [],
    noFaultWhy: PROVEN_BY_FIXTURES,
  },
  // (a) What it sends, for generated inputs.
  {
    id: 'sdk-request-path',
    kind: 'gate',
    scope: 'sdk-build',
    description: "the request uses the contract's method and path for the version",
    severity: 'error',
    faults: [],
    noFaultWhy: PROVEN_BY_FIXTURES,
  },
  {
    id: 'sdk-request-headers',
    kind: 'gate',
    scope: 'sdk-build',
    description: 'the request carries the bearer token, a JSON content type with a body, and accepts JSON',
    severity: 'error',
    faults: [],
    noFaultWhy: PROVEN_BY_FIXTURES,
  },
  {
    id: 'sdk-request-body',
    kind: 'gate',
    scope: 'sdk-build',
    description:
      'the body sent is the input given (as the typed model a TypeScript user builds) and valid under strict',
    severity: 'error',
    faults: [],
    noFaultWhy: PROVEN_BY_FIXTURES,
  },
  // (b) What it makes of every declared answer.
  {
    id: 'sdk-decode-throws',
    kind: 'gate',
    scope: 'sdk-build',
    description: 'every declared 2xx decodes without throwing; 400 and 401 reject with their status',
    severity: 'error',
    faults: [],
    noFaultWhy: PROVEN_BY_FIXTURES,
  },
  {
    id: 'sdk-field-lost',
    kind: 'gate',
    scope: 'sdk-build',
    description: 'no field the schema declares is missing from the decoded model',
    // A warning for an optional field no consumer reads (src/pact/reliance.ts).
    severity: 'error',
    faults: [],
    noFaultWhy: PROVEN_BY_FIXTURES,
  },
  {
    id: 'sdk-field-corrupted',
    kind: 'gate',
    scope: 'sdk-build',
    description:
      'no field the schema declares has another value in the decoded model (IDs, dates to the millisecond, nulls)',
    // A warning for an optional field no consumer reads (src/pact/reliance.ts).
    severity: 'error',
    faults: [],
    noFaultWhy: PROVEN_BY_FIXTURES,
  },
  // (c) The 2025 status-code change (FACTS §8.1): the other code of the same family.
  {
    id: 'sdk-status-tolerance',
    kind: 'gate',
    scope: 'sdk-build',
    description:
      'a success answered with the other code of its family (200 for 201 and back) decodes as the declared one',
    severity: 'error',
    faults: [],
    noFaultWhy: PROVEN_BY_FIXTURES,
  },
  // The SDK's TypeScript enums against the schema's (a value missing there cannot be matched by typed code).
  {
    id: 'sdk-enum-values',
    kind: 'gate',
    scope: 'sdk-build',
    description:
      "the SDK's enums list every value the schema allows " +
      '(instancePath: the first place in a body where the enum is used)',
    severity: 'warning',
    faults: [],
    noFaultWhy: PROVEN_BY_FIXTURES,
  },
] as const satisfies readonly CheckDeclaration[];
