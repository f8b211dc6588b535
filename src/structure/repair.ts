/**
 * Repair mode: turns a document generated from OpenAPI (like the published HubSpot seed) into
 * valid JSON Structure without editing the file. It rewrites bare `$ref`s into the `type` form,
 * copies the definitions they need (and what those need, transitively) and reads property-less
 * objects as maps. Every change is reported as one human line; the input is never mutated.
 */
import { type JsonObject, MAX_DEPTH, isEditableObject, isObject, isTypeNode, own, putOwn } from './document.js';
import { COMPOSITION_ARRAYS, COMPOSITION_KEYWORDS } from './keywords.js';
import { childPointer, escapeToken } from '../json-pointer.js';
import { parseRefFragment } from './refs.js';

/** How to resolve what the document leaves dangling. */
export interface RepairOptions {
  /** dangling `$ref` target (e.g. '#/components/schemas/ObjectReference') -> name of a definition in `definitions` */
  refMap: Record<string, string>;
  /** definitions to copy in (transitively needed ones only) */
  definitions: Record<string, unknown>;
}

/** A repaired copy of a document and what was changed. */
export interface RepairResult {
  readonly doc: unknown;
  readonly repairs: string[];
}

/** Keywords that only make sense at a document root; dropped when a whole document is copied in as a definition. */
const ROOT_ONLY = ['$schema', '$id', '$uses', '$offers', '$root', '$import', '$importdefs'];

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = [
  'items',
  'values',
  'contains',
  'propertyNames',
  'keyNames',
  'has',
  'not',
  'if',
  'then',
  'else',
];
/** Keywords whose value maps names (or patterns) to schemas. */
const SCHEMA_MAP_KEYWORDS = ['properties', 'choices', 'patternProperties', 'patternKeys'];

class Repairer {
  readonly repairs: string[] = [];
  private readonly queue: string[] = [];
  /** Who first needed each queued definition, for the repair line. */
  private readonly neededBy = new Map<string, string>();

  constructor(
    private readonly root: JsonObject,
    private readonly definitions: JsonObject,
    private readonly options: RepairOptions,
  ) {}

  /** The top-level definition name a `#/definitions/<name>` reference names, if it is that simple. */
  private localName(ref: unknown): string | undefined {
    const parsed = parseRefFragment(ref);
    return parsed.ok && parsed.tokens.length === 2 && parsed.tokens[0] === 'definitions' ? parsed.tokens[1] : undefined;
  }

  private available(name: string): boolean {
    return Object.hasOwn(this.definitions, name) || Object.hasOwn(this.options.definitions, name);
  }

  /** Schedules a definition to be copied in when the document lacks it. */
  private need(name: string, by: string): void {
    if (Object.hasOwn(this.definitions, name) || this.queue.includes(name)) return;
    if (!Object.hasOwn(this.options.definitions, name)) return;
    this.queue.push(name);
    this.neededBy.set(name, by);
  }

  /** Where a reference should point after repair, or undefined when it cannot be repaired. */
  private target(ref: unknown, path: string): string | undefined {
    if (typeof ref === 'string' && Object.hasOwn(this.options.refMap, ref)) {
      const name = this.options.refMap[ref] ?? '';
      if (!this.available(name)) {
        this.repairs.push(
          `could not repair ${path}: ${ref} maps to "${name}", which is neither in the document nor in repair.definitions`,
        );
        return undefined;
      }
      this.need(name, path);
      return `#/definitions/${escapeToken(name)}`;
    }
    const name = this.localName(ref);
    if (name !== undefined && this.available(name)) {
      this.need(name, path);
      return ref as string;
    }
    return undefined;
  }

  schema(node: unknown, path: string, depth: number): void {
    if (!isEditableObject(node) || depth > MAX_DEPTH) return;
    if (Object.hasOwn(node, '$ref') && !Object.hasOwn(node, 'type')) {
      const ref = node.$ref;
      const target = this.target(ref, path);
      if (target !== undefined) {
        delete node.$ref;
        node.type = { $ref: target };
        this.repairs.push(`${path || '/'}: bare {"$ref": ${JSON.stringify(ref)}} -> {"type": {"$ref": "${target}"}}`);
      }
    }
    this.typeReferences(node, path);
    this.propertylessObject(node, path);
    for (const ref of extendsRefs(node)) {
      const name = this.localName(ref);
      if (name !== undefined) this.need(name, path);
    }
    for (const keyword of SCHEMA_KEYWORDS) this.schema(own(node, keyword), childPointer(path, keyword), depth + 1);
    const additional = own(node, 'additionalProperties');
    if (isObject(additional)) this.schema(additional, childPointer(path, 'additionalProperties'), depth + 1);
    for (const keyword of SCHEMA_MAP_KEYWORDS) {
      const members = own(node, keyword);
      if (isObject(members))
        for (const [name, member] of Object.entries(members))
          this.schema(member, childPointer(path, keyword, name), depth + 1);
    }
    for (const keyword of COMPOSITION_KEYWORDS) {
      const value = own(node, keyword);
      if (COMPOSITION_ARRAYS.has(keyword) && Array.isArray(value))
        value.forEach((branch, index) => this.schema(branch, childPointer(path, keyword, index), depth + 1));
    }
  }

