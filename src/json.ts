/**
 * Reading JSON of unknown shape (shared kernel): a provider's body is hostile input until proven
 * otherwise, so every walk over one goes through these two, never through a cast.
 */

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An own property of a JSON object, else undefined (for arrays, scalars and inherited names alike:
 * `field(body, '__proto__')` is the body's own `__proto__` key if it has one, never its prototype).
 */
export function field(value: unknown, key: string): unknown {
  return isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/**
 * `JSON.stringify` typed as it behaves: undefined for a value JSON has no text for (undefined, a function, a
 * symbol), which the standard library's `string` return type hides.
 */
export function jsonText(value: unknown, replacer?: (key: string, value: unknown) => unknown): string | undefined {
  return JSON.stringify(value, replacer);
}

/** The longest text {@link shown} returns by default, before its ellipsis. */
export const SHOWN_MAX_LENGTH = 120;

/**
 * A value of unknown shape as short message text, never throwing: a string as itself, a number, boolean, null or
 * undefined as `String` spells it, anything else as its JSON text, cut at `maxLength` characters with an ellipsis.
 * `String()` and template interpolation call a value's own `toString`/`valueOf`, which a parsed body can replace
 * with data (`{"toString":1}` makes both throw a TypeError), so a provider's value never goes through them.
 */
export function shown(value: unknown, maxLength = SHOWN_MAX_LENGTH): string {
  const text = typeof value === 'object' && value !== null ? objectText(value) : primitiveText(value);
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}

function primitiveText(value: unknown): string {
  // Primitives only (no object reaches here): their conversion calls no method a body could replace.
  return typeof value === 'function' ? 'a function' : String(value);
}

function objectText(value: object): string {
  try {
    return jsonText(value) ?? 'an object';
  } catch {
    // A cycle or a BigInt inside: no body parsed from JSON holds either, but nothing here may throw.
    return Array.isArray(value) ? 'an array' : 'an object';
  }
}
