/**
 * The structure-document linter: JSON Structure Core (draft -03) rules plus the validation and
 * composition extensions, reported as data. It never throws, whatever the input: every walk is
 * depth-capped, references are checked where they are written (never followed recursively), and
 * cycles are found on the definition graph with visited sets.
 */
import { type ConstraintSink, lintConstraints } from './constraints.js';
import {
  type JsonObject,
  MAX_DEPTH,
  type StructureDocument,
  aliasCycles,
  extendsCycles,
  extendsList,
  flattenObject,
  indexDocument,
  isAbstract,
  isObject,
  own,
  resolveReference,
} from './document.js';
import type { StructureIssue } from './issues.js';
import { COMPOSITION_ARRAYS, COMPOSITION_KEYWORDS, COMPOUND_TYPES, IDENTIFIER, PRIMITIVE_TYPES } from './keywords.js';
import { childPointer } from '../json-pointer.js';
import { jsonText } from '../json.js';
import { primitiveValueProblem } from './primitives.js';

/** Compound types that cannot be named in a union (inline compounds are prohibited there). */
const NOT_IN_UNION: ReadonlySet<string> = new Set(['object', 'array', 'set', 'map', 'tuple', 'choice']);

/** Where a schema sits, for the rules that depend on it. */
interface Site {
  readonly root?: boolean;
}

class Linter implements ConstraintSink {
  readonly issues: StructureIssue[] = [];

  constructor(private readonly doc: StructureDocument) {}

  get validationEnabled(): boolean {
    return this.doc.validationEnabled;
  }

  report(code: string, severity: StructureIssue['severity'], path: string, message: string): void {
    this.issues.push({ code, severity, path, message });
  }

  private error(code: string, path: string, message: string): void {
    this.report(code, 'error', path, message);
  }

  private warn(code: string, path: string, message: string): void {
    this.report(code, 'warning', path, message);
  }

  /** ConstraintSink: nested schemas inside constraint keywords (`contains`, `keyNames`, ...). */
  schema(node: unknown, path: string): void {
    this.lintSchema(node, path, this.depthOf(path));
  }

  // Nested constraint schemas arrive without a depth; the pointer length bounds it just as well.
  private depthOf(path: string): number {
    return path.split('/').length;
  }

  lintDocument(): void {
    const root = this.doc.root;
    this.rootKeywords(root);
    for (const problem of this.doc.problems) this.error(problem.code, problem.path, problem.message);
    for (const definition of this.doc.definitions.values()) {
      const name = definition.tokens[definition.tokens.length - 1] ?? '';
      if (!IDENTIFIER.test(name))
        this.warn(
          'SCHEMA_NAME_INVALID',
          definition.path,
          `type name "${name}" is not an identifier ([A-Za-z_][A-Za-z0-9_]*)`,
        );
      this.lintSchema(definition.node, definition.path, definition.tokens.length);
    }
    const hasRootType =
      Object.hasOwn(root, 'type') || COMPOSITION_KEYWORDS.some((keyword) => Object.hasOwn(root, keyword));
    if (Object.hasOwn(root, '$root')) {
      if (Object.hasOwn(root, 'type'))
        this.error('SCHEMA_ROOT_CONFLICT', '/$root', '$root and a root type are mutually exclusive');
      this.rootReference(own(root, '$root'));
    } else if (hasRootType) {
      this.lintSchema(root, '', 0, { root: true });
    } else if (!Object.hasOwn(root, 'definitions')) {
      this.error(
        'SCHEMA_ROOT_MISSING_TYPE',
        '',
        "the document declares no type: give it a 'type', a '$root', or 'definitions'",
      );
    }
    for (const definition of extendsCycles(this.doc)) {
      this.error(
        'SCHEMA_EXTENDS_CIRCULAR',
        childPointer(definition.path, '$extends'),
        `$extends of ${definition.path} leads back to itself`,
      );
    }
    for (const definition of aliasCycles(this.doc)) {
      this.error(
        'SCHEMA_REF_CIRCULAR',
        childPointer(definition.path, 'type'),
        `${definition.path} is only a reference chain back to itself; no instance can ever be checked against it`,
      );
    }
  }

