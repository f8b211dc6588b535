import { escapeRegExp } from '../../src/text.js';
import type { LeakHit, Redactor } from '../../src/transport/redact.js';

/**
 * The redactor hsac had before issue 12, kept verbatim in substance as a planted fault: it matches
 * the raw text only, in five literal forms (raw, base64 and base64url of the token aligned at its
 * start, the unpadded base64, encodeURIComponent), case-sensitively. It misses `\u` escapes (what
 * the report writes is the parsed value), base64 at other alignments (`Bearer <token>`), hex,
 * other letter cases and header names. planted-faults.test.ts plants it to show that the suite's
 * property fails without the new redaction and the final scan.
 */

const REDACTED = '[REDACTED]';

function legacyForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set([secret, bytes.toString('base64'), bytes.toString('base64url'), encodeURIComponent(secret)]);
  forms.add(bytes.toString('base64').replace(/=+$/, ''));
  return [...forms].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}

/** The pre-issue-12 redactor, shaped as today's `Redactor` (its `body` is its `text`; it has no scan). */
export function legacyRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const forms = secrets.flatMap((secret) => (secret ? legacyForms(secret) : []));
  const pattern = forms.length > 0 ? new RegExp(forms.map(escapeRegExp).join('|'), 'g') : undefined;
  const text = (value: string): string => (pattern ? value.replace(pattern, REDACTED) : value);
  return {
    text,
    body: text,
    headers(headers) {
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers))
        out[name] =
          name.toLowerCase() === 'authorization' ? value.replace(/^(\S+\s+).*$/, `$1${REDACTED}`) : text(value);
      return out;
    },
    leaks: (value) => (pattern ? new RegExp(pattern.source).test(value) : false),
    scan: (): LeakHit[] => [],
  };
}
