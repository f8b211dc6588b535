import { formatPointer } from '../../src/json-pointer.js';
import type { Exchange } from './client.js';

/**
 * The differences between two exchanges, as sorted lines: `status 200 -> 400`, `header + name`,
 * `header - name`, `header ~ name`, `body - /pointer`, `body + /pointer`, `body ~ /pointer`,
 * `text ~` (a body that is not JSON on either side), `error ECONNRESET`. A fault test expects an
 * exact list: the fault changed what its name says, and nothing else.
 *
 * Content-Length and Date are left out: they follow from the body and the wall clock, so they
 * change whenever anything does and say nothing of their own.
 */
const DERIVED_HEADERS = new Set(['content-length', 'date', 'connection', 'keep-alive']);

function diffJson(a: unknown, b: unknown, path: (string | number)[], out: string[]): void {
  if (Object.is(a, b)) return;
  const bothArrays = Array.isArray(a) && Array.isArray(b);
  const bothObjects =
    typeof a === 'object' &&
    a !== null &&
    typeof b === 'object' &&
    b !== null &&
    !Array.isArray(a) &&
    !Array.isArray(b);
  if (bothArrays) {
    const left = a as unknown[];
    const right = b as unknown[];
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      if (i >= left.length) out.push(`body + ${formatPointer([...path, i])}`);
      else if (i >= right.length) out.push(`body - ${formatPointer([...path, i])}`);
      else diffJson(left[i], right[i], [...path, i], out);
    }
    return;
  }
  if (bothObjects) {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
      if (!Object.hasOwn(right, key)) out.push(`body - ${formatPointer([...path, key])}`);
      else if (!Object.hasOwn(left, key)) out.push(`body + ${formatPointer([...path, key])}`);
      else diffJson(left[key], right[key], [...path, key], out);
    }
    return;
  }
  out.push(`body ~ ${formatPointer(path)}`);
}

/** Every difference from `clean` to `faulted`, sorted. */
export function diffExchanges(clean: Exchange, faulted: Exchange): string[] {
  const out: string[] = [];
  if (clean.error !== faulted.error) out.push(`error ${faulted.error ?? 'none'}`);
  if (clean.status !== faulted.status) out.push(`status ${clean.status} -> ${faulted.status}`);
  for (const name of new Set([...Object.keys(clean.headers), ...Object.keys(faulted.headers)])) {
    if (DERIVED_HEADERS.has(name)) continue;
    const before = clean.headers[name];
    const after = faulted.headers[name];
    if (before === after) continue;
    out.push(before === undefined ? `header + ${name}` : after === undefined ? `header - ${name}` : `header ~ ${name}`);
  }
  if (clean.json !== undefined && faulted.json !== undefined) {
    const before = out.length;
    diffJson(clean.json, faulted.json, [], out);
    // The same parsed value from different text: what one parser reads, another may not (a key
    // said twice parses last-wins here).
    if (out.length === before && clean.text !== faulted.text) out.push('text ~ (same parsed value)');
  } else if (clean.text !== faulted.text) out.push('text ~');
  return out.sort();
}
