/** The transport layer: hsac's only way onto the network. */
export { HubSpotClient, DailyLimitReached, type ClientOptions, type SendRequest } from './client.js';
export { systemClock, type Clock } from './clock.js';
export type { Attempt, Exchange, RecordedRequest, RecordedResponse, TransportFailureKind } from './exchange.js';
export { DEFAULT_RATE_BUDGET, RateLimiter, parseRateBudget, type RateBudget } from './rate-limiter.js';
export { REDACTED, createRedactor, secretForms, type Redactor } from './redact.js';
export { DEFAULT_RETRY_POLICY, backoffDelay, isRetryableStatus, retryAfterMs, type RetryPolicy } from './retry.js';
