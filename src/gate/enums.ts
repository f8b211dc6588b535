import { asNode, definitionNode, refName } from '../../properties/schema/definitions.js';
import type { ApiVersion, Operation } from '../catalogue/index.js';
import { SchemaRegistry, type JsonSchemaNode } from '../validate/registry.js';

/**
 * The SDK's TypeScript enums against the schema's. The runtime passes unknown enum values
 * through, so the decode checks cannot see this; but typed code that switches on
 * `AssociationSpecWithLabelCategoryEnum` has no case for a value the enum lacks (the `WORK`
 * category, FACTS §7.7; hubspot-api-nodejs#475). Generated enums are named
 * `<Definition><Property>Enum`; the gate pairs each with the schema's definition and property.
 */

/** One enum of the SDK that lacks values the schema allows. */
export interface EnumGap {
  readonly sdkEnum: string;
  readonly definition: string;
  readonly property: string;
  readonly missing: readonly string[];
}

function definitions(apiVersion: ApiVersion): Record<string, JsonSchemaNode> {
  return (SchemaRegistry.load().schemaNode(apiVersion).$defs ?? {}) as Record<string, JsonSchemaNode>;
}

function enumValues(apiVersion: ApiVersion, node: JsonSchemaNode | undefined): string[] | undefined {
  if (!node) return undefined;
  const name = refName(node);
  const target = name === undefined ? node : definitionNode(apiVersion, name);
  return Array.isArray(target.enum) ? target.enum.filter((v): v is string => typeof v === 'string') : undefined;
}

/** The definitions reachable from an operation's request and response definitions. */
export function reachableDefinitions(op: Operation): Set<string> {
  const seen = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    const node = asNode(value);
    if (!node) return;
    const name = refName(node);
    if (name !== undefined && !seen.has(name)) {
      seen.add(name);
      visit(definitionNode(op.apiVersion, name));
    }
    for (const child of Object.values(node)) visit(child);
  };
  for (const name of [op.requestDefinition, ...op.responses.map((r) => r.definition)]) {
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    visit(definitionNode(op.apiVersion, name));
  }
  return seen;
}

/** Pairs `<Definition><Property>Enum` with a definition and property of the version, if any. */
function pair(
  apiVersion: ApiVersion,
  name: string,
): { definition: string; property: string; values: string[] } | undefined {
  if (!name.endsWith('Enum')) return undefined;
  const stem = name.slice(0, -'Enum'.length);
  const defs = definitions(apiVersion);
  for (let cut = stem.length - 1; cut > 0; cut--) {
    const definition = stem.slice(0, cut);
    const property = stem.charAt(cut).toLowerCase() + stem.slice(cut + 1);
    const properties = asNode(defs[definition]?.properties);
    const values = enumValues(
      apiVersion,
      properties && Object.hasOwn(properties, property) ? asNode(properties[property]) : undefined,
    );
    if (values) return { definition, property, values };
  }
  return undefined;
}

/** The SDK's enums (exported objects of string values) that lack schema values, for one version. */
export function enumGaps(apiVersion: ApiVersion, exported: Readonly<Record<string, unknown>>): EnumGap[] {
  const gaps: EnumGap[] = [];
  for (const [name, value] of Object.entries(exported)) {
    if (typeof value !== 'object' || value === null) continue;
    const sdkValues = new Set(Object.values(value).filter((v): v is string => typeof v === 'string'));
    const paired = pair(apiVersion, name);
    if (!paired || sdkValues.size === 0) continue;
    const missing = paired.values.filter((v) => !sdkValues.has(v));
    if (missing.length > 0)
      gaps.push({ sdkEnum: name, definition: paired.definition, property: paired.property, missing });
  }
  return gaps;
}

/**
 * The first place in a body of the operation's declared 2xx answers where `definition.property`
 * appears, as a JSON Pointer with index 0 for arrays (e.g. `/results/0/to/0/associationTypes/0/category`).
 */
export function locate(op: Operation, definition: string, property: string): string | undefined {
  const search = (node: JsonSchemaNode, pointer: string, seen: ReadonlySet<string>): string | undefined => {
    const name = refName(node);
    if (name !== undefined) {
      if (seen.has(name)) return undefined;
      const target = definitionNode(op.apiVersion, name);
      if (name === definition && Object.hasOwn(asNode(target.properties) ?? {}, property))
        return `${pointer}/${property}`;
      return search(target, pointer, new Set([...seen, name]));
    }
    const items = asNode(node.items);
    if (items) return search(items, `${pointer}/0`, seen);
    for (const [key, child] of Object.entries(asNode(node.properties) ?? {})) {
      const childNode = asNode(child);
      const found = childNode ? search(childNode, `${pointer}/${key}`, seen) : undefined;
      if (found !== undefined) return found;
    }
    return undefined;
  };
  for (const response of op.responses) {
    const found = search({ $ref: `#/$defs/${response.definition}` }, '', new Set());
    if (found !== undefined) return found;
  }
  return undefined;
}
