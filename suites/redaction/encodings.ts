import fc from 'fast-check';

/**
 * How a hostile provider echoes the access token: the encodings (what the token is turned into)
 * and the placements (where in its answer it puts the result). The property and the grid draw
 * from these; the oracle (oracle.ts) must find each encoding in any artifact, so a clean scan means
 * something.
 */

/** The encodings a provider can echo the token in (issue 12). */
export const ENCODINGS = ['raw', 'case', 'json-escape', 'base64', 'base64url', 'hex', 'percent'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/**
 * Where a provider can put it: a JSON body field's value, a body field's name, the message of an
 * error body, a record ID it hands back (which the cleanup journal keeps), a header value, a header
 * name (HTTP lower-cases it on the way), the status line's reason phrase, a 429's `policyName`
 * with a day-long Retry-After (quoted by the error that ends the run, in report.json and on the
 * console), and a malformed answer that makes the HTTP client fail (a transport error).
 */
export const PLACEMENTS = [
  'body-field',
  'body-key',
  'error-message',
  'record-id',
  'header-value',
  'header-name',
  'status-text',
  'rate-limit-error',
  'transport-error',
] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** One echo: the encoding with its drawn details, and the placement. */
export interface Echo {
  readonly encoding: Encoding;
  readonly placement: Placement;
  /** Encode `Bearer <token>` (what the provider was sent) rather than the token alone. */
  readonly bearer: boolean;
  /** Bytes around the token inside an encoded run: they set the base64 / hex alignment. */
  readonly prefix: readonly number[];
  readonly suffix: readonly number[];
  /** Upper-case hex digits (hex, `\u` escapes, percent-encoding). */
  readonly upperHex: boolean;
  /** `case`: lower, upper, or each letter flipped where `mask` says. */
  readonly caseMode: 'lower' | 'upper' | 'mixed';
  /** Per character / byte: flip its case (`case`), escape it (`json-escape`), percent-encode it (`percent`). */
  readonly mask: readonly boolean[];
}

/** Characters of an HTTP token (RFC 9110 §5.6.2): all a header name may hold. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What a header value or a reason phrase may hold (Node refuses the rest). */
const FIELD_TEXT = /^[\t\x20-\x7e]*$/;
/** Characters percent-encoding may leave as they are (RFC 3986 unreserved). */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

function hex(value: number, width: number, upper: boolean): string {
  const text = value.toString(16).padStart(width, '0');
  return upper ? text.toUpperCase() : text;
}

/**
 * The text the provider sends for `token` under `echo`. For `json-escape` it is the content of a
 * JSON string as written (`\u0070\u0061t...`: it parses to the token); for every other encoding it
 * is the value itself.
 */
export function encode(token: string, echo: Echo): string {
  const subject = echo.bearer ? `Bearer ${token}` : token;
  const flag = (i: number): boolean => echo.mask[i % Math.max(1, echo.mask.length)] ?? false;
  const run = (): Buffer =>
    Buffer.concat([Buffer.from(echo.prefix), Buffer.from(subject, 'utf8'), Buffer.from(echo.suffix)]);
  switch (echo.encoding) {
    case 'raw':
      return subject;
    case 'case':
      if (echo.caseMode === 'lower') return subject.toLowerCase();
      if (echo.caseMode === 'upper') return subject.toUpperCase();
      return [...subject].map((ch, i) => (flag(i) ? ch.toUpperCase() : ch.toLowerCase())).join('');
    case 'json-escape':
      // At least the first character escaped, so the text is never the raw token; `"` and `\`
      // must be escaped anyway for the text to stay a JSON string.
      return [...subject]
        .map((ch, i) =>
          i === 0 || flag(i)
            ? `\\u${hex(ch.charCodeAt(0), 4, echo.upperHex)}`
            : ch === '"' || ch === '\\'
              ? `\\${ch}`
              : ch,
        )
        .join('');
    case 'base64':
      return run().toString('base64');
    case 'base64url':
      return run().toString('base64url');
    case 'hex':
      return echo.upperHex ? run().toString('hex').toUpperCase() : run().toString('hex');
    case 'percent':
      return [...Buffer.from(subject, 'utf8')]
        .map((byte, i) => {
          const ch = String.fromCharCode(byte);
          return byte < 0x80 && UNRESERVED.test(ch) && !flag(i) ? ch : `%${hex(byte, 2, echo.upperHex)}`;
        })
        .join('');
  }
}

/** The echo as the content of a JSON string (between the quotes), as the provider writes it. */
export function jsonContent(token: string, echo: Echo): string {
  const text = encode(token, echo);
  return echo.encoding === 'json-escape' ? text : JSON.stringify(text).slice(1, -1);
}

/** Whether a provider can send this echo at its placement at all (a header name is an HTTP token). */
export function sendable(token: string, echo: Echo): boolean {
  const text = encode(token, echo);
  if (echo.placement === 'header-name') return HEADER_NAME.test(text);
  if (echo.placement === 'header-value' || echo.placement === 'status-text' || echo.placement === 'transport-error')
    return FIELD_TEXT.test(text);
  return true;
}

/** A HubSpot private-app token as HubSpot issues them. */
export const realisticToken: fc.Arbitrary<string> = fc.uuid().map((uuid) => `pat-na1-${uuid}`);

const VISIBLE_ASCII = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i));