  private rootKeywords(root: JsonObject): void {
    const schemaUri = own(root, '$schema');
    if (schemaUri === undefined)
      this.error('SCHEMA_ROOT_MISSING_SCHEMA', '', "missing required '$schema' keyword at root");
    else if (typeof schemaUri !== 'string')
      this.error('SCHEMA_KEYWORD_INVALID_TYPE', '/$schema', '$schema must be a URI string');

    const id = own(root, '$id');
    if (id === undefined) this.error('SCHEMA_ROOT_MISSING_ID', '', "missing required '$id' keyword at root");
    else if (typeof id !== 'string') this.error('SCHEMA_KEYWORD_INVALID_TYPE', '/$id', '$id must be a URI string');
    else if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s#]*#?$/.test(id))
      this.error('SCHEMA_ROOT_ID_INVALID', '/$id', `$id must be an absolute URI without a fragment: "${id}"`);

    const name = own(root, 'name');
    if (name === undefined) this.error('SCHEMA_ROOT_MISSING_NAME', '', "missing required 'name' keyword at root");
    else if (typeof name !== 'string') this.error('SCHEMA_KEYWORD_INVALID_TYPE', '/name', 'name must be a string');
    else if (!IDENTIFIER.test(name))
      this.warn('SCHEMA_NAME_INVALID', '/name', `name "${name}" is not an identifier ([A-Za-z_][A-Za-z0-9_]*)`);

    const uses = own(root, '$uses');
    if (uses !== undefined && !(Array.isArray(uses) && uses.every((entry) => typeof entry === 'string'))) {
      this.error('SCHEMA_KEYWORD_INVALID_TYPE', '/$uses', '$uses must be an array of add-in names');
    }
    if (Object.hasOwn(root, '$defs')) {
      this.warn(
        'SCHEMA_DEFS_IGNORED',
        '/$defs',
        "'$defs' is JSON Schema; JSON Structure reads reusable types only from 'definitions'",
      );
    }
    for (const keyword of ['$import', '$importdefs']) {
      if (Object.hasOwn(root, keyword)) {
        this.error(
          'SCHEMA_IMPORT_NOT_SUPPORTED',
          childPointer('', keyword),
          `${keyword} is not resolved by hsac: inline the imported definitions before compiling`,
        );
      }
    }
  }

  private rootReference(ref: unknown): void {
    if (typeof ref !== 'string') {
      this.error('SCHEMA_KEYWORD_INVALID_TYPE', '/$root', '$root must be a JSON Pointer string');
      return;
    }
    this.typeReference(ref, '/$root');
  }

  /** Checks a reference to a type (`type: {$ref}`, union member, `$root`): it must resolve to a usable type. */
  private typeReference(ref: unknown, path: string): void {
    const resolved = resolveReference(this.doc, ref);
    if (resolved.kind === 'malformed')
      this.error('SCHEMA_REF_INVALID', path, `reference ${JSON.stringify(ref)} ${resolved.reason}`);
    else if (resolved.kind === 'missing')
      this.error('SCHEMA_REF_NOT_FOUND', path, `reference ${JSON.stringify(ref)} ${resolved.reason}`);
    else if (isAbstract(resolved.definition.node)) {
      this.error(
        'SCHEMA_ABSTRACT_TYPE_REFERENCED',
        path,
        `${String(ref)} is abstract: it can only be extended, not used as a type`,
      );
    }
  }

