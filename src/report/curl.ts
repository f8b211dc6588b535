import type { RecordedRequest } from '../exchange.js';
import { shellQuote } from '../text.js';

/**
 * A recorded request as one `curl` line a person pastes into a POSIX shell to send it again (report.html and the
 * HAR's `_hsac.curl`). The recorded request is redacted already; the Authorization header is not copied at all
 * but names the variable the CLI reads the token from, in double quotes so the shell expands it: the line never
 * holds a token, and works as it is where `HUBSPOT_ACCESS_TOKEN` is set.
 */

/** The variable a curl line reads the access token from (the one `hsac run` reads it from). */
export const TOKEN_VARIABLE = 'HUBSPOT_ACCESS_TOKEN';

// hsac sends only bearer tokens; the scheme is not copied from the record, so nothing recorded ever sits in the
// one part of the line the shell expands.
const AUTHORIZATION = `"Authorization: Bearer $${TOKEN_VARIABLE}"`;

/**
 * `curl --globoff -X 'METHOD' 'URL' -H 'name: value' ... --data-raw 'BODY'`: every recorded part single-quoted
 * (`shellQuote`), so quotes, newlines, `$(...)`, backticks and non-ASCII text reach curl byte for byte.
 * `--globoff`: curl would read `[]` and `{}` in a URL as ranges; `--data-raw`: it would read a body starting with
 * `@` as a file name. A body sent without a content type gets an empty `Content-Type:`, which stops curl adding
 * its form type, so the request goes out as recorded. (A NUL byte cannot be carried by a shell word; hsac's
 * requests are JSON text and never hold one.)
 */
export function curlCommand(request: RecordedRequest): string {
  const parts = ['curl', '--globoff', '-X', shellQuote(request.method), shellQuote(request.url)];
  let typed = false;
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') {
      parts.push('-H', AUTHORIZATION);
      continue;
    }
    if (lower === 'content-type') typed = true;
    parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (request.body !== undefined) {
    if (!typed) parts.push('-H', shellQuote('Content-Type:'));
    parts.push('--data-raw', shellQuote(request.body));
  }
  return parts.join(' ');
}
