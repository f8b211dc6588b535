import { isObject } from '../json.js';
import { pointerTokens } from '../json-pointer.js';
import type { JsonSchemaNode } from './registry.js';

/** What the schema says about one place in an instance. */
export interface SchemaSite {
  /** The schema of the value at the path (after `$ref`s), if the schema describes it. */
  readonly node: JsonSchemaNode | undefined;
  /** The object schema that holds the value as a property, if it is one. */
  readonly parent: JsonSchemaNode | undefined;
  /** The property name under which the value sits in its parent object. */
  readonly property: string | undefined;
  /** Every `$defs` name passed through on the way, outermost first. */
  readonly definitions: readonly string[];
}

const DEF_REF = /#\/\$defs\/([^/]+)$/;

/** A schema node (a JSON object), else undefined. */
export function asNode(value: unknown): JsonSchemaNode | undefined {
  return isObject(value) ? value : undefined;
}

/**
 * Walks a compiled schema along an instance path, following `$ref`s into `$defs`. The lenient
 * profile needs to know whether a property is optional and what type it declares, which ajv's
 * error objects do not say once a `$ref` has been crossed.
 */
export function schemaSite(
  defs: Readonly<Record<string, JsonSchemaNode>>,
  start: JsonSchemaNode,
  instancePath: string,
): SchemaSite {
  const definitions: string[] = [];
  const resolve = (node: JsonSchemaNode | undefined): JsonSchemaNode | undefined => {
    let current = node;
    // Bounded: a schema can only chain through as many refs as it has definitions.
    for (let hops = 0; current && typeof current.$ref === 'string' && hops <= Object.keys(defs).length; hops++) {
      const name = DEF_REF.exec(current.$ref)?.[1];
      if (name === undefined || !Object.hasOwn(defs, name)) return undefined;
      definitions.push(name);
      current = defs[name];
    }
    return current;
  };
  let node = resolve(start);
  let parent: JsonSchemaNode | undefined;
  let property: string | undefined;
  for (const token of pointerTokens(instancePath)) {
    if (!node) break;
    const properties = asNode(node.properties);
    const additional = asNode(node.additionalProperties);
    if (properties && Object.hasOwn(properties, token)) {
      parent = node;
      property = token;
      node = resolve(asNode(properties[token]));
    } else if (node.type === 'object' && additional) {
      parent = undefined;
      property = token;
      node = resolve(additional);
    } else if (node.type === 'array') {
      const prefix = Array.isArray(node.prefixItems) ? node.prefixItems : undefined;
      const index = Number(token);
      parent = undefined;
      property = undefined;
      node = resolve(asNode(prefix && index < prefix.length ? prefix[index] : node.items));
    } else {
      node = undefined;
    }
  }
  return { node, parent, property, definitions };
}

/** Whether the parent object schema lists the property as required. */
export function isRequired(site: SchemaSite): boolean {
  if (!site.parent || site.property === undefined) return false;
  const required = site.parent.required;
  return Array.isArray(required) && required.includes(site.property);
}