  lintSchema(node: unknown, path: string, depth: number, site: Site = {}): void {
    if (depth > MAX_DEPTH) {
      this.error('SCHEMA_MAX_DEPTH_EXCEEDED', path, `schemas nest deeper than ${MAX_DEPTH} levels`);
      return;
    }
    if (!isObject(node)) {
      this.error('SCHEMA_INVALID_TYPE', path, 'a schema must be a JSON object');
      return;
    }
    if (Object.hasOwn(node, '$ref')) {
      const ref = node.$ref;
      this.error(
        'SCHEMA_REF_NOT_IN_TYPE',
        childPointer(path, '$ref'),
        `'$ref' is only permitted inside 'type': write {"type": {"$ref": ${JSON.stringify(ref)}}}`,
      );
      const resolved = resolveReference(this.doc, ref);
      if (resolved.kind === 'malformed')
        this.error(
          'SCHEMA_REF_INVALID',
          childPointer(path, '$ref'),
          `reference ${JSON.stringify(ref)} ${resolved.reason}`,
        );
      else if (resolved.kind === 'missing')
        this.error(
          'SCHEMA_REF_NOT_FOUND',
          childPointer(path, '$ref'),
          `reference ${JSON.stringify(ref)} ${resolved.reason}`,
        );
    }
    if (!site.root) {
      for (const keyword of ['$id', 'definitions', '$root']) {
        if (Object.hasOwn(node, keyword))
          this.error(
            'SCHEMA_KEYWORD_NOT_AT_ROOT',
            childPointer(path, keyword),
            `${keyword} may only appear at the document root`,
          );
      }
    }
    const types = this.lintType(node, path, site);
    const single = types?.length === 1 && !Array.isArray(node.type) ? types[0] : undefined;
    if (single !== undefined) this.lintCompound(single, node, path, depth);
    this.lintEnumConst(node, path, types, single);
    lintConstraints(node, path, types, this);
    this.lintComposition(node, path, depth);
    this.lintExtendsAndAbstract(node, path, single);
  }

  /**
   * Checks `type` and returns the names it stands for: one name, or a union's primitive members;
   * undefined for a `$ref` type or none.
   */
  private lintType(node: JsonObject, path: string, site: Site): string[] | undefined {
    const at = childPointer(path, 'type');
    if (!Object.hasOwn(node, 'type')) {
      // A composition-only schema needs no type; a bare $ref was reported above.
      const composed = COMPOSITION_KEYWORDS.some((keyword) => Object.hasOwn(node, keyword));
      if (!composed && !Object.hasOwn(node, '$ref'))
        this.error('SCHEMA_MISSING_TYPE', path, "every schema must declare a 'type'");
      return undefined;
    }
    const type = node.type;
    if (typeof type === 'string') {
      if (!PRIMITIVE_TYPES.has(type) && !COMPOUND_TYPES.has(type)) {
        this.error('SCHEMA_TYPE_INVALID', at, `unknown type "${type}"`);
        return undefined;
      }
      return [type];
    }
    if (Array.isArray(type)) return this.lintUnion(type, at);
    if (isObject(type)) {
      if (!Object.hasOwn(type, '$ref'))
        this.error('SCHEMA_TYPE_OBJECT_MISSING_REF', at, 'a type object must be {"$ref": "#/definitions/..."}');
      else if (site.root)
        this.error('SCHEMA_ROOT_TYPE_REF', at, "$ref must not be the root's type: use $root to pick a definition");
      else this.typeReference(type.$ref, childPointer(at, '$ref'));
      return undefined;
    }
    this.error('SCHEMA_KEYWORD_INVALID_TYPE', at, 'type must be a type name, a union array, or {"$ref": ...}');
    return undefined;
  }

  private lintUnion(members: unknown[], at: string): string[] {
    if (members.length === 0) this.error('SCHEMA_TYPE_ARRAY_EMPTY', at, 'a type union must name at least one type');
    const names: string[] = [];
    members.forEach((member, index) => {
      const memberPath = childPointer(at, index);
      if (typeof member === 'string') {
        if (!PRIMITIVE_TYPES.has(member) && !COMPOUND_TYPES.has(member))
          this.error('SCHEMA_TYPE_INVALID', memberPath, `unknown type "${member}"`);
        else if (NOT_IN_UNION.has(member))
          this.error(
            'SCHEMA_UNION_MEMBER_INVALID',
            memberPath,
            `"${member}" cannot be a union member: only primitive names and {"$ref": ...} are allowed`,
          );
        else names.push(member);
      } else if (isObject(member) && Object.hasOwn(member, '$ref')) {
        this.typeReference(member.$ref, childPointer(memberPath, '$ref'));
      } else {
        this.error(
          'SCHEMA_UNION_MEMBER_INVALID',
          memberPath,
          'union members are primitive type names or {"$ref": ...}; inline compounds are prohibited',
        );
      }
    });
    return names;
  }

