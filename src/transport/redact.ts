/**
 * Token redaction by value. Key-name based masking (Schemathesis' approach, PEERS.md §1.1) misses
 * a token echoed in an innocent field or an error message; hsac removes every occurrence of the
 * secret itself, in the forms it can take on the wire: raw, base64 (Basic auth, echoed headers),
 * base64url and percent-encoded.
 */
export const REDACTED = '[REDACTED]';

/** The encodings of a secret that must never appear in anything hsac writes. */
export function secretForms(secret: string): string[] {
  if (secret.length === 0) return [];
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set([secret, bytes.toString('base64'), bytes.toString('base64url'), encodeURIComponent(secret)]);
  // Base64 of the secret inside a longer value is misaligned unless it starts on a 3-byte
  // boundary; the unpadded core is what survives every alignment of "Bearer " prefixes etc.
  forms.add(bytes.toString('base64').replace(/=+$/, ''));
  return [...forms].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}

/** A redactor for a fixed set of secrets: removes them from text, headers and JSON values. */
export interface Redactor {
  text(value: string): string;
  headers(headers: Readonly<Record<string, string>>): Record<string, string>;
  /** True when `value` still holds any form of a secret (for assertions and audits). */
  leaks(value: string): boolean;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds a redactor; with no secrets it is the identity. */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const forms = secrets.flatMap((secret) => (secret ? secretForms(secret) : []));
  const pattern = forms.length > 0 ? new RegExp(forms.map(escapeRegExp).join('|'), 'g') : undefined;
  const text = (value: string): string => (pattern ? value.replace(pattern, REDACTED) : value);
  return {
    text,
    headers(headers) {
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers)) {
        // The Authorization header is masked whole: its scheme says enough.
        out[name] = name.toLowerCase() === 'authorization' ? value.replace(/^(\S+\s+).*$/, `$1${REDACTED}`) : text(value);
      }
      return out;
    },
    leaks(value) {
      return pattern ? new RegExp(pattern.source).test(value) : false;
    },
  };
}
