import type { ApiVersion } from '../src/catalogue/index.js';
import { isObject } from '../src/json.js';
import { definitionOf, type StructureNode } from './schema-shape.js';

/**
 * Which request bodies the sandbox refuses, read from the version's request definition in hsac's
 * schemas (never a list of its own): a body HubSpot's JSON binding could not map onto the
 * definition is a 400 VALIDATION_ERROR. The rules are the binding's, not a strict validator's:
 *
 * - an `object` must be a JSON object, with every `required` property present and not null (a
 *   null binds to a missing field); an optional property that is null counts as absent;
 * - an `array` must be a JSON array, its items each valid;
 * - a `string` takes a string, or a number, which the Java backend writes as its text (HubSpot's
 *   own docs send `"id": 9001`, FACTS §7.6); an object, array or boolean is refused;
 * - a string `enum` takes one of its values exactly (case-sensitive, as an enum binding is);
 * - an `int32` takes a whole JSON number in int32 range; a string, a fraction or anything else is
 *   refused;
 * - undeclared properties are ignored: the published spec leaves every object open (hsac's schemas
 *   close them only so that strict validation of responses reports them).
 *
 * A well-typed value that names nothing (an unknown record ID, a bad paging cursor) is not a
 * request-shape problem: the handlers answer it as a per-input error.
 */

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const REF_PREFIX = '#/definitions/';

/** `inputs[0].from.id`; the body itself is `(the body)`. */
const child = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`);

/** What was sent instead, short: a message must not echo a 32 MiB string back. */
function describe(value: unknown): string {
  if (value === undefined) return 'no body';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}

interface Walk {
  readonly version: ApiVersion;
  /** False: judge arrays as arrays, but not their items (the batch envelope before its input limit). */
  readonly items: boolean;
}

/** The first problem of `value` against `node` at `path`, or undefined. */
function problemAt(walk: Walk, node: StructureNode, value: unknown, path: string): string | undefined {
  const type = node.type;
  if (type === undefined) return undefined;
  if (typeof type === 'object') {
    if (!type.$ref.startsWith(REF_PREFIX)) throw new Error(`request-shape: unsupported $ref ${type.$ref}`);
    return problemAt(walk, definitionOf(walk.version, type.$ref.slice(REF_PREFIX.length)), value, path);
  }
  switch (type) {
    case 'object': {
      const required = node.required ?? [];
      if (!isObject(value)) {
        if (path === '')
          return `expected a JSON object with ${required.map((name) => JSON.stringify(name)).join(', ')}, got ${describe(value)}`;
        return `${path} must be an object, got ${describe(value)}`;
      }
      for (const name of required)
        if (!Object.hasOwn(value, name) || value[name] === null) return `${child(path, name)} is required`;
      for (const [name, property] of Object.entries(node.properties ?? {})) {
        if (!Object.hasOwn(value, name) || value[name] === null) continue;
        const problem = problemAt(walk, property, value[name], child(path, name));
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    case 'array': {
      if (!Array.isArray(value)) return `${path} must be an array, got ${describe(value)}`;
      if (!walk.items || node.items === undefined) return undefined;
      for (let index = 0; index < value.length; index++) {
        const problem = problemAt(walk, node.items, value[index], `${path}[${index}]`);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    case 'string': {
      if (node.enum !== undefined) {
        return typeof value === 'string' && node.enum.includes(value)
          ? undefined
          : `${path} must be one of ${node.enum.join(', ')}, got ${describe(value)}`;
      }
      return typeof value === 'string' || typeof value === 'number'
        ? undefined
        : `${path} must be a string, got ${describe(value)}`;
    }
    case 'int32':
      return typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX
        ? undefined
        : `${path} must be a 32-bit integer, got ${describe(value)}`;
    default:
      // A request definition with a type the sandbox cannot judge is a sandbox bug: say so (500) rather than accept
      // anything.
      throw new Error(`request-shape: type ${type} of ${path || 'the body'} is not supported`);
  }
}

/**
 * Why `body` is not a valid `definition` request of `version`, as the message of a 400 (HubSpot's
 * "Invalid input JSON: ..." wording), or undefined when it is valid. `items: false` judges only
 * the envelope (that `inputs` is an array), so a caller can apply the input limit before it judges
 * the inputs one by one, as HubSpot refuses an over-long batch whatever its inputs hold.
 */
export function requestBodyProblem(
  version: ApiVersion,
  definition: string,
  body: unknown,
  options: { readonly items: boolean },
): string | undefined {
  const problem = problemAt({ version, items: options.items }, definitionOf(version, definition), body, '');
  return problem === undefined ? undefined : `Invalid input JSON: ${problem}`;
}