  private lintCompound(type: string, node: JsonObject, path: string, depth: number): void {
    if (type !== 'object' && Object.hasOwn(node, 'required')) {
      this.error(
        'SCHEMA_CONSTRAINT_INVALID_FOR_TYPE',
        childPointer(path, 'required'),
        `required is only allowed on object, not on ${type}`,
      );
    }
    if (type !== 'object' && Object.hasOwn(node, 'additionalProperties')) {
      this.error(
        'SCHEMA_CONSTRAINT_INVALID_FOR_TYPE',
        childPointer(path, 'additionalProperties'),
        `additionalProperties is only allowed on object, not on ${type}${type === 'map' ? ' (a map takes values)' : ''}`,
      );
    }
    switch (type) {
      case 'object':
        this.lintObject(node, path, depth);
        return;
      case 'array':
      case 'set':
        this.lintMember(node, path, depth, 'items', 'SCHEMA_ARRAY_MISSING_ITEMS', `${type} type must have 'items'`);
        return;
      case 'map':
        this.lintMember(node, path, depth, 'values', 'SCHEMA_MAP_MISSING_VALUES', "map type must have 'values'");
        return;
      case 'tuple':
        this.lintTuple(node, path, depth);
        return;
      case 'choice':
        this.lintChoice(node, path, depth);
        return;
      default:
        return;
    }
  }

  private lintMember(
    node: JsonObject,
    path: string,
    depth: number,
    keyword: string,
    missingCode: string,
    missingMessage: string,
  ): void {
    if (!Object.hasOwn(node, keyword)) {
      this.error(missingCode, path, missingMessage);
      return;
    }
    const value = node[keyword];
    if (!isObject(value))
      this.error('SCHEMA_KEYWORD_INVALID_TYPE', childPointer(path, keyword), `${keyword} must be a schema object`);
    else this.lintSchema(value, childPointer(path, keyword), depth + 1);
  }

  /** Lints a `properties` object; returns its names (empty when absent or malformed). */
  private lintProperties(node: JsonObject, path: string, depth: number): string[] {
    if (!Object.hasOwn(node, 'properties')) return [];
    const properties = node.properties;
    const at = childPointer(path, 'properties');
    if (!isObject(properties)) {
      this.error('SCHEMA_PROPERTIES_NOT_OBJECT', at, 'properties must be an object of name -> schema');
      return [];
    }
    for (const [name, schema] of Object.entries(properties)) {
      const propertyPath = childPointer(at, name);
      if (!IDENTIFIER.test(name))
        this.warn(
          'SCHEMA_NAME_INVALID',
          propertyPath,
          `property name "${name}" is not an identifier ([A-Za-z_][A-Za-z0-9_]*)`,
        );
      this.lintSchema(schema, propertyPath, depth + 1);
    }
    return Object.keys(properties);
  }

  private lintObject(node: JsonObject, path: string, depth: number): void {
    const names = this.lintProperties(node, path, depth);
    const extendsSomething = Object.hasOwn(node, '$extends');
    if (!extendsSomething && !Object.hasOwn(node, 'properties')) {
      this.error(
        'SCHEMA_OBJECT_MISSING_PROPERTIES',
        path,
        'object type must declare \'properties\' with at least one property; use "map" for dynamic keys',
      );
    } else if (!extendsSomething && isObject(node.properties) && names.length === 0) {
      this.error(
        'SCHEMA_KEYWORD_EMPTY',
        childPointer(path, 'properties'),
        'object type must declare at least one property; use "map" for dynamic keys',
      );
    }
    const flat = flattenObject(this.doc, node);
    for (const name of names) {
      if (flat.inherited.has(name)) {
        this.error(
          'SCHEMA_EXTENDS_PROPERTY_REDEFINED',
          childPointer(path, 'properties', name),
          `property "${name}" is inherited through $extends and must not be redefined`,
        );
      }
    }
    this.lintRequired(node, path, new Set(flat.properties.map(([name]) => name)), flat.incomplete);
    if (Object.hasOwn(node, 'additionalProperties')) {
      const additional = node.additionalProperties;
      const at = childPointer(path, 'additionalProperties');
      if (isAbstract(node))
        this.error(
          'SCHEMA_ABSTRACT_ADDITIONAL_PROPERTIES',
          at,
          'abstract types implicitly permit additional properties and must not declare additionalProperties',
        );
      if (isObject(additional)) this.lintSchema(additional, at, depth + 1);
      else if (typeof additional !== 'boolean')
        this.error('SCHEMA_ADDITIONAL_PROPERTIES_INVALID', at, 'additionalProperties must be a boolean or a schema');
    }
  }

