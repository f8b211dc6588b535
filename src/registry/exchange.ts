import type { CheckDeclaration } from './declaration.js';

/**
 * The exchange checks (src/checks/, one module each), in the order they run on each exchange:
 * EXCHANGE_CHECKS in src/checks/index.ts holds their implementations in this order.
 */
export const EXCHANGE_DECLARATIONS = [
  // First: was there an answer to judge at all? (resets, timeouts, persistent 5xx)
  {
    id: 'transport',
    kind: 'exchange',
    scope: 'exchange',
    description: 'every exchange ended in a checkable answer (no reset, timeout or persistent 5xx)',
    // A warning: the run is inconclusive (exit 3) instead, never a pass and never a fail.
    severity: 'warning',
    faults: ['status-500', 'status-502', 'status-503', 'html-error-page', 'slow-response', 'connection-reset'],
    notExercisedWhy: 'no request was sent',
  },
  // Security before shape: a leaked credential matters more than any field.
  {
    id: 'token-redaction',
    kind: 'exchange',
    scope: 'exchange',
    description: 'the provider never echoes the access token',
    severity: 'error',
    faults: ['token-echo-header', 'token-echo-body', 'token-echo-error-message'],
    notExercisedWhy: 'no answer came back to look for an echoed token in',
  },
  // The answer's envelope: status family, then content type.
  {
    id: 'status-family',
    kind: 'exchange',
    scope: 'exchange',
    description: 'a valid request gets a 2xx answer',
    severity: 'error',
    faults: ['status-family-4xx'],
    notExercisedWhy: 'no valid request got an answer other than a 429 or 5xx',
  },
  {
    id: 'content-type',
    kind: 'exchange',
    scope: 'exchange',
    description: 'a response with a body says Content-Type: application/json',
    severity: 'error',
    faults: ['content-type-text'],
    notExercisedWhy: 'no answer carried a body to label (below 500)',
  },
  // The body: schema under the profile plus the batch envelope rules.
  {
    id: 'response-body',
    kind: 'exchange',
    scope: 'exchange',
    description:
      'the response body conforms to the schema of its endpoint, version and status, and to the batch envelope rules',
    severity: 'error',
    faults: [],
    noFaultWhy:
      'its findings carry the ids of the body-level checks (kinds schema, body-rule, body-reader, response), ' +
      'whose declarations list the faults that trigger them',
    notExercisedWhy: 'no answer below 500 carried a complete body to validate',
  },
  // Batch semantics one answer can show.
  {
    id: 'inputs-accounted',
    kind: 'exchange',
    scope: 'exchange',
    description: 'every batch input appears in results or is named by an error',
    // The batch endpoints: PUT default sends no inputs to account for.
    endpoints: ['batch-read', 'batch-associate-default', 'configurations-batch-create'],
    severity: 'error',
    faults: ['input-dropped', 'multi-status-without-errors'],
    notExercisedWhy:
      'no batch answer with inputs to account for came back (a conformance request answered 2xx with a JSON body)',
  },
  // Requests the runner sent to be refused.
  {
    id: 'auth-enforced',
    kind: 'exchange',
    scope: 'exchange',
    description: 'a request without a token gets 401',
    severity: 'error',
    faults: ['auth-not-enforced'],
    notExercisedWhy:
      'no request without a token got an answer other than a 429 or 5xx ' +
      '(the no-token probes were not sent, rate-limited or unanswered)',
  },
  {
    id: 'input-limit-enforced',
    kind: 'exchange',
    scope: 'exchange',
    description: 'a batch over the documented input limit gets a 4xx',
    // Only batch read has a documented input limit (FACTS.md §2); the others have none to probe.
    endpoints: ['batch-read'],
    severity: 'error',
    faults: ['input-limit-not-enforced'],
    notExercisedWhy: 'the over-limit probe (1001 inputs to batch read) was not sent, or got a 429, a 5xx or no answer',
  },
  {
    id: 'invalid-request-rejected',
    kind: 'exchange',
    scope: 'exchange',
    description: 'a request body the spec makes invalid gets a 4xx (with a valid error body)',
    // PUT default has no body to break; its path IDs are the other checks' business.
    endpoints: ['batch-read', 'batch-associate-default', 'configurations-batch-create'],
    severity: 'error',
    faults: ['invalid-request-accepted'],
    notExercisedWhy:
      'no invalid request body got an answer other than a 429 (hsac sends them only within the rate budget)',
  },
  // Throttling metadata on every answer, and the 429 contract.
  {
    id: 'rate-limit-contract',
    kind: 'exchange',
    scope: 'exchange',
    description:
      'every 429 is a JSON error with a known policyName that says when to retry, ' +
      'and rate-limit headers are consistent whole numbers',
    severity: 'error',
    faults: [
      'rate-limit-headers-missing',
      'rate-limit-body-missing-policyName',
      'rate-limit-unnamed-auxiliary',
      'rate-limit-html-body',
    ],
    notExercisedWhy:
      'no answer was a 429: hsac bursts until one only against the embedded sandbox or with --probe-rate-limit',
  },
] as const satisfies readonly CheckDeclaration[];
