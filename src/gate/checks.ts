/**
 * The gate's checks, in the order they run for an endpoint x version (STYLE.md: one ordered,
 * commented list; a duplicate id throws at load). Each finding of the gate carries one of these
 * ids; the JUnit report has one testcase per endpoint x check.
 */
export const GATE_CHECKS = [
  // Does the client have a method for the endpoint in this version at all? (13.x: v4 only.)
  { id: 'sdk-endpoint-missing', description: 'the client exposes a method for the endpoint in this API version' },
  // (a) What it sends, for generated inputs.
  { id: 'sdk-request-path', description: "the request uses the contract's method and path for the version" },
  { id: 'sdk-request-headers', description: 'the request carries the bearer token, a JSON content type with a body, and accepts JSON' },
  { id: 'sdk-request-body', description: 'the body sent is the input given (as the typed model a TypeScript user builds) and valid under strict' },
  // (b) What it makes of every declared answer.
  { id: 'sdk-decode-throws', description: 'every declared 2xx decodes without throwing; 400 and 401 reject with their status' },
  { id: 'sdk-field-lost', description: 'no field the schema declares is missing from the decoded model' },
  { id: 'sdk-field-corrupted', description: 'no field the schema declares has another value in the decoded model (IDs, dates to the millisecond, nulls)' },
  // (c) The 2025 status-code change (FACTS §8.1): the other code of the same family.
  { id: 'sdk-status-tolerance', description: 'a success answered with the other code of its family (200 for 201 and back) decodes as the declared one' },
  // The SDK's TypeScript enums against the schema's (a value missing there cannot be matched by typed code).
  { id: 'sdk-enum-values', description: "the SDK's enums list every value the schema allows (instancePath: the first place in a body where the enum is used)" },
] as const;

/** One gate check id. */
export type GateCheckId = (typeof GATE_CHECKS)[number]['id'];

const seen = new Set<string>();
for (const check of GATE_CHECKS) {
  if (seen.has(check.id)) throw new Error(`gate check "${check.id}" is listed twice`);
  seen.add(check.id);
}
