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
