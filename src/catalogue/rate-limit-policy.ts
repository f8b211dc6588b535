/**
 * What a 429 says, read the same way by the client (how long to wait, whether to stop) and by the
 * `rate-limit-contract` check (whether a client can read it at all): one reading, so the two never
 * disagree about what "says when to retry" means. Pure: no I/O, never throws on any input.
 */
import { field, isObject, jsonText } from '../json.js';

/**
 * HubSpot's 429 policies: the ten-secondly rolling window and the daily count (FACTS.md §6), and
 * the search API's secondly limit (handled by third-party code; unverified).
 */
export const RATE_LIMIT_POLICIES = ['TEN_SECONDLY_ROLLING', 'DAILY', 'SECONDLY'] as const;

/** One of {@link RATE_LIMIT_POLICIES}. */
export type RateLimitPolicyName = (typeof RATE_LIMIT_POLICIES)[number];

/** HubSpot's burst window: TEN_SECONDLY_ROLLING is a rolling ten seconds (FACTS.md §6). */
export const TEN_SECONDLY_WINDOW_MS = 10_000;

/** The search API's limit is per second (FACTS.md §6). */
export const SECONDLY_WINDOW_MS = 1_000;

/** The search API's 429 message, as HubSpot's Node SDK matches it (it names no policy). */
export const SECONDLY_MESSAGE = 'You have reached your secondly limit.';

/** Whether `value` is one of HubSpot's policy names. */
export function isRateLimitPolicy(value: unknown): value is RateLimitPolicyName {
  return typeof value === 'string' && (RATE_LIMIT_POLICIES as readonly string[]).includes(value);
}

/** A 429 body as a client can read it. */
export type RateLimitBody =
  /** A JSON object: its `policyName` and `message` as sent (any JSON type; absent is undefined). */
  | { readonly kind: 'json-object'; readonly policyName: unknown; readonly message: unknown }
  /** Anything else; `what` says what it is instead ("an HTML page", "a JSON array", ...). */
  | { readonly kind: 'unreadable'; readonly what: string };

const BOM = '\uFEFF';

/** A body's text as a JSON reader sees it: without a leading byte-order mark and surrounding white space. */
function jsonTextOf(body: string): string {
  return (body.startsWith(BOM) ? body.slice(1) : body).trim();
}

const EMPTY_BODY: RateLimitBody = { kind: 'unreadable', what: 'an empty body' };

/**
 * What a 429 body's text is when a look at it, without parsing, shows it cannot be JSON (empty, an HTML page or
 * other markup); undefined when it may be. Never throws.
 */
export function unreadableRateLimitText(body: string | undefined): RateLimitBody | undefined {
  const text = body === undefined ? '' : jsonTextOf(body);
  if (text.length === 0) return EMPTY_BODY;
  if (text.startsWith('<'))
    return {
      kind: 'unreadable',
      what: /^<(!doctype\s+html|html|head|body)/i.test(text) ? 'an HTML page' : 'markup, not JSON',
    };
  return undefined;
}

/** The 429 body text that is not JSON at all (and is not said to be markup by {@link unreadableRateLimitText}). */
export const NOT_JSON_RATE_LIMIT_BODY: RateLimitBody = { kind: 'unreadable', what: 'text that is not JSON' };

/**
 * A 429 body already parsed (any JSON value), as a client can read it: a JSON object's `policyName` and `message`
 * (own properties only), else what the value is instead. Never throws.
 */
export function rateLimitBodyOf(parsed: unknown): RateLimitBody {
  if (!isObject(parsed)) {
    return {
      kind: 'unreadable',
      what: `a JSON ${parsed === null ? 'null' : Array.isArray(parsed) ? 'array' : typeof parsed}, not an object`,
    };
  }
  return { kind: 'json-object', policyName: field(parsed, 'policyName'), message: field(parsed, 'message') };
}

/**
 * Reads a 429 body's text that may be empty, HTML, malformed or any JSON value. Never throws. A body already read
 * (the rate-limit check's final answer) goes to {@link rateLimitBodyOf} instead, so it is not parsed twice.
 */
export function readRateLimitBody(body: string | undefined): RateLimitBody {
  if (body === undefined) return EMPTY_BODY;
  const unreadable = unreadableRateLimitText(body);
  if (unreadable) return unreadable;
  let parsed: unknown;
  try {
    parsed = JSON.parse(jsonTextOf(body));
  } catch {
    return NOT_JSON_RATE_LIMIT_BODY;
  }
  return rateLimitBodyOf(parsed);
}