/**
 * Any token a bearer header can carry: 8 to 64 visible ASCII characters (the sandbox's own rule
 * for a header-safe token), with at least five different characters. A "token" like `--------` or
 * `aaaaaaaa` is no secret and is spelled by hsac's own output (a Markdown table rule), where
 * redaction would rightly blank hsac's text and the scan withhold the file: that case is proven
 * apart (fail closed), not drawn here.
 */
export const printableToken: fc.Arbitrary<string> = fc
  .string({ unit: fc.constantFrom(...VISIBLE_ASCII), minLength: 8, maxLength: 64 })
  .filter((token) => new Set(token).size >= 5);

/** Either kind of token. */
export const anyToken: fc.Arbitrary<string> = fc.oneof(realisticToken, printableToken);

/** The details of an echo for a given encoding and placement. */
export function echoFor(encoding: Encoding, placement: Placement): fc.Arbitrary<Echo> {
  return fc.record({
    encoding: fc.constant(encoding),
    placement: fc.constant(placement),
    bearer: fc.boolean(),
    prefix: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 5 }),
    suffix: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 3 }),
    upperHex: fc.boolean(),
    caseMode: fc.constantFrom('lower' as const, 'upper' as const, 'mixed' as const),
    mask: fc.array(fc.boolean(), { minLength: 1, maxLength: 16 }),
  });
}

/** Any echo: any encoding at any placement. */
export const anyEcho: fc.Arbitrary<Echo> = fc
  .tuple(fc.constantFrom(...ENCODINGS), fc.constantFrom(...PLACEMENTS))
  .chain(([encoding, placement]) => echoFor(encoding, placement));

/**
 * The echo of one grid cell (encoding x placement): the details that make the case hard, e.g.
 * `Bearer <token>` one byte into a base64 run (an alignment the old redactor missed), upper-case
 * hex digits, mixed letter case. Undefined when no such echo can be sent there (a JSON escape in a
 * header name: a backslash is not an HTTP token character).
 */
export function gridEcho(encoding: Encoding, placement: Placement, token: string): Echo | undefined {
  const base: Echo = {
    encoding,
    placement,
    bearer: true,
    prefix: [],
    suffix: [],
    upperHex: true,
    caseMode: 'mixed',
    mask: [true, false, true, true, false],
  };
  const candidates: Echo[] = [];
  // A header name holds no space: the token alone there, or `Bearer <token>` only once encoded.
  for (const bearer of encoding === 'raw' || encoding === 'case'
    ? [placement !== 'header-name', false]
    : [true, false]) {
    for (const prefix of [[0x7b], [0x7b, 0x22], []])
      for (const suffix of [[], [0x7d], [0x22, 0x7d]]) candidates.push({ ...base, bearer, prefix, suffix });
  }
  return candidates.find((echo) => sendable(token, echo));
}

/** The echo described without the token, for test names and failure messages. */
export function describeEcho(echo: Echo): string {
  const details = [
    echo.bearer ? 'of "Bearer <token>"' : 'of the token',
    echo.prefix.length + echo.suffix.length > 0 && ['base64', 'base64url', 'hex'].includes(echo.encoding)
      ? `${echo.prefix.length} byte(s) in, ${echo.suffix.length} after`
      : '',
    echo.encoding === 'case' ? echo.caseMode : '',
    ['hex', 'json-escape', 'percent'].includes(echo.encoding)
      ? echo.upperHex
        ? 'upper-case hex'
        : 'lower-case hex'
      : '',
  ].filter(Boolean);
  return `${echo.encoding} (${details.join(', ')}) in the ${echo.placement}`;
}

/** A token described without its value: its kind and length. */
export function describeToken(token: string): string {
  return /^pat-na1-[0-9a-f-]{36}$/.test(token)
    ? 'a pat-na1-<uuid> token'
    : `a printable token of ${token.length} characters`;
}
