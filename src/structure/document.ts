/**
 * A read-only model of a JSON Structure document shared by the linter, the compiler and repair:
 * its type definitions (namespaces flattened), reference resolution, which extensions it turns
 * on, and `$extends` flattening. Every walk here is bounded (depth caps and visited sets), so a
 * cyclic `$ref`/`$extends` or absurd nesting can cost an issue but never a stack overflow.
 */
import {
  COMPOSITION_ADDIN,
  COMPOSITION_ARRAYS,
  COMPOSITION_KEYWORDS,
  SCHEMA_MARKERS,
  VALIDATION_ADDIN,
  VALIDATION_META_SCHEMA,
} from './keywords.js';
import { childPointer } from '../json-pointer.js';
import { field as own, isObject } from '../json.js';
import { definitionKey, parseRefFragment } from './refs.js';

/** A JSON object as parsed (keys are the document's, never trusted as prototype keys). */
export type JsonObject = Record<string, unknown>;

/** Deepest schema nesting we walk; the adversarial corpus goes to ~100, real documents to ~10. */
export const MAX_DEPTH = 256;

/**
 * The kernel's object test and own-property read (`own` is the kernel's `field`): `__proto__` or `constructor` in a
 * document are data, never inherited members.
 */
export { field as own, isObject } from '../json.js';

/** The kernel's {@link isObject}, typed for editing in place: repair rewrites the document it walks. */
export function isEditableObject(value: unknown): value is JsonObject {
  return isObject(value);
}

/**
 * Own-property write that works for any key: plain assignment of `__proto__` would replace the
 * prototype instead of creating a property named `__proto__`.
 */
export function putOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** One type definition, wherever it sits among the namespaces. */
export interface Definition {
  /** The flattened `$defs` key, e.g. `Ns.Type`. */
  readonly key: string;
  /** Namespace path below `definitions`, e.g. `['Ns', 'Type']`. */
  readonly tokens: readonly string[];
  /** JSON Pointer of the definition in the document, e.g. `/definitions/Ns/Type`. */
  readonly path: string;
  readonly node: JsonObject;
}

/** Where a reference leads. */
export type Resolution =
  | { kind: 'found'; definition: Definition }
  | { kind: 'malformed'; reason: string }
  | { kind: 'missing'; reason: string };

