import type { ApiVersion, EndpointId } from '../../src/catalogue/index.js';
import type { Severity } from '../../src/registry/finding.js';
import type { Profile } from '../../src/validate/profiles.js';
import { isObject } from '../../src/json.js';
import { childPointer, pointerTokens, valueAt } from '../../src/json-pointer.js';
import { withValueAt, withoutValueAt } from '../schema/edit.js';
import { JSON_TYPES, concretePaths, schemaSites, type JsonType, type SchemaSite } from '../schema/sites.js';
import { checkFor, ID_PROPERTY, toleranceFor, type SchemaKeyword } from './expectations.js';
import {
  ALWAYS_ERROR,
  LENIENT_WARNING,
  OPEN_OBJECT_WARNING,
  chooseSite,
  type Mutation,
  type MutationFamily,
  type MutationTarget,
} from './mutation.js';
import { catalogueDefinitions, targetDefinition } from './targets.js';

/**
 * Mutations derived by walking every compiled definition the catalogue uses, site by site: each required field removed
 * at every level, every wrong JSON type at every leaf and container, an unknown field in every object the schemas close
 * (a warning unless unknown fields are errors), unknown and lower-case values in every enum, malformed and out-of-range
 * values in every date-time and uuid, both sides of every int32 range, and the docs' string `ErrorDetail.context`. A
 * field added to `schemas/` gets its mutations without a new line here.
 */

/** How a site-level mutation edits the value at its site. */
type Edit =
  | { readonly kind: 'remove' }
  | { readonly kind: 'replace'; readonly value: (current: unknown) => unknown }
  | { readonly kind: 'add-field'; readonly name: string; readonly value: unknown };

interface SiteMutationSpec {
  readonly family: Exclude<MutationFamily, 'semantic'>;
  readonly site: SchemaSite;
  readonly variant?: string;
  readonly description: string;
  readonly keyword: SchemaKeyword;
  readonly edit: Edit;
  /** A representative value (for the tolerance model); the replacement itself for constant edits. */
  readonly probe: unknown;
  /** Whether the current value at a concrete site can take this edit. */
  readonly accepts?: (current: unknown) => boolean;
}

interface Derived {
  readonly mutation: Mutation;
  readonly versions: Set<ApiVersion>;
  /** What must agree between versions for one id to stand for all of them. */
  readonly signature: string;
}

function lastToken(pointer: string): string | undefined {
  return pointerTokens(pointer).pop();
}

function build(spec: SiteMutationSpec, versions: Set<ApiVersion>): Derived {
  const { site, edit, keyword } = spec;
  const id = `${spec.family}:${site.definition}${site.pattern}${spec.variant === undefined ? '' : `=${spec.variant}`}`;
  const tolerance = toleranceFor(site, keyword, spec.probe);
  const severityByProfile: Readonly<Record<Profile, Severity>> =
    tolerance === 'unknown-field' ? OPEN_OBJECT_WARNING : tolerance ? LENIENT_WARNING : ALWAYS_ERROR;
  const check = checkFor(site, keyword);
  const definition = site.definition;
  const sites = (body: unknown): readonly string[] =>
    concretePaths(body, site.tokens).filter((pointer) => {
      const current = valueAt(body, pointer);
      if (edit.kind === 'add-field' && !(isObject(current) && !Object.hasOwn(current, edit.name))) return false;
      if (spec.accepts && !spec.accepts(current)) return false;
      // A map value sits under its key: the tolerance must be the one declared for every key used.
      if (site.kind === 'value' && toleranceFor(site, keyword, spec.probe, lastToken(pointer)) !== tolerance)
        return false;
      return true;
    });
  const mutation: Mutation = {
    id,
    description: spec.description,
    family: spec.family,
    appliesTo: (endpoint: EndpointId, apiVersion: ApiVersion, target: MutationTarget) =>
      versions.has(apiVersion) && targetDefinition(endpoint, apiVersion, target) === definition,
    sites,
    apply(body, at) {
      const pointer = chooseSite(mutation, body, at);
      if (edit.kind === 'remove') return withoutValueAt(body, pointer);
      if (edit.kind === 'replace') return withValueAt(body, pointer, edit.value(valueAt(body, pointer)));
      return withValueAt(body, childPointer(pointer, edit.name), edit.value);
    },
    check,
    instancePath(body, at) {
      const pointer = chooseSite(mutation, body, at);
      return edit.kind === 'add-field' ? childPointer(pointer, edit.name) : pointer;
    },
    severityByProfile,
    ...(tolerance ? { tolerance } : {}),
  };
  return { mutation, versions, signature: JSON.stringify([check, tolerance, spec.description]) };
}