  private lintRequired(node: JsonObject, path: string, known: ReadonlySet<string>, incomplete: boolean): void {
    if (!Object.hasOwn(node, 'required')) return;
    const required = node.required;
    const at = childPointer(path, 'required');
    if (!Array.isArray(required)) {
      this.error(
        'SCHEMA_REQUIRED_NOT_ARRAY',
        at,
        'required must be an array of property names (or an array of such arrays)',
      );
      return;
    }
    const nested = required.some((entry) => Array.isArray(entry));
    if (nested && !required.every((entry) => Array.isArray(entry))) {
      this.error(
        'SCHEMA_REQUIRED_NOT_ARRAY',
        at,
        'required mixes names and arrays: use names, or only arrays of names ("exactly one of the sets")',
      );
      return;
    }
    const checkName = (name: unknown, namePath: string): void => {
      if (typeof name !== 'string')
        this.error('SCHEMA_REQUIRED_ITEM_NOT_STRING', namePath, 'required entries must be property names');
      // With an unresolved base we cannot know every inherited name; that base is reported anyway.
      else if (!known.has(name) && !incomplete)
        this.error(
          'SCHEMA_REQUIRED_PROPERTY_NOT_DEFINED',
          namePath,
          `required property "${name}" is not defined in properties`,
        );
    };
    required.forEach((entry, index) => {
      if (Array.isArray(entry)) entry.forEach((name, inner) => checkName(name, childPointer(at, index, inner)));
      else checkName(entry, childPointer(at, index));
    });
  }

  private lintTuple(node: JsonObject, path: string, depth: number): void {
    const hasProperties = Object.hasOwn(node, 'properties') || Object.hasOwn(node, '$extends');
    const hasOrder = Object.hasOwn(node, 'tuple');
    if (!hasProperties && !hasOrder) {
      this.error('SCHEMA_TUPLE_MISSING_DEFINITION', path, "tuple type must have 'properties' and a 'tuple' order");
      return;
    }
    this.lintProperties(node, path, depth);
    if (!hasOrder) {
      this.error(
        'SCHEMA_TUPLE_MISSING_ORDER',
        path,
        "tuple type must have a 'tuple' array naming the properties in order",
      );
      return;
    }
    const order = node.tuple;
    const at = childPointer(path, 'tuple');
    if (!Array.isArray(order)) {
      this.error('SCHEMA_TUPLE_ORDER_NOT_ARRAY', at, 'tuple must be an array of property names');
      return;
    }
    const flat = flattenObject(this.doc, node);
    const known = new Set(flat.properties.map(([name]) => name));
    const seen = new Set<string>();
    order.forEach((name, index) => {
      const namePath = childPointer(at, index);
      if (typeof name !== 'string')
        this.error('SCHEMA_KEYWORD_INVALID_TYPE', namePath, 'tuple entries must be property names');
      else if (seen.has(name))
        this.error('SCHEMA_TUPLE_DUPLICATE_ENTRY', namePath, `"${name}" appears twice in the tuple order`);
      else if (!known.has(name) && !flat.incomplete)
        this.error(
          'SCHEMA_TUPLE_PROPERTY_NOT_DEFINED',
          namePath,
          `tuple element "${name}" is not defined in properties`,
        );
      if (typeof name === 'string') seen.add(name);
    });
    for (const name of known) {
      if (!seen.has(name))
        this.warn(
          'SCHEMA_TUPLE_PROPERTY_NOT_ORDERED',
          childPointer(path, 'properties', name),
          `property "${name}" is not in the tuple order, so no element holds it`,
        );
    }
  }