/**
 * Decodes a response body's bytes for reading its policy: a byte-order mark decides (UTF-8,
 * UTF-16LE/BE), else the content type's charset when the platform knows it, else UTF-8. Never
 * throws: an unknown charset falls back to UTF-8, bad bytes become U+FFFD.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): string {
  let label = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  else if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
    if (charset) label = charset;
  }
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const DAY = DAYS.join('|');
const MONTH = MONTHS.join('|');
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
const IMF_FIXDATE = new RegExp(`^(?:${DAY}), (\\d{2}) (${MONTH}) (\\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^(?:${LONG_DAYS.join('|')}), (\\d{2})-(${MONTH})-(\\d{2}) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^(?:${DAY}) (${MONTH}) ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

function utc(
  year: number,
  month: string,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number | undefined {
  const monthIndex = (MONTHS as readonly string[]).indexOf(month);
  if (monthIndex < 0 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  const time = Date.UTC(year, monthIndex, day, hour, minute, Math.min(second, 59));
  // 31 Feb rolls over into March in Date.UTC: such a date is not a date.
  return new Date(time).getUTCDate() === day ? time : undefined;
}

/**
 * An HTTP-date (RFC 9110 §5.6.7) in epoch milliseconds, in any of the three forms a recipient
 * must accept (IMF-fixdate, RFC 850, asctime); undefined for anything else. `Date.parse` is not
 * used: it reads almost any text as some date, and a garbage `Retry-After` must read as garbage.
 */
export function parseHttpDate(value: string, now: number): number | undefined {
  const text = value.trim();
  let match = IMF_FIXDATE.exec(text);
  if (match)
    return utc(
      Number(match[3]),
      match[2] ?? '',
      Number(match[1]),
      Number(match[4]),
      Number(match[5]),
      Number(match[6]),
    );
  match = RFC850_DATE.exec(text);
  if (match) {
    // A two-digit year more than 50 years ahead is in the past century (RFC 9110 §5.6.7).
    const currentYear = new Date(now).getUTCFullYear();
    let year = Math.floor(currentYear / 100) * 100 + Number(match[3]);
    if (year > currentYear + 50) year -= 100;
    return utc(year, match[2] ?? '', Number(match[1]), Number(match[4]), Number(match[5]), Number(match[6]));
  }
  match = ASCTIME_DATE.exec(text);
  if (match)
    return utc(
      Number(match[6]),
      match[1] ?? '',
      Number((match[2] ?? '').trim()),
      Number(match[3]),
      Number(match[4]),
      Number(match[5]),
    );
  return undefined;
}

/** A `Retry-After` value as read. */
export type RetryAfter =
  /**
   * Delta-seconds. `fractional`: with a decimal part, which hsac reads but RFC 9110 §10.2.3 does
   * not allow (`1*DIGIT`), and some clients reject.
   */
  | { readonly kind: 'seconds'; readonly ms: number; readonly fractional: boolean }
  /** An HTTP-date; `ms` is the time left until it (0 when it is past). */
  | { readonly kind: 'date'; readonly ms: number };

/** Reads `Retry-After`; undefined when absent or neither delta-seconds nor an HTTP-date. */
export function parseRetryAfter(value: string | undefined, now: number): RetryAfter | undefined {
  if (value === undefined) return undefined;
  const seconds = /^\s*(\d+)(\.\d+)?\s*$/.exec(value);
  if (seconds)
    return { kind: 'seconds', ms: Math.ceil(Number(value.trim()) * 1000), fractional: seconds[2] !== undefined };
  const date = parseHttpDate(value, now);
  return date === undefined ? undefined : { kind: 'date', ms: Math.max(0, date - now) };
}

function wholeNumber(headers: Readonly<Record<string, string>>, name: string): number | undefined {
  const raw = headers[name];
  return raw !== undefined && /^\s*\d+\s*$/.test(raw) ? Number(raw) : undefined;
}

/**
 * The interval to wait when the headers say the budget is used up: an
 * `X-HubSpot-RateLimit-Interval-Milliseconds` above 0 with a `Remaining` (or `Secondly-Remaining`)
 * of 0. Header names lower-cased.
 */