/** A value of a JSON type, chosen to look like a real mistake (a string-encoded number, a numeric ID). */
function substitute(type: JsonType, site: SchemaSite): unknown {
  switch (type) {
    case 'string':
      return '42';
    case 'integer':
      return site.property !== undefined && ID_PROPERTY.test(site.property) ? 5434402448 : 42;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return [];
    case 'object':
      return {};
  }
}

/** Enum values HubSpot (or its docs) actually got wrong, else a plausible new value. */
const NEAR_MISSES: readonly (readonly [string, string])[] = [
  ['CANCELED', 'CANCELLED'], // the spec prose spells it with two Ls (FACTS.md §5)
  ['HUBSPOT_DEFINED', 'PARTNER_DEFINED'], // a category added without a version bump, as WORK was
  ['DAILY', 'SECONDLY'], // the search API's policy, which third-party code handles (FACTS.md §6)
];

function unknownEnumValue(values: readonly unknown[]): string {
  const near = NEAR_MISSES.find(([known]) => values.includes(known));
  return near ? near[1] : `${String(values[0])}_NEW`;
}

/** Malformed and out-of-range date-times; every one fails ajv's full `date-time` format. */
const BAD_DATE_TIMES: readonly (readonly [variant: string, value: (current: unknown) => string])[] = [
  ['no-offset', (current) => String(current).replace(/(Z|[+-]\d{2}:\d{2})$/i, '')],
  ['basic-format', () => '20261120T091502Z'],
  ['empty-fraction', () => '2026-11-20T09:15:02.Z'],
  ['date-only', () => '2026-11-20'],
  ['february-30', () => '2026-02-30T09:15:02Z'],
  ['not-a-leap-day', () => '2025-02-29T00:00:00Z'],
  ['month-13', () => '2026-13-01T00:00:00Z'],
  ['hour-24', () => '2026-11-20T24:00:00Z'],
  ['minute-60', () => '2026-11-20T23:60:00Z'],
  ['offset-24-hours', () => '2026-11-20T09:15:02+24:00'],
];

const BAD_UUIDS: readonly (readonly [variant: string, value: (current: unknown) => string])[] = [
  ['truncated', (current) => String(current).slice(0, -1)],
  ['no-hyphens', (current) => String(current).replace(/-/g, '')],
  ['not-hex', () => 'zzzzzzzz-6a8f-4f7a-9c55-1e0f9f6e2b11'],
];

const INT32_OUTSIDE: readonly (readonly [variant: string, value: number])[] = [
  ['above-int32', 2147483648],
  ['below-int32', -2147483649],
];

/**
 * The field name used to probe the objects hsac's schemas close (so that an undeclared field is
 * seen; it is a warning by default): a real HubSpot field, just not a declared one here.
 */
const EXTRA_FIELD = 'createdAt';
const DOCS_CONTEXT = '{missingScopes=[scope1, scope2]}';

