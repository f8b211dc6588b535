import type { CheckDeclaration } from './declaration.js';

/** Why no fault triggers a request check: the sandbox's faults change answers, not requests. */
const NO_FAULT =
  'it judges a request (hsac validate --request, the mutation catalogue), not an answer a fault can change';

/** What the validator judges of a request beyond its schema (`validateRequest` in src/validate/index.ts). */
export const REQUEST_DECLARATIONS = [
  {
    id: 'request-body',
    kind: 'request',
    scope: 'request',
    description: 'an endpoint that takes no request body (PUT default) is sent none',
    endpoints: ['associate-default'],
    severity: 'error',
    faults: [],
    noFaultWhy: `${NO_FAULT}: suites/validate/rules.test.ts proves it`,
  },
  {
    id: 'input-limit',
    kind: 'request',
    scope: 'request',
    description: 'a batch request has no more inputs than the endpoint accepts (1000 for batch read)',
    endpoints: ['batch-read'],
    severity: 'error',
    faults: [],
    noFaultWhy: `${NO_FAULT}: suites/validate/rules.test.ts and suites/cli/validate.test.ts prove it`,
  },
] as const satisfies readonly CheckDeclaration[];
