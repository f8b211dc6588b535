/** RFC 6901 JSON Pointer helpers: findings carry pointers, so building and reading them lives in one place. */

/** Escapes one reference token (`~` -> `~0`, `/` -> `~1`). */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Splits a pointer into unescaped tokens; `''` is the whole document. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Joins a parent pointer and a child token. */
export function childPointer(parent: string, token: string | number): string {
  return `${parent}/${escapeToken(String(token))}`;
}

/** The value at a pointer, or undefined; own properties only, so `__proto__` keys read as data. */
export function valueAt(document: unknown, pointer: string): unknown {
  let current: unknown = document;
  for (const token of pointerTokens(pointer)) {
    if (Array.isArray(current)) current = current[Number(token)];
    else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else return undefined;
  }
  return current;
}
