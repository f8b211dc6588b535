import { pointerTokens } from '../../src/json-pointer.js';

/**
 * Pure edits of JSON bodies by JSON Pointer: each returns a changed deep copy and leaves its input
 * alone, so one generated body can be mutated many ways (the mutation catalogue's contract).
 */

/** A JSON value deep-copied (bodies are plain JSON, so structuredClone keeps them exactly). */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

function parentOf(root: unknown, pointer: string): { parent: Record<string, unknown> | unknown[]; key: string } {
  const tokens = pointerTokens(pointer);
  const key = tokens.pop();
  if (key === undefined) throw new Error('the root has no parent; replace the whole body instead');
  let current: unknown = root;
  for (const token of tokens) {
    if (Array.isArray(current)) current = current[Number(token)];
    else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token))
      current = (current as Record<string, unknown>)[token];
    else throw new Error(`no value at "${pointer}" (stopped at "${token}")`);
  }
  if (typeof current !== 'object' || current === null) throw new Error(`no object or array holds "${pointer}"`);
  return { parent: current as Record<string, unknown> | unknown[], key };
}

/** A copy of `body` with the value at `pointer` replaced (or added, for an object key). */
export function withValueAt(body: unknown, pointer: string, value: unknown): unknown {
  if (pointer === '') return cloneJson(value);
  const copy = cloneJson(body);
  const { parent, key } = parentOf(copy, pointer);
  if (Array.isArray(parent)) parent[Number(key)] = cloneJson(value);
  // defineProperty, not assignment: a `__proto__` key must become data, as JSON.parse makes it.
  else
    Object.defineProperty(parent, key, {
      value: cloneJson(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

/** A copy of `body` without the object property at `pointer`. */
export function withoutValueAt(body: unknown, pointer: string): unknown {
  const copy = cloneJson(body);
  const { parent, key } = parentOf(copy, pointer);
  if (Array.isArray(parent)) throw new Error(`"${pointer}" is an array item; removing it would renumber its siblings`);
  if (!Object.hasOwn(parent, key)) throw new Error(`no property at "${pointer}"`);
  delete parent[key];
  return copy;
}

/** Whether `ancestor` is `pointer` or one of its parents. */
export function isWithin(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}