function specsFor(site: SchemaSite): SiteMutationSpec[] {
  const specs: SiteMutationSpec[] = [];
  const where = site.pattern || '(the body)';
  if (site.kind === 'property' && site.required) {
    specs.push({
      family: 'required-removed',
      site,
      description: `required ${where} removed`,
      keyword: 'required',
      edit: { kind: 'remove' },
      probe: undefined,
    });
  }
  if (site.kind !== 'root' && site.accepts !== 'any') {
    const accepted = site.accepts;
    for (const type of JSON_TYPES) {
      if (accepted.includes(type) || (type === 'integer' && accepted.includes('number'))) continue;
      // No `null` for array items: profiles.ts tolerates null wherever no *required property* sits,
      // which includes array items; that is not a tolerance DESIGN.md promises, so no mutation pins it.
      if (type === 'null' && site.kind === 'item') continue;
      const value = substitute(type, site);
      specs.push({
        family: 'wrong-type',
        site,
        variant: type,
        description: `${where} as ${type} ${JSON.stringify(value)}`,
        keyword: 'type',
        edit: { kind: 'replace', value: () => value },
        probe: value,
      });
    }
  }
  if (site.closed) {
    const declared = Object.keys((site.node.properties as Record<string, unknown> | undefined) ?? {});
    const name = declared.includes(EXTRA_FIELD) ? 'hsacUndeclared' : EXTRA_FIELD;
    const value = '2026-11-20T09:15:02Z';
    specs.push({
      family: 'unknown-field',
      site,
      description: `an undeclared field "${name}" in ${where}`,
      keyword: 'additional',
      edit: { kind: 'add-field', name, value },
      probe: value,
    });
  }
  if (site.enumValues?.every((value) => typeof value === 'string')) {
    const values = site.enumValues;
    const unknown = unknownEnumValue(values);
    specs.push({
      family: 'enum-unknown',
      site,
      variant: unknown,
      description: `${where} is "${unknown}", not in its enum`,
      keyword: 'enum',
      edit: { kind: 'replace', value: () => unknown },
      probe: unknown,
    });
    specs.push({
      family: 'enum-lower-case',
      site,
      description: `${where} in lower case`,
      keyword: 'enum',
      edit: { kind: 'replace', value: (current) => String(current).toLowerCase() },
      probe: 'lower-case',
      accepts: (current) => typeof current === 'string' && !values.includes(current.toLowerCase()),
    });
  }
  const badFormats = site.format === 'date-time' ? BAD_DATE_TIMES : site.format === 'uuid' ? BAD_UUIDS : [];
  for (const [variant, value] of badFormats) {
    specs.push({
      family: 'format',
      site,
      variant,
      description: `${where} is not a valid ${site.format} (${variant})`,
      keyword: 'format',
      edit: { kind: 'replace', value },
      probe: 'malformed',
      accepts: (current) => typeof current === 'string',
    });
  }
  if (site.int32) {
    for (const [variant, value] of INT32_OUTSIDE) {
      specs.push({
        family: 'int32-range',
        site,
        variant,
        description: `${where} is ${value}, outside int32`,
        keyword: 'int32',
        edit: { kind: 'replace', value: () => value },
        probe: value,
      });
    }
  }
  if (site.property === 'context' && site.definitions.at(-1) === 'ErrorDetail') {
    specs.push({
      family: 'docs-example',
      site,
      description: `${where} is the docs example's string ${JSON.stringify(DOCS_CONTEXT)} (FACTS.md §5)`,
      keyword: 'type',
      edit: { kind: 'replace', value: () => DOCS_CONTEXT },
      probe: DOCS_CONTEXT,
    });
  }
  return specs;
}

/**
 * Every derived mutation, in catalogue order (definition by definition, sites parents first). One
 * mutation id covers every version whose definition has the same site; a site that means something
 * different in two versions would need two ids, and throws here rather than pass silently.
 */
export function derivedMutations(): readonly Mutation[] {
  const byId = new Map<string, Derived>();
  for (const { apiVersion, definition } of catalogueDefinitions()) {
    for (const site of schemaSites(apiVersion, definition)) {
      for (const spec of specsFor(site)) {
        const derived = build(spec, new Set([apiVersion]));
        const known = byId.get(derived.mutation.id);
        if (!known) byId.set(derived.mutation.id, derived);
        else if (known.signature !== derived.signature)
          throw new Error(
            `mutation ${derived.mutation.id} differs between versions: ${known.signature} vs ${derived.signature}`,
          );
        else known.versions.add(apiVersion);
      }
    }
  }
  return [...byId.values()].map((derived) => derived.mutation);
}