export function exhaustedInterval(
  headers: Readonly<Record<string, string>>,
): { readonly ms: number; readonly remainingHeader: string } | undefined {
  const interval = wholeNumber(headers, 'x-hubspot-ratelimit-interval-milliseconds');
  if (interval === undefined || interval <= 0) return undefined;
  for (const name of ['x-hubspot-ratelimit-remaining', 'x-hubspot-ratelimit-secondly-remaining']) {
    if (wholeNumber(headers, name) === 0) return { ms: interval, remainingHeader: name };
  }
  return undefined;
}

/** What a client does about one 429. */
export type RateLimitDecision =
  /** `DAILY`: nothing more today; stop (HubSpot's SDK does not retry it either). */
  | { readonly action: 'stop'; readonly reason: string }
  /** Wait `ms`, then try again; `reason` says what asked for the wait (for the record and the console). */
  | { readonly action: 'wait'; readonly ms: number; readonly reason: string };

/** Options of {@link rateLimitDecision}. */
export interface RateLimitDecisionOptions {
  /** The clock's now (for an HTTP-date `Retry-After`). */
  readonly now: number;
  /** 429s already waited out in this exchange: the unknown-policy backoff doubles with each. */
  readonly previous: number;
  /** The longest backoff hsac chooses on its own (a server-given wait is not capped: the caller bounds it). */
  readonly maxBackoffMs?: number;
  /**
   * Applied to a provider's policyName before it is shortened for the reason: a secret cut in
   * half no longer matches a redactor, so redaction must come first.
   */
  readonly redact?: (text: string) => string;
}

/** A policy name fit for a message: a provider may send anything there, of any length. */
function describePolicy(body: RateLimitBody, redact: (text: string) => string): string {
  if (body.kind === 'unreadable') return `whose body is ${body.what}`;
  if (body.policyName === undefined) return 'with no policyName';
  if (isRateLimitPolicy(body.policyName)) return body.policyName;
  const shown = redact(jsonText(body.policyName) ?? typeof body.policyName);
  return `with an unknown policyName ${shown.length > 40 ? `${shown.slice(0, 40)}...` : shown}`;
}

/**
 * How long to wait after a 429, in this order: `DAILY` stops (whatever else it says: retrying
 * cannot help before midnight, FACTS.md §6); `Retry-After` (delta-seconds, also fractional, or an
 * HTTP-date); the interval header with a zero Remaining; the policy's window (TEN_SECONDLY_ROLLING
 * 10 s, SECONDLY or the search API's message 1 s); else (no policy, an unknown one, a body that is
 * not JSON) the ten-second window doubled per further 429 (10 s, 20 s, 40 s, ...), since nothing
 * says how long the limit lasts.
 */
export function rateLimitDecision(
  response: { readonly headers: Readonly<Record<string, string>>; readonly body?: string },
  options: RateLimitDecisionOptions,
): RateLimitDecision {
  const body = readRateLimitBody(response.body);
  const policy = describePolicy(body, options.redact ?? ((text) => text));
  if (body.kind === 'json-object' && body.policyName === 'DAILY') return { action: 'stop', reason: 'a 429 DAILY' };
  const retryAfter = response.headers['retry-after'];
  const after = parseRetryAfter(retryAfter, options.now);
  if (after !== undefined)
    return { action: 'wait', ms: after.ms, reason: `Retry-After: ${(retryAfter ?? '').trim()} on a 429 ${policy}` };
  const interval = exhaustedInterval(response.headers);
  if (interval)
    return {
      action: 'wait',
      ms: interval.ms,
      reason: `X-HubSpot-RateLimit-Interval-Milliseconds: ${interval.ms} with ${interval.remainingHeader}: 0 on a 429 ${policy}`,
    };
  if (body.kind === 'json-object' && body.policyName === 'TEN_SECONDLY_ROLLING')
    return { action: 'wait', ms: TEN_SECONDLY_WINDOW_MS, reason: `the ten-second window of a 429 ${policy}` };
  if (body.kind === 'json-object' && (body.policyName === 'SECONDLY' || body.message === SECONDLY_MESSAGE))
    return { action: 'wait', ms: SECONDLY_WINDOW_MS, reason: `the one-second window of a 429 ${policy}` };
  const backoff = TEN_SECONDLY_WINDOW_MS * 2 ** Math.max(0, options.previous);
  const ms = Math.min(backoff, Math.max(TEN_SECONDLY_WINDOW_MS, options.maxBackoffMs ?? Number.POSITIVE_INFINITY));
  return {
    action: 'wait',
    ms,
    reason: `backoff ${ms / 1000} s (ten-second window, doubled per further 429) on a 429 ${policy}`,
  };
}
