import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

// Structural self-check of hsac's own JSON Structure documents. Needs nothing outside the repo,
// so it runs everywhere; openapi-parity.test.ts compares the same documents with HubSpot's spec.

/** A parsed JSON value. */
type Json = null | boolean | number | string | Json[] | JsonObject;
/** A parsed JSON object. */
interface JsonObject {
  [key: string]: Json;
}

const API_VERSIONS = ['v4', '2025-09', '2026-03', '2026-09'] as const;
type ApiVersion = (typeof API_VERSIONS)[number];

/** Identifier rule of JSON Structure core for property and type names. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Definitions every version has (spec component names, plus hsac's AssociationCategory and RateLimitError). */
const COMMON_DEFINITIONS = [
  'BatchInputPublicDefaultAssociationMultiPost',
  'BatchInputPublicFetchAssociationsBatchRequest',
  'BatchInputPublicAssociationDefinitionConfigurationCreateRequest',
  'BatchResponsePublicDefaultAssociation',
  'BatchResponsePublicAssociationMultiWithLabel',
  'BatchResponsePublicAssociationDefinitionUserConfiguration',
  'PublicObjectId',
  'PublicDefaultAssociationMultiPost',
  'PublicFetchAssociationsBatchRequest',
  'PublicDefaultAssociation',
  'AssociationCategory',
  'AssociationSpec',
  'AssociationSpecWithLabel',
  'PublicAssociationMultiWithLabel',
  'MultiAssociatedObjectWithLabel',
  'Paging',
  'NextPage',
  'PreviousPage',
  'StandardError',
  'ErrorDetail',
  'Error',
  'PublicAssociationDefinitionConfigurationCreateRequest',
  'PublicAssociationDefinitionUserConfiguration',
  'RateLimitError',
] as const;

/** The `*WithErrors` (207) definitions exist only where the version's spec declares that 207 (FACTS §2, §3). */
const WITH_ERRORS_DEFINITIONS: Record<ApiVersion, readonly string[]> = {
  v4: [
    'BatchResponsePublicAssociationMultiWithLabelWithErrors',
    'BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors',
  ],
  '2025-09': ['BatchResponsePublicAssociationMultiWithLabelWithErrors'],
  '2026-03': [
    'BatchResponsePublicAssociationMultiWithLabelWithErrors',
    'BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors',
  ],
  '2026-09': [],
};

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function loadDocument(version: ApiVersion): JsonObject {
  const file = join(packageRoot(), 'schemas', version, 'associations.struct.json');
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Json;
  if (!isObject(parsed)) throw new Error(`${file}: root is not a JSON object`);
  return parsed;
}

/**
 * Every `$ref` anywhere in the document must be the sole key of a `type` value and resolve to a
 * definition of the same document; `example` (the seed's habit) must not appear.
 */
function refProblems(node: Json, pointer: string, parentKey: string | undefined, definitions: JsonObject): string[] {
  const problems: string[] = [];
  if (Array.isArray(node)) {
    node.forEach((child, index) => problems.push(...refProblems(child, `${pointer}/${index}`, undefined, definitions)));
    return problems;
  }
  if (!isObject(node)) return problems;
  if ('$ref' in node) {
    const target = node.$ref;
    if (parentKey !== 'type') problems.push(`${pointer}: bare $ref (only allowed as the value of "type")`);
    if (Object.keys(node).length !== 1) problems.push(`${pointer}: a {"$ref"} type must have no other keys`);
    const match = typeof target === 'string' ? /^#\/definitions\/([A-Za-z_][A-Za-z0-9_]*)$/.exec(target) : null;
    if (!match?.[1] || !(match[1] in definitions))
      problems.push(`${pointer}: $ref ${JSON.stringify(target)} does not resolve in this document`);
  }
  for (const [key, child] of Object.entries(node)) {
    if (key === 'example') problems.push(`${pointer}: "example" keyword`);
    problems.push(...refProblems(child, `${pointer}/${key}`, key, definitions));
  }
  return problems;
}

