import type { ApiVersion } from '../catalogue/index.js';
import { childPointer } from '../json-pointer.js';
import { asNode, definitionNode, refName } from '../../properties/schema/definitions.js';
import type { JsonSchemaNode } from '../validate/registry.js';

/**
 * Compares a body with the SDK's decoded model (its {@link modelView}), field by field, for every
 * field the version's schema declares (undeclared fields are not part of the contract: a client
 * may drop them). A declared field present in the body and absent from the model is lost; one
 * with another value is corrupted. Date-times compare as instants to the millisecond (a JavaScript
 * `Date` holds no finer); IDs compare as they are (a digit string must stay that string: an ID
 * above 2^31 that became a number, or was rounded, is corrupted).
 */

/** One difference between a body and its decoded model. */
export interface Difference {
  readonly kind: 'lost' | 'corrupted';
  /** JSON Pointer into the body. */
  readonly pointer: string;
  /** Whether the schema requires the field (at its level). */
  readonly required: boolean;
  readonly expected?: unknown;
  readonly actual?: unknown;
}

function resolve(apiVersion: ApiVersion, node: JsonSchemaNode): JsonSchemaNode {
  const name = refName(node);
  return name === undefined ? node : definitionNode(apiVersion, name);
}

function describeValue(value: unknown): unknown {
  return value instanceof Date
    ? Number.isNaN(value.getTime())
      ? 'Invalid Date'
      : `Date ${value.toISOString()}`
    : value;
}

function walk(
  apiVersion: ApiVersion,
  raw: JsonSchemaNode,
  body: unknown,
  decoded: unknown,
  pointer: string,
  required: boolean,
  out: Difference[],
): void {
  const node = resolve(apiVersion, raw);
  if (body === null) {
    if (decoded !== null)
      out.push({ kind: 'corrupted', pointer, required, expected: null, actual: describeValue(decoded) });
    return;
  }
  if (node.type === 'string' && node.format === 'date-time' && typeof body === 'string') {
    const expected = Date.parse(body);
    const actual =
      decoded instanceof Date ? decoded.getTime() : typeof decoded === 'string' ? Date.parse(decoded) : Number.NaN;
    if (actual !== expected)
      out.push({ kind: 'corrupted', pointer, required, expected: body, actual: describeValue(decoded) });
    return;
  }
  if (Array.isArray(body)) {
    if (!Array.isArray(decoded) || decoded.length !== body.length) {
      out.push({
        kind: 'corrupted',
        pointer,
        required,
        expected: `an array of ${body.length}`,
        actual: Array.isArray(decoded) ? `an array of ${decoded.length}` : describeValue(decoded),
      });
      return;
    }
    const items = asNode(node.items) ?? {};
    body.forEach((item, i) => walk(apiVersion, items, item, decoded[i], `${pointer}/${i}`, true, out));
    return;
  }
  if (typeof body === 'object') {
    if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) {
      out.push({ kind: 'corrupted', pointer, required, expected: 'an object', actual: describeValue(decoded) });
      return;
    }
    const fields = body as Record<string, unknown>;
    const model = decoded as Record<string, unknown>;
    const properties = asNode(node.properties);
    const additional = asNode(node.additionalProperties);
    const requiredNames = new Set(Array.isArray(node.required) ? node.required : []);
    for (const [name, value] of Object.entries(fields)) {
      const declared = properties && Object.hasOwn(properties, name) ? asNode(properties[name]) : additional;
      if (!declared) continue;
      const at = childPointer(pointer, name);
      const isRequired = properties !== undefined && requiredNames.has(name);
      if (!Object.hasOwn(model, name)) {
        out.push({ kind: 'lost', pointer: at, required: isRequired, expected: value });
        continue;
      }
      walk(apiVersion, declared, value, model[name], at, isRequired, out);
    }
    return;
  }
  if (!Object.is(body, decoded))
    out.push({ kind: 'corrupted', pointer, required, expected: body, actual: describeValue(decoded) });
}

/** The differences between a body of `definition` (in `apiVersion`) and the decoded model's view. */
export function compareDecoded(apiVersion: ApiVersion, definition: string, body: unknown, view: unknown): Difference[] {
  const out: Difference[] = [];
  walk(apiVersion, definitionNode(apiVersion, definition), body, view, '', true, out);
  return out;
}
