/**
 * The sandbox's body builders: batch envelopes, StandardError, the `Error` body and the 429 body,
 * shaped as FACTS §5-§6 describe HubSpot's. Only valid shapes are built here; faults break them.
 */

/** An RFC 3339 date-time as HubSpot writes it (UTC, milliseconds). */
export function timestamp(millis: number): string {
  return new Date(millis).toISOString();
}

/** One ErrorDetail (every field but `message` optional). */
export interface ErrorDetailBody {
  message: string;
  code?: string;
  in?: string;
  context?: Record<string, string[]>;
}

/** One StandardError: every field the schema requires, plus the failing input's `id`. */
export interface StandardErrorBody {
  status: 'error';
  id?: string;
  category: string;
  message: string;
  context: Record<string, string[]>;
  errors: ErrorDetailBody[];
  links: Record<string, string>;
}

/** A per-input failure; its one detail repeats the context so clients reading either see it. */
export function standardError(input: {
  category: string;
  message: string;
  id?: string;
  field: string;
  context: Record<string, string[]>;
}): StandardErrorBody {
  const error: StandardErrorBody = {
    status: 'error',
    category: input.category,
    message: input.message,
    context: input.context,
    errors: [{ message: input.message, code: input.category, in: input.field, context: input.context }],
    links: {},
  };
  if (input.id !== undefined) error.id = input.id;
  return error;
}

/** The `Error` body of every non-2xx answer but 429 (`status: "error"` as real bodies carry it). */
export function errorBody(input: {
  correlationId: string;
  category: string;
  message: string;
}): Record<string, unknown> {
  return { status: 'error', message: input.message, correlationId: input.correlationId, category: input.category };
}

/** Which limit a 429 reports (FACTS §6). */
export type RateLimitPolicy = 'TEN_SECONDLY_ROLLING' | 'DAILY';

const POLICY_MESSAGES: Record<RateLimitPolicy, string> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  DAILY: 'You have reached your daily limit.',
};

/** The 429 body of HubSpot's documented example (FACTS §6). */
export function rateLimitBody(input: {
  policy: RateLimitPolicy;
  correlationId: string;
  requestId: string;
}): Record<string, unknown> {
  return {
    status: 'error',
    message: POLICY_MESSAGES[input.policy],
    errorType: 'RATE_LIMIT',
    correlationId: input.correlationId,
    policyName: input.policy,
    requestId: input.requestId,
  };
}