/** A problem found while indexing, reported by the linter. */
export interface IndexProblem {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

/** The indexed document. */
export interface StructureDocument {
  readonly root: JsonObject;
  /** Definitions by their namespace path (tokens joined with NUL, which no JSON key path confuses). */
  readonly definitions: ReadonlyMap<string, Definition>;
  /** Namespace paths, to say "that is a namespace" rather than "missing". */
  readonly namespaces: ReadonlySet<string>;
  /** Validation extension on: the validation meta-schema, or `$uses` lists `JSONStructureValidation`. */
  readonly validationEnabled: boolean;
  /** Conditional composition declared: the validation meta-schema, or `$uses` lists it. */
  readonly compositionEnabled: boolean;
  readonly problems: readonly IndexProblem[];
}

const SEPARATOR = '\u0000';

function usesList(root: JsonObject): string[] {
  const uses = own(root, '$uses');
  return Array.isArray(uses) ? uses.filter((entry): entry is string => typeof entry === 'string') : [];
}

function isValidationMetaSchema(uri: unknown): boolean {
  return typeof uri === 'string' && uri.replace(/#$/, '') === VALIDATION_META_SCHEMA.replace(/#$/, '');
}

/**
 * Whether an object in `definitions` is a type (possibly broken) rather than a namespace. A
 * namespace may itself hold a type named like a keyword (`items`), so a keyword only marks a type
 * when its value is not a type definition.
 */
export function isTypeNode(node: JsonObject): boolean {
  if (Object.hasOwn(node, 'type') || Object.hasOwn(node, '$ref')) return true;
  return Object.entries(node).some(
    ([key, value]) => SCHEMA_MARKERS.has(key) && !(isObject(value) && Object.hasOwn(value, 'type')),
  );
}

/** Indexes a document. Never throws; structural problems come back as `problems`. */
export function indexDocument(root: JsonObject): StructureDocument {
  const definitions = new Map<string, Definition>();
  const namespaces = new Set<string>();
  const problems: IndexProblem[] = [];
  const byKey = new Map<string, string>();

  const walk = (container: JsonObject, tokens: string[], path: string): void => {
    if (tokens.length > MAX_DEPTH) {
      problems.push({
        code: 'SCHEMA_MAX_DEPTH_EXCEEDED',
        path,
        message: `namespaces nest deeper than ${MAX_DEPTH} levels`,
      });
      return;
    }
    for (const [name, member] of Object.entries(container)) {
      const memberPath = childPointer(path, name);
      const memberTokens = [...tokens, name];
      if (name === '$import' || name === '$importdefs') {
        problems.push({
          code: 'SCHEMA_IMPORT_NOT_SUPPORTED',
          path: memberPath,
          message: `${name} is not resolved by hsac: inline the imported definitions before compiling`,
        });
        continue;
      }
      // Other `$` keys are custom annotations ("this also applies to keywords that begin with $").
      if (name.startsWith('$')) continue;
      if (!isObject(member)) {
        problems.push({
          code: 'SCHEMA_INVALID_TYPE',
          path: memberPath,
          message: `definition "${name}" must be an object (a type or a namespace)`,
        });
        continue;
      }
      if (isTypeNode(member)) {
        const key = definitionKey(memberTokens);
        const clash = byKey.get(key);
        if (clash !== undefined) {
          problems.push({
            code: 'SCHEMA_DEFINITION_NAME_COLLISION',
            path: memberPath,
            message: `definition flattens to "${key}", the same $defs name as ${clash}`,
          });
        }
        byKey.set(key, memberPath);
        definitions.set(memberTokens.join(SEPARATOR), { key, tokens: memberTokens, path: memberPath, node: member });
      } else {
        namespaces.add(memberTokens.join(SEPARATOR));
        walk(member, memberTokens, memberPath);
      }
    }
  };

  const defs = own(root, 'definitions');
  if (defs !== undefined) {
    if (isObject(defs)) walk(defs, [], '/definitions');
    else
      problems.push({
        code: 'SCHEMA_KEYWORD_INVALID_TYPE',
        path: '/definitions',
        message: 'definitions must be an object',
      });
  }

  const schemaUri = own(root, '$schema');
  const uses = usesList(root);
  return {
    root,
    definitions,
    namespaces,
    validationEnabled: isValidationMetaSchema(schemaUri) || uses.includes(VALIDATION_ADDIN),
    compositionEnabled: isValidationMetaSchema(schemaUri) || uses.includes(COMPOSITION_ADDIN),
    problems,
  };
}

/** Resolves a `$ref`/`$extends`/`$root` value to a type definition. */
export function resolveReference(doc: StructureDocument, ref: unknown): Resolution {
  const parsed = parseRefFragment(ref);
  if (!parsed.ok) return { kind: 'malformed', reason: parsed.reason };
  const [head, ...rest] = parsed.tokens;
  if (head !== 'definitions' || rest.length === 0) {
    return { kind: 'missing', reason: 'does not point into #/definitions (reusable types must be defined there)' };
  }
  const key = rest.join(SEPARATOR);
  const definition = doc.definitions.get(key);
  if (definition) return { kind: 'found', definition };
  if (doc.namespaces.has(key)) return { kind: 'missing', reason: 'points to a namespace, not a type' };
  return { kind: 'missing', reason: 'does not resolve to a type definition in this document' };
}

/** The `$extends` value as a list of raw references (a string or an array of them). */
export function extendsList(node: JsonObject): unknown[] {
  const value = own(node, '$extends');
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Whether a definition is declared abstract. */
export function isAbstract(node: JsonObject): boolean {
  return own(node, 'abstract') === true;
}

/** An object's members after `$extends` flattening. */
export interface FlattenedObject {
  /** Properties in order: inherited first (first base wins), then the type's own. */
  readonly properties: readonly (readonly [string, unknown])[];
  /** Names inherited from bases (for the "MUST NOT redefine" rule). */
  readonly inherited: ReadonlySet<string>;
  /** Each `required` array, inherited ones first, as written (names, or arrays of names). */
  readonly requiredGroups: readonly (readonly unknown[])[];
  /** A base could not be resolved or the chain loops (the linter reports why). */
  readonly incomplete: boolean;
}

function ownProperties(node: JsonObject): [string, unknown][] {
  const properties = own(node, 'properties');
  return isObject(properties) ? Object.entries(properties) : [];
}

/**
 * Flattens an object or tuple through `$extends` (single or multiple inheritance, first base
 * wins, as both SDKs do). Cycles are cut by a visited set, so a looping chain yields a partial
 * result flagged `incomplete` instead of recursing forever.
 */
export function flattenObject(doc: StructureDocument, node: JsonObject): FlattenedObject {
  const inheritedProps = new Map<string, unknown>();
  const requiredGroups: unknown[][] = [];
  let incomplete = false;
  // `onPath` catches cycles; `done` skips a base reached twice through a diamond (not a cycle).
  const onPath = new Set<JsonObject>([node]);
  const done = new Set<JsonObject>();

  const collectBases = (current: JsonObject, depth: number): void => {
    for (const ref of extendsList(current)) {
      const resolved = resolveReference(doc, ref);
      if (resolved.kind !== 'found' || onPath.has(resolved.definition.node) || depth > MAX_DEPTH) {
        incomplete = true;
        continue;
      }
      const base = resolved.definition.node;
      if (done.has(base)) continue;
      onPath.add(base);
      collectBases(base, depth + 1);
      onPath.delete(base);
      done.add(base);
      for (const [name, schema] of ownProperties(base)) if (!inheritedProps.has(name)) inheritedProps.set(name, schema);
      const baseRequired = own(base, 'required');
      if (Array.isArray(baseRequired)) requiredGroups.push(baseRequired);
    }
  };
  collectBases(node, 0);

  const properties = new Map(inheritedProps);
  for (const [name, schema] of ownProperties(node)) properties.set(name, schema);
  const ownRequired = own(node, 'required');
  if (Array.isArray(ownRequired)) requiredGroups.push(ownRequired);
  return {
    properties: [...properties.entries()],
    inherited: new Set(inheritedProps.keys()),
    requiredGroups,
    incomplete,
  };
}

/** References a schema follows without consuming instance depth (type refs, unions, composition). */
function inPlaceReferences(node: unknown, depth: number, out: unknown[]): void {
  if (!isObject(node) || depth > MAX_DEPTH) return;
  const type = own(node, 'type');
  if (isObject(type)) out.push(own(type, '$ref'));
  if (Array.isArray(type)) for (const member of type) if (isObject(member)) out.push(own(member, '$ref'));
  for (const keyword of COMPOSITION_KEYWORDS) {
    const value = own(node, keyword);
    if (COMPOSITION_ARRAYS.has(keyword) && Array.isArray(value))
      for (const branch of value) inPlaceReferences(branch, depth + 1, out);
    else inPlaceReferences(value, depth + 1, out);
  }
}

/** Whether following `edges` from `start` comes back to `start` (bounded by the definition count). */
function reachesItself(start: Definition, edges: (definition: Definition) => Definition[]): boolean {
  const seen = new Set<Definition>();
  const stack = [...edges(start)];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined) break;
    if (next === start) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...edges(next));
  }
  return false;
}

function resolvedDefinitions(doc: StructureDocument, refs: unknown[]): Definition[] {
  const found: Definition[] = [];
  for (const ref of refs) {
    const resolved = resolveReference(doc, ref);
    if (resolved.kind === 'found') found.push(resolved.definition);
  }
  return found;
}

/**
 * Definitions whose type is only an alias chain back to themselves (`A: {type: {$ref: A}}`, or
 * through unions and composition): no instance can ever be checked against them, and a
 * validator following them would loop. Recursion through properties or items is fine.
 */
export function aliasCycles(doc: StructureDocument): Definition[] {
  const edges = (definition: Definition): Definition[] => {
    const refs: unknown[] = [];
    inPlaceReferences(definition.node, 0, refs);
    return resolvedDefinitions(doc, refs);
  };
  return [...doc.definitions.values()].filter((definition) => reachesItself(definition, edges));
}

/** Definitions whose `$extends` chain comes back to themselves. */
export function extendsCycles(doc: StructureDocument): Definition[] {
  const edges = (definition: Definition): Definition[] => resolvedDefinitions(doc, extendsList(definition.node));
  return [...doc.definitions.values()].filter((definition) => reachesItself(definition, edges));
}