  private lintChoice(node: JsonObject, path: string, depth: number): void {
    if (!Object.hasOwn(node, 'choices')) {
      this.error('SCHEMA_CHOICE_MISSING_CHOICES', path, "choice type must have 'choices'");
      return;
    }
    const choices = node.choices;
    const at = childPointer(path, 'choices');
    if (!isObject(choices)) {
      this.error('SCHEMA_CHOICES_NOT_OBJECT', at, 'choices must be an object of name -> schema');
      return;
    }
    if (Object.keys(choices).length === 0)
      this.error('SCHEMA_KEYWORD_EMPTY', at, 'a choice needs at least one alternative');
    for (const [name, schema] of Object.entries(choices)) this.lintSchema(schema, childPointer(at, name), depth + 1);
    const selector = own(node, 'selector');
    if (selector !== undefined && typeof selector !== 'string')
      this.error('SCHEMA_KEYWORD_INVALID_TYPE', childPointer(path, 'selector'), 'selector must be a property name');
    if (Object.hasOwn(node, '$extends') && selector === undefined) {
      this.error(
        'SCHEMA_CHOICE_SELECTOR_MISSING',
        path,
        "an inline choice ($extends on a choice) needs a 'selector' property name",
      );
    }
  }

  private lintEnumConst(
    node: JsonObject,
    path: string,
    types: readonly string[] | undefined,
    single: string | undefined,
  ): void {
    const union = Array.isArray(node.type);
    if (Object.hasOwn(node, 'enum')) {
      const values = node.enum;
      const at = childPointer(path, 'enum');
      if (!Array.isArray(values)) this.error('SCHEMA_ENUM_NOT_ARRAY', at, 'enum must be an array');
      else if (values.length === 0) this.error('SCHEMA_ENUM_EMPTY', at, 'enum must list at least one value');
      else {
        const seen = new Set<string>();
        values.forEach((value, index) => {
          const key = canonical(value);
          if (seen.has(key))
            this.error('SCHEMA_ENUM_DUPLICATES', childPointer(at, index), `enum value ${key} appears more than once`);
          seen.add(key);
        });
        if (single !== undefined && PRIMITIVE_TYPES.has(single)) {
          values.forEach((value, index) => {
            const problem = primitiveValueProblem(single, value);
            if (problem)
              this.error(
                'SCHEMA_ENUM_VALUE_INVALID',
                childPointer(at, index),
                `enum value ${canonical(value)} does not match type ${single}: ${problem}`,
              );
          });
        }
      }
      if (union) this.error('SCHEMA_CONSTRAINT_INVALID_FOR_TYPE', at, 'enum is not allowed with a type union');
      else if (single !== undefined && !PRIMITIVE_TYPES.has(single))
        this.error(
          'SCHEMA_CONSTRAINT_INVALID_FOR_TYPE',
          at,
          `enum is only allowed on primitive types, not on ${single}`,
        );
      else if (types === undefined && isObject(own(node, 'type')))
        this.warn('SCHEMA_KEYWORD_IGNORED', at, 'enum on a $ref-typed schema is not enforced');
    }
    if (Object.hasOwn(node, 'const')) {
      const at = childPointer(path, 'const');
      if (union) this.error('SCHEMA_CONSTRAINT_INVALID_FOR_TYPE', at, 'const is not allowed with a type union');
      else if (single !== undefined && !PRIMITIVE_TYPES.has(single))
        this.error(
          'SCHEMA_CONSTRAINT_INVALID_FOR_TYPE',
          at,
          `const is only allowed on primitive types, not on ${single}`,
        );
      else if (single !== undefined) {
        const problem = primitiveValueProblem(single, node.const);
        if (problem)
          this.error(
            'SCHEMA_CONST_VALUE_INVALID',
            at,
            `const ${canonical(node.const)} does not match type ${single}: ${problem}`,
          );
      }
    }
  }

  private lintComposition(node: JsonObject, path: string, depth: number): void {
    let used = false;
    for (const keyword of COMPOSITION_KEYWORDS) {
      if (!Object.hasOwn(node, keyword)) continue;
      used = true;
      const value = node[keyword];
      const at = childPointer(path, keyword);
      if (COMPOSITION_ARRAYS.has(keyword)) {
        if (!Array.isArray(value))
          this.error('SCHEMA_COMPOSITION_NOT_ARRAY', at, `${keyword} must be an array of schemas`);
        else if (value.length === 0)
          this.error('SCHEMA_COMPOSITION_EMPTY', at, `${keyword} must list at least one schema`);
        else value.forEach((branch, index) => this.lintSchema(branch, childPointer(at, index), depth + 1));
      } else if (!isObject(value)) {
        this.error('SCHEMA_KEYWORD_INVALID_TYPE', at, `${keyword} must be a schema object`);
      } else {
        this.lintSchema(value, at, depth + 1);
      }
    }
    if (used && !this.doc.compositionEnabled) {
      this.warn(
        'SCHEMA_COMPOSITION_NOT_DECLARED',
        path,
        'conditional composition is used without "$uses": ["JSONStructureConditionalComposition"]; hsac enforces it anyway, as the SDK does for type-less composition schemas',
      );
    }
  }

