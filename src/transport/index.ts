/** The transport layer: hsac's only way onto the network. */
export {
  DEFAULT_TIMEOUT_MS,
  HubSpotClient,
  DailyLimitReached,
  SendInterrupted,
  WaitTooLong,
  type ClientOptions,
  type SendRequest,
  type WaitNotice,
} from './client.js';
export { abortReason, systemClock, type Clock } from './clock.js';
export type { Attempt, Exchange, RecordedRequest, RecordedResponse, TransportFailureKind } from '../exchange.js';
export {
  RATE_LIMIT_POLICIES,
  SECONDLY_MESSAGE,
  SECONDLY_WINDOW_MS,
  TEN_SECONDLY_WINDOW_MS,
  exhaustedInterval,
  isRateLimitPolicy,
  parseHttpDate,
  parseRetryAfter,
  rateLimitDecision,
  readRateLimitBody,
  type RateLimitBody,
  type RateLimitDecision,
  type RateLimitDecisionOptions,
  type RateLimitPolicyName,
  type RetryAfter,
} from '../catalogue/rate-limit-policy.js';
export {
  DEFAULT_RATE_BUDGET,
  RateLimiter,
  parseRateBudget,
  type AcquireOptions,
  type RateBudget,
} from './rate-limiter.js';
export { REDACTED, createRedactor, secretForms, type Redactor } from './redact.js';
export { DEFAULT_RETRY_POLICY, backoffDelay, isRetryableStatus, retryAfterMs, type RetryPolicy } from './retry.js';
