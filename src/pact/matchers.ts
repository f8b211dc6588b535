import { MatchersV3 } from '@pact-foundation/pact';
import type { ApiVersion } from '../catalogue/index.js';
import { escapeRegExp } from '../text.js';
import { asNode, definitionNode, refName } from '../../properties/schema/definitions.js';
import type { JsonSchemaNode } from '../validate/registry.js';

/**
 * Pact matchers derived by walking a compiled schema node together with an example body, never
 * written by hand: enums become `regex` (anchored alternation), `date-time` a timestamp matcher,
 * `uuid` the uuid matcher, arrays `eachLike` (at least one item where a consumer reads into them
 * and the provider state guarantees items; `atLeastLike(…, 0)` otherwise: the items are still
 * shaped, but an empty array is fine), int32 `integer`, other strings (IDs included) `string`.
 * Only required fields and the paths a consumer reads (`reliance.ts`) are kept: pact lets a
 * provider add fields to a response, so leaving a field out of the contract is how a contract
 * says "not relied on".
 */

/** A pact body template: JSON with matcher objects where a value is matched by rule. */
export type Template = unknown;

/**
 * HubSpot writes UTC with milliseconds (`2026-03-30T09:15:02.118Z`; the sandbox too). The pattern
 * is Java DateTimeFormatter syntax, which pact's core reads; `X` is the zone (`Z`).
 */
export const DATE_TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSX";

/** Raised when an example does not have the shape its schema says (a bug in the caller, not data). */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

interface Walk {
  readonly apiVersion: ApiVersion;
  /** Paths (`a.b[].c`) the consumer reads in this interaction. */
  readonly reads: readonly string[];
}

/** `child` extends `path` by a property or array step (or is it). */
function isAtOrUnder(candidate: string, path: string): boolean {
  return candidate === path || candidate.startsWith(`${path}.`) || candidate.startsWith(`${path}[]`);
}

function joinPath(path: string, property: string): string {
  return path === '' ? property : `${path}.${property}`;
}

function resolve(walk: Walk, node: JsonSchemaNode): JsonSchemaNode {
  const target = refName(node);
  return target === undefined ? node : definitionNode(walk.apiVersion, target);
}

/** Normalises an example date-time to the one form {@link DATE_TIME_FORMAT} describes. */
function dateTimeExample(example: unknown, path: string): string {
  const millis = typeof example === 'string' ? Date.parse(example) : Number.NaN;
  if (Number.isNaN(millis)) throw new TemplateError(`${path}: example ${JSON.stringify(example)} is not a date-time`);
  return new Date(millis).toISOString();
}

function stringTemplate(node: JsonSchemaNode, example: unknown, path: string): Template {
  if (typeof example !== 'string')
    throw new TemplateError(`${path}: example ${JSON.stringify(example)} is not a string`);
  if (Array.isArray(node.enum)) {
    const values = node.enum.filter((value): value is string => typeof value === 'string');
    return MatchersV3.regex(`^(?:${values.map(escapeRegExp).join('|')})$`, example);
  }
  if (node.format === 'date-time') return MatchersV3.datetime(DATE_TIME_FORMAT, dateTimeExample(example, path));
  if (node.format === 'uuid') return MatchersV3.uuid(example);
  return MatchersV3.string(example);
}

function objectTemplate(walk: Walk, node: JsonSchemaNode, example: unknown, path: string): Template {
  if (typeof example !== 'object' || example === null || Array.isArray(example))
    throw new TemplateError(`${path || '(body)'}: example is not an object`);
  const values = example as Record<string, unknown>;
  const properties = asNode(node.properties);
  if (!properties) {
    // A map (links, context): nobody relies on its keys, only that it is an object.
    return MatchersV3.like({});
  }
  const required = new Set(Array.isArray(node.required) ? node.required : []);
  const out: Record<string, Template> = {};
  for (const [name, raw] of Object.entries(properties)) {
    const child = joinPath(path, name);
    const relied = walk.reads.some((read) => isAtOrUnder(read, child));
    if (!required.has(name) && !relied) continue;
    if (!Object.hasOwn(values, name))
      throw new TemplateError(`${child}: the example has no value for a field the contract asserts`);
    const propertyNode = asNode(raw);
    if (!propertyNode) throw new TemplateError(`${child}: schema node is not an object`);
    out[name] = template(walk, propertyNode, values[name], child);
  }
  return out;
}

function arrayTemplate(walk: Walk, node: JsonSchemaNode, example: unknown, path: string): Template {
  if (!Array.isArray(example) || example.length === 0)
    throw new TemplateError(`${path}: the example needs at least one item to shape the array`);
  const items = asNode(node.items);
  if (!items) throw new TemplateError(`${path}: array schema has no items`);
  const itemPath = `${path}[]`;
  const item = template(walk, items, example[0], itemPath);
  // Items a consumer reads into are guaranteed by the interaction's provider state.
  return walk.reads.some((read) => isAtOrUnder(read, itemPath) && read !== itemPath)
    ? MatchersV3.eachLike(item, 1)
    : MatchersV3.atLeastLike(item, 0, 1);
}

function template(walk: Walk, raw: JsonSchemaNode, example: unknown, path: string): Template {
  const node = resolve(walk, raw);
  switch (node.type) {
    case 'object':
      return objectTemplate(walk, node, example, path);
    case 'array':
      return arrayTemplate(walk, node, example, path);
    case 'string':
      return stringTemplate(node, example, path);
    case 'integer':
      if (typeof example !== 'number' || !Number.isInteger(example))
        throw new TemplateError(`${path}: example ${JSON.stringify(example)} is not an integer`);
      return MatchersV3.integer(example);
    default:
      return MatchersV3.like(example);
  }
}

/**
 * The response template of one definition of a version: the example's values, with a matcher for
 * every required field and every read path. Throws {@link TemplateError} when the example lacks
 * a field the contract asserts.
 */
export function bodyTemplate(
  apiVersion: ApiVersion,
  definition: string,
  example: unknown,
  reads: readonly string[],
): Template {
  return template({ apiVersion, reads }, definitionNode(apiVersion, definition), example, '');
}
