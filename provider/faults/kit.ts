import { isSuccess } from '../../src/catalogue/index.js';
import { isObject } from '../../src/json.js';
import type { SandboxResponse } from '../http-types.js';
import type { Fault, FaultContext } from './fault.js';

/**
 * Small builders the fault modules share. Every edit works on a deep copy of the body, so a fault
 * never changes what a handler (or the store) still holds.
 */

type Json = Record<string, unknown>;
type Hook = NonNullable<Fault['response']>;

/** Calls `visit` on every object reached by `path` from `root`; `*` steps into each array item. */
export function each(root: unknown, path: readonly string[], visit: (object: Json) => void): void {
  if (path.length === 0) {
    if (isObject(root)) visit(root);
    return;
  }
  const [step, ...rest] = path;
  if (step === '*') {
    if (Array.isArray(root)) for (const item of root) each(item, rest, visit);
  } else if (isObject(root) && step !== undefined && Object.hasOwn(root, step)) {
    each(root[step], rest, visit);
  }
}

/** The response with its JSON object body edited (a copy); other responses are returned as they are. */
export function editBody(response: SandboxResponse, edit: (body: Json) => void): SandboxResponse {
  if (response.payload.type !== 'json' || !isObject(response.payload.value)) return response;
  const body = structuredClone(response.payload.value);
  edit(body);
  return { ...response, payload: { type: 'json', value: body } };
}

/** A hook that edits 2xx JSON bodies only (batch envelopes), leaving error bodies alone. */
export function onSuccess(edit: (body: Json, response: SandboxResponse, context: FaultContext) => void): Hook {
  return (response, context) =>
    isSuccess(response.status) ? editBody(response, (body) => edit(body, response, context)) : response;
}

/** A hook that edits non-2xx JSON bodies only (`Error` and the 429 body). */
export function onError(edit: (body: Json, response: SandboxResponse, context: FaultContext) => void): Hook {
  return (response, context) =>
    !isSuccess(response.status) ? editBody(response, (body) => edit(body, response, context)) : response;
}

/** A hook that removes `field` from every object at any of `paths` of a 2xx body. */
export function dropField(paths: readonly (readonly string[])[], field: string): Hook {
  return onSuccess((body) => {
    for (const path of paths) each(body, path, (object) => void delete object[field]);
  });
}

/** A hook that replaces `field` (where present) in every object at any of `paths` of a 2xx body. */
export function mapField(paths: readonly (readonly string[])[], field: string, map: (value: unknown) => unknown): Hook {
  return onSuccess((body) => {
    for (const path of paths) {
      each(body, path, (object) => {
        if (Object.hasOwn(object, field)) object[field] = map(object[field]);
      });
    }
  });
}

/** Where the read side keeps association types and configurations keep theirs (category/typeId). */
export const CATEGORY_TYPE_ID_SITES: readonly (readonly string[])[] = [
  ['results', '*', 'to', '*', 'associationTypes', '*'],
  ['results', '*'],
];

/** The response with one header set (replacing any spelling of the same name). */
export function withHeader(response: SandboxResponse, name: string, value: string): SandboxResponse {
  const headers: Record<string, string> = {};
  for (const [key, existing] of Object.entries(response.headers))
    if (key.toLowerCase() !== name.toLowerCase()) headers[key] = existing;
  headers[name] = value;
  return { ...response, headers };
}
