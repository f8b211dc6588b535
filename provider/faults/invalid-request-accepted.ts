import type { Fault } from './fault.js';

/**
 * A request body the spec makes invalid (no `inputs`, an input without its ID, a field of a type
 * no binding can coerce, a category not in the enum) is answered as a success with no results:
 * the client's bug goes unnoticed. The input limit (`input-limit-not-enforced`'s), malformed JSON,
 * the content type and auth are refused as before.
 */
export const fault: Fault = {
  name: 'invalid-request-accepted',
  description:
    "request bodies the version's request schema makes invalid get the endpoint's 2xx envelope with no results instead of a 400",
  kind: 'exchange',
  triggers: ['invalid-request-rejected'],
  policy: { rejectInvalidRequests: false },
};
