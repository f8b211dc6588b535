import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ApiVersion } from '../../src/catalogue/index.js';
import { addStructureVocabulary } from '../../src/structure/index.js';
import { SchemaRegistry } from '../../src/validate/registry.js';

/**
 * Compiled validators for parts of a definition (one property, or a definition on its own), so a
 * leaf arbitrary (a record ID, a date-time, a label) can be held to exactly the schema its values
 * land in. One ajv per version, built on first use from the registry's compiled document.
 */

const instances = new Map<ApiVersion, { ajv: Ajv2020; id: string }>();
const cache = new Map<string, ValidateFunction>();

function instance(apiVersion: ApiVersion): { ajv: Ajv2020; id: string } {
  const known = instances.get(apiVersion);
  if (known) return known;
  const schema = SchemaRegistry.load().schemaNode(apiVersion);
  const id = String(schema.$id);
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addStructureVocabulary(ajv);
  ajv.addSchema(schema);
  const created = { ajv, id };
  instances.set(apiVersion, created);
  return created;
}

/** Messages for what is wrong with `value` under a definition or one of its properties (empty: valid). */
export function siteProblems(
  apiVersion: ApiVersion,
  definition: string,
  property: string | undefined,
  value: unknown,
): string[] {
  const key = `${apiVersion}#${definition}#${property ?? ''}`;
  let validate = cache.get(key);
  if (!validate) {
    const { ajv, id } = instance(apiVersion);
    validate = ajv.compile({
      $ref: `${id}#/$defs/${definition}${property === undefined ? '' : `/properties/${property}`}`,
    });
    cache.set(key, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (error) => `${definition}${property ? `.${property}` : ''}${error.instancePath}: ${error.message ?? error.keyword}`,
  );
}