  /** `type: {$ref}` and union members pointing at a mapped target. */
  private typeReferences(node: JsonObject, path: string): void {
    const type = own(node, 'type');
    const members = Array.isArray(type) ? type : [type];
    members.forEach((member, index) => {
      if (!isEditableObject(member) || !Object.hasOwn(member, '$ref')) return;
      const ref = member.$ref;
      const memberPath = Array.isArray(type) ? childPointer(path, 'type', index) : childPointer(path, 'type');
      const target = this.target(ref, memberPath);
      if (target !== undefined && target !== ref) {
        member.$ref = target;
        this.repairs.push(`${memberPath}: type reference ${JSON.stringify(ref)} -> "${target}"`);
      }
    });
  }

  /** `{"type": "object", "additionalProperties": S}` without properties is a map of S. */
  private propertylessObject(node: JsonObject, path: string): void {
    if (own(node, 'type') !== 'object' || Object.hasOwn(node, '$extends')) return;
    const properties = own(node, 'properties');
    if (properties !== undefined && !(isObject(properties) && Object.keys(properties).length === 0)) return;
    const additional = own(node, 'additionalProperties');
    // `false` would mean "always empty", which a map cannot say without the validation extension.
    if (additional === false) return;
    const values = isObject(additional) ? additional : { type: 'any' };
    node.type = 'map';
    node.values = values;
    delete node.additionalProperties;
    delete node.properties;
    this.repairs.push(
      `${path || '/'}: object without properties -> map (values: ${isObject(additional) ? 'its additionalProperties schema' : 'any'})`,
    );
  }

  /** Copies queued definitions in, repairing each as it arrives (which may queue more). */
  drain(): void {
    for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
      const source = this.options.definitions[next];
      if (!isEditableObject(source)) continue;
      const copy = structuredClone(source);
      this.repairs.push(
        `copied definition "${next}" into /definitions (needed by ${this.neededBy.get(next) || 'the root'})`,
      );
      for (const keyword of ROOT_ONLY) delete copy[keyword];
      const nested = own(copy, 'definitions');
      delete copy.definitions;
      // A whole document copied in brings its own definitions: hoist the ones the target lacks.
      if (isObject(nested)) {
        for (const [name, definition] of Object.entries(nested)) {
          if (Object.hasOwn(this.definitions, name) || Object.hasOwn(this.options.definitions, name)) continue;
          putOwn(this.definitions, name, structuredClone(definition));
          this.repairs.push(`hoisted definition "${name}" from the copied "${next}" into /definitions`);
          this.schema(this.definitions[name], childPointer('/definitions', name), 1);
        }
      }
      putOwn(this.definitions, next, copy);
      this.schema(copy, childPointer('/definitions', next), 1);
    }
  }

  run(): void {
    this.schema(this.root, '', 0);
    walkDefinitions(this.definitions, '/definitions', 0, (node, path, depth) => this.schema(node, path, depth));
    this.drain();
  }
}

function extendsRefs(node: JsonObject): unknown[] {
  const value = own(node, '$extends');
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Visits every type definition (descending through namespaces). */
function walkDefinitions(
  container: JsonObject,
  path: string,
  depth: number,
  visit: (node: JsonObject, path: string, depth: number) => void,
): void {
  if (depth > MAX_DEPTH) return;
  for (const [name, member] of Object.entries(container)) {
    if (!isObject(member) || name.startsWith('$')) continue;
    const memberPath = childPointer(path, name);
    if (isTypeNode(member)) visit(member, memberPath, depth + 1);
    else walkDefinitions(member, memberPath, depth + 1, visit);
  }
}

/**
 * Repairs a copy of `doc` (see the module comment). The root's own `properties` etc. are walked
 * as a schema even when the root has no `type`, which is harmless: only schema keywords are read.
 */
export function repairStructure(doc: unknown, options: RepairOptions): RepairResult {
  if (!isObject(doc)) return { doc, repairs: [] };
  let root: JsonObject;
  try {
    root = structuredClone(doc);
  } catch (error) {
    return {
      doc,
      repairs: [
        `could not repair: the document cannot be copied (${error instanceof Error ? error.message : String(error)})`,
      ],
    };
  }
  const existing = own(root, 'definitions');
  if (existing !== undefined && !isObject(existing))
    return { doc: root, repairs: ['could not repair: /definitions is not an object'] };
  const definitions: JsonObject = existing ?? {};
  const repairer = new Repairer(root, definitions, options);
  repairer.run();
  if (existing === undefined && Object.keys(definitions).length > 0) root.definitions = definitions;
  return { doc: root, repairs: repairer.repairs };
}
