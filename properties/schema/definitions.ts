import type { ApiVersion } from '../../src/catalogue/index.js';
import { SchemaRegistry, type JsonSchemaNode } from '../../src/validate/registry.js';
import { asNode } from '../../src/validate/schema-walk.js';

/**
 * Read access to the compiled schemas for the generators and the mutation catalogue. Arbitraries
 * ask the schema which optional fields a definition declares (so `errors` appears only where the
 * version's definition has it, `fromObjectTypeId` only where the version has it) instead of
 * keeping per-version lists that could drift from `schemas/`.
 */

const DEF_REF = /#\/\$defs\/([^/]+)$/;

export { asNode };

/** The compiled JSON Schema node of one definition of a version. */
export function definitionNode(apiVersion: ApiVersion, definition: string): JsonSchemaNode {
  return SchemaRegistry.load().schemaNode(apiVersion, definition);
}

/** The `$defs` name a `$ref` points to, if the node is a reference. */
export function refName(node: JsonSchemaNode | undefined): string | undefined {
  return node && typeof node.$ref === 'string' ? DEF_REF.exec(node.$ref)?.[1] : undefined;
}

/** The property names a definition declares. */
export function declaredProperties(apiVersion: ApiVersion, definition: string): ReadonlySet<string> {
  return new Set(Object.keys(asNode(definitionNode(apiVersion, definition).properties) ?? {}));
}

/** Whether a definition declares a property. */
export function declares(apiVersion: ApiVersion, definition: string, property: string): boolean {
  return declaredProperties(apiVersion, definition).has(property);
}

/** The properties a definition requires. */
export function requiredProperties(apiVersion: ApiVersion, definition: string): ReadonlySet<string> {
  const required = definitionNode(apiVersion, definition).required;
  return new Set(Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : []);
}

/** A property's schema, with a `$ref` followed once into `$defs`. */
export function propertyNode(apiVersion: ApiVersion, definition: string, property: string): JsonSchemaNode {
  const properties = asNode(definitionNode(apiVersion, definition).properties) ?? {};
  const node = Object.hasOwn(properties, property) ? asNode(properties[property]) : undefined;
  if (!node) throw new Error(`${apiVersion} ${definition} declares no property "${property}"`);
  const target = refName(node);
  return target === undefined ? node : definitionNode(apiVersion, target);
}

/** The string enum of a property (e.g. the batch `status`, an association `category`). */
export function enumOf(apiVersion: ApiVersion, definition: string, property: string): readonly string[] {
  const values = propertyNode(apiVersion, definition, property).enum;
  if (!Array.isArray(values) || values.length === 0)
    throw new Error(`${apiVersion} ${definition}.${property} has no enum`);
  return values.filter((value): value is string => typeof value === 'string');
}

/** The `$defs` name of the items of an array property (e.g. the `results` item definition). */
export function itemDefinition(apiVersion: ApiVersion, definition: string, property: string): string {
  const node = propertyNode(apiVersion, definition, property);
  const name = refName(asNode(node.items));
  if (name === undefined)
    throw new Error(`${apiVersion} ${definition}.${property} is not an array of a named definition`);
  return name;
}