  private lintExtendsAndAbstract(node: JsonObject, path: string, single: string | undefined): void {
    if (Object.hasOwn(node, 'abstract')) {
      const at = childPointer(path, 'abstract');
      if (typeof node.abstract !== 'boolean')
        this.error('SCHEMA_KEYWORD_INVALID_TYPE', at, 'abstract must be a boolean');
      else if (node.abstract && single !== 'object' && single !== 'tuple')
        this.error('SCHEMA_CONSTRAINT_INVALID_FOR_TYPE', at, 'only object and tuple types can be abstract');
    }
    if (!Object.hasOwn(node, '$extends')) return;
    const at = childPointer(path, '$extends');
    if (single !== undefined && single !== 'object' && single !== 'tuple' && single !== 'choice') {
      this.error(
        'SCHEMA_CONSTRAINT_INVALID_FOR_TYPE',
        at,
        `$extends is only allowed on object, tuple and choice, not on ${single}`,
      );
      return;
    }
    const value = node.$extends;
    const refs = extendsList(node);
    if (Array.isArray(value) && value.length === 0)
      this.error('SCHEMA_KEYWORD_EMPTY', at, '$extends must name at least one base type');
    refs.forEach((ref, index) => {
      const refPath = Array.isArray(value) ? childPointer(at, index) : at;
      if (typeof ref !== 'string') {
        this.error('SCHEMA_KEYWORD_INVALID_TYPE', refPath, '$extends takes JSON Pointer strings');
        return;
      }
      const resolved = resolveReference(this.doc, ref);
      if (resolved.kind === 'malformed')
        this.error('SCHEMA_REF_INVALID', refPath, `$extends ${JSON.stringify(ref)} ${resolved.reason}`);
      else if (resolved.kind === 'missing')
        this.error('SCHEMA_REF_NOT_FOUND', refPath, `$extends ${JSON.stringify(ref)} ${resolved.reason}`);
      else {
        const baseType = own(resolved.definition.node, 'type');
        if (baseType !== 'object' && baseType !== 'tuple')
          this.error('SCHEMA_EXTENDS_TARGET_INVALID', refPath, `$extends ${ref} must name an object or tuple type`);
      }
    });
  }
}

let unrenderable = 0;

/** A key-order-independent JSON rendering, for duplicate detection. */
function canonical(value: unknown): string {
  try {
    return (
      jsonText(value, (_key, inner) =>
        isObject(inner)
          ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
          : inner,
      ) ?? 'undefined'
    );
  } catch {
    // Absurdly deep values: treat each as distinct, which only risks missing a duplicate.
    unrenderable += 1;
    return `<unrenderable value ${unrenderable}>`;
  }
}

/**
 * Lints a JSON Structure document and returns every issue found, errors and warnings, in
 * document order (root keywords, definitions, root type, then graph-wide cycles). Never throws:
 * whatever the input, the answer is data; an internal failure becomes a `SCHEMA_LINT_INTERNAL` error.
 */
export function lintStructure(doc: unknown): StructureIssue[] {
  if (!isObject(doc)) {
    return [
      {
        code: 'SCHEMA_INVALID_TYPE',
        severity: 'error',
        path: '',
        message: 'a JSON Structure document must be a JSON object',
      },
    ];
  }
  let linter: Linter | undefined;
  try {
    linter = new Linter(indexDocument(doc));
    linter.lintDocument();
    return linter.issues;
  } catch (error) {
    const issues = linter?.issues ?? [];
    const reason = error instanceof Error ? error.message : String(error);
    return [
      ...issues,
      { code: 'SCHEMA_LINT_INTERNAL', severity: 'error', path: '', message: `the linter could not finish: ${reason}` },
    ];
  }
}