/** Rules that depend on a node's schema type: closed non-empty objects, maps, arrays, enums, names. */
function schemaProblems(schema: Json, pointer: string): string[] {
  if (!isObject(schema)) return [`${pointer}: schema is not an object`];
  const problems: string[] = [];
  const type = schema.type;
  if (type === undefined) problems.push(`${pointer}: no "type"`);
  if (typeof schema.description === 'string' && schema.description.length > 400) {
    problems.push(`${pointer}: description longer than 400 characters`);
  }
  if (type === 'object') {
    const properties = schema.properties;
    if (!isObject(properties) || Object.keys(properties).length === 0) {
      problems.push(`${pointer}: object without properties (use "map" for dynamic keys)`);
    } else {
      for (const [name, child] of Object.entries(properties)) {
        if (!NAME.test(name)) problems.push(`${pointer}/properties/${name}: property name breaks ${NAME}`);
        problems.push(...schemaProblems(child, `${pointer}/properties/${name}`));
      }
      const required = schema.required ?? [];
      if (!Array.isArray(required)) problems.push(`${pointer}: "required" is not an array`);
      else {
        for (const name of required) {
          if (typeof name !== 'string' || !(name in properties))
            problems.push(`${pointer}: required ${JSON.stringify(name)} is not in properties`);
        }
      }
    }
    if (schema.additionalProperties !== false)
      problems.push(`${pointer}: object is not closed (additionalProperties: false)`);
  } else if ('properties' in schema || 'required' in schema || 'additionalProperties' in schema) {
    problems.push(`${pointer}: properties/required/additionalProperties on a non-object`);
  }
  if (type === 'array' || type === 'set') {
    if (schema.items === undefined) problems.push(`${pointer}: ${type} without items`);
    else problems.push(...schemaProblems(schema.items, `${pointer}/items`));
  }
  if (type === 'map') {
    if (schema.values === undefined) problems.push(`${pointer}: map without values`);
    else problems.push(...schemaProblems(schema.values, `${pointer}/values`));
  }
  if ('enum' in schema) {
    const values = schema.enum;
    if (type !== 'string' || !Array.isArray(values) || values.some((value) => typeof value !== 'string')) {
      problems.push(`${pointer}: enum must be a list of strings on a string type`);
    } else if (new Set(values).size !== values.length) problems.push(`${pointer}: duplicate enum values`);
  }
  return problems;
}

describe.each(API_VERSIONS)('schemas/%s/associations.struct.json (structure)', (version) => {
  const document = loadDocument(version);
  const definitions = isObject(document.definitions) ? document.definitions : {};

  it('has the root conventions the catalogue and validator depend on', () => {
    expect(document.$schema).toBe('https://json-structure.org/meta/core/v0/#');
    expect(document.$id).toBe(`https://hsac.dev/schemas/${version}/associations.struct.json`);
    expect(document.name).toBe(`HubSpotAssociations_${version.replace(/-/g, '_')}`);
    expect(typeof document.description).toBe('string');
    expect(Object.keys(document).sort()).toEqual(['$id', '$schema', 'definitions', 'description', 'name']);
  });

  it('defines exactly the expected flat set of definitions', () => {
    const expected = [...COMMON_DEFINITIONS, ...WITH_ERRORS_DEFINITIONS[version]].sort();
    expect(Object.keys(definitions).sort()).toEqual(expected);
    for (const [name, definition] of Object.entries(definitions)) {
      expect(NAME.test(name), `definition name ${name}`).toBe(true);
      // A flat namespace: every entry is a type (has "type"), none is a nested namespace or alias.
      expect(
        isObject(definition) && typeof definition.type === 'string',
        `#/definitions/${name} declares a named type`,
      ).toBe(true);
    }
  });

  it('uses $ref only as {"type": {"$ref"}} and every reference resolves in the document', () => {
    expect(refProblems(document, '#', undefined, definitions)).toEqual([]);
  });

  it('closes every object, gives it properties, and keeps required within properties', () => {
    const problems = Object.entries(definitions).flatMap(([name, definition]) =>
      schemaProblems(definition, `#/definitions/${name}`),
    );
    expect(problems).toEqual([]);
  });

  it('spells the batch status enum CANCELED with one L in every envelope', () => {
    const envelopes = Object.entries(definitions).filter(([name]) => name.startsWith('BatchResponse'));
    expect(envelopes.length).toBeGreaterThan(0);
    for (const [name, envelope] of envelopes) {
      const status = isObject(envelope) && isObject(envelope.properties) ? envelope.properties.status : undefined;
      expect(isObject(status) ? status.enum : undefined, name).toEqual([
        'CANCELED',
        'COMPLETE',
        'PENDING',
        'PROCESSING',
      ]);
    }
  });
});
