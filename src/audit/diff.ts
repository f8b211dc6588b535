/**
 * The walker: pairs what the two models hold and asks each rule about each pair. Operations pair by
 * key (method + path with the version segment abstracted), statuses by code (a replaced success
 * code pairs with its replacement, so 201 -> 200 still compares the bodies), parameters by location
 * and name (path parameters by position), schemas property by property, items, map values and
 * alternatives. Schema graphs may be cyclic: a pair already on the walk's stack is not entered
 * again, so recursive `$ref`s end.
 */
import { escapeToken } from '../json-pointer.js';
import {
  isSuccessStatus,
  operationLabel,
  type ApiModel,
  type OperationModel,
  type ParameterModel,
  type SchemaNode,
} from './model.js';
import { visibleProperties } from './rules/helpers.js';
import {
  AUDIT_RULES,
  type AnyRule,
  type Detection,
  type Direction,
  type RuleContext,
  type Severity,
  type SiteKind,
  type SiteMap,
  type StatusPairing,
} from './rules/index.js';

/** One classified change, located. */
export interface Change {
  readonly rule: string;
  readonly severity: Severity;
  /** `request` / `response` for body, parameter and status changes; `operation` for existence. */
  readonly direction: Direction | 'operation';
  /** `POST /crm/associations/{version}/...`, or `definition <Name>` for bare schema documents. */
  readonly operation: string;
  /** `200`, `201→200`, `207`; absent for request and operation changes. */
  readonly status?: string;
  /**
   * JSON Pointer of the schema location within the body (or `/parameters/...`, `/headers/...`);
   * `''` is the body itself; absent for changes to an operation or its set of statuses.
   */
  readonly pointer?: string;
  /** The same place as an instance path, `*` for array items and map values: `/results/*\/to`. */
  readonly instancePath?: string;
  readonly old?: string;
  readonly new?: string;
  readonly message: string;
}

/** Options of {@link diffModels}. */
export interface DiffOptions {
  /** The rules to run (default: the whole catalogue). */
  readonly rules?: readonly AnyRule[];
  readonly context?: RuleContext;
}

/** Default rule settings (the `audit` config can change them). */
export const DEFAULT_RULE_CONTEXT: RuleContext = { enumAdditions: 'warning' };

/** A schema walk deeper than this stops (no real body nests so deep; cycles end earlier anyway). */
const MAX_WALK_DEPTH = 64;

interface Location {
  readonly operation: string;
  readonly direction: Direction;
  readonly status?: string;
  /** Absent at operation and status level, where no schema is involved. */
  readonly pointer?: string;
  readonly instancePath?: string;
}

/** Pairs the statuses of one operation (see {@link StatusPairing}). */
export function pairStatuses(oldStatuses: Iterable<string>, newStatuses: Iterable<string>): StatusPairing {
  const before = [...oldStatuses];
  const after = [...newStatuses];
  const same = before.filter((status) => after.includes(status));
  let removed = before.filter((status) => !after.includes(status));
  let added = after.filter((status) => !before.includes(status));
  // A 207 is its own kind (partial success): it never stands in for a 200/201, nor they for it.
  const replaceable = (status: string): boolean => isSuccessStatus(status) && status !== '207';
  const gone = removed.filter(replaceable).sort();
  const come = added.filter(replaceable).sort();
  const changed: (readonly [string, string])[] = [];
  for (let i = 0; i < Math.min(gone.length, come.length); i++) changed.push([gone[i]!, come[i]!]);
  removed = removed.filter((status) => !changed.some(([before_]) => before_ === status));
  added = added.filter((status) => !changed.some(([, after_]) => after_ === status));
  return { same, changed, removed, added };
}

function parameterKey(parameter: ParameterModel): string {
  if (parameter.in === 'path' && parameter.position !== undefined) return `path#${parameter.position}`;
  return `${parameter.in}:${parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name}`;
}

class Walker {
  readonly changes: Change[] = [];
  private readonly bySite = new Map<SiteKind, AnyRule[]>();

  constructor(
    rules: readonly AnyRule[],
    private readonly context: RuleContext,
  ) {
    for (const rule of rules) {
      const list = this.bySite.get(rule.site) ?? [];
      list.push(rule);
      this.bySite.set(rule.site, list);
    }
  }

  /** Runs every rule of one site kind on one pair. */
  private run<K extends SiteKind>(kind: K, site: SiteMap[K], where: Location, direction?: Direction): void {
    for (const rule of this.bySite.get(kind) ?? []) {
      if (direction !== undefined && rule.direction !== 'both' && rule.direction !== direction) continue;
      // The registry groups by `site`, so the rule's `detect` takes exactly this site kind.
      const detect = rule.detect as (site: SiteMap[K], context: RuleContext) => readonly Detection[];
      for (const detection of detect(site, this.context)) this.emit(rule, detection, where);
    }
  }

  private emit(rule: AnyRule, detection: Detection, where: Location): void {
    const property = detection.property === undefined ? '' : `/properties/${escapeToken(detection.property)}`;
    const status = detection.status ?? where.status;
    const located = where.pointer !== undefined || detection.pointer !== undefined;
    const change: Change = {
      rule: rule.id,
      severity: detection.severity ?? rule.defaultSeverity,
      direction:
        rule.direction === 'operation' ? 'operation' : rule.direction === 'both' ? where.direction : rule.direction,
      operation: where.operation,
      message: detection.message,
      ...(located ? { pointer: `${where.pointer ?? ''}${detection.pointer ?? ''}${property}` } : {}),
      ...(located
        ? {
            instancePath: `${where.instancePath ?? ''}${detection.pointer ?? ''}${detection.property === undefined ? '' : `/${escapeToken(detection.property)}`}`,
          }
        : {}),
      ...(status === undefined ? {} : { status }),
      ...(detection.old === undefined ? {} : { old: detection.old }),
      ...(detection.new === undefined ? {} : { new: detection.new }),
    };
    this.changes.push(change);
  }

  operations(oldModel: ApiModel, newModel: ApiModel): void {
    const keys = [...new Set([...oldModel.operations.keys(), ...newModel.operations.keys()])];
    const ordered = keys
      .map((key) => ({ key, op: (newModel.operations.get(key) ?? oldModel.operations.get(key))! }))
      .sort((a, b) => a.op.displayPath.localeCompare(b.op.displayPath) || a.op.method.localeCompare(b.op.method));
    for (const { key, op } of ordered) {
      const before = oldModel.operations.get(key);
      const after = newModel.operations.get(key);
      const where: Location = { operation: operationLabel(op), direction: 'request' };
      this.run('operation', { ...(before ? { old: before } : {}), ...(after ? { new: after } : {}) }, where);
      if (before && after) this.operationPair(before, after, where);
    }
  }

  private operationPair(before: OperationModel, after: OperationModel, where: Location): void {
    this.parameters(before, after, where);
    const request: Location = { ...where, direction: 'request', pointer: '', instancePath: '' };
    this.run(
      'request-body',
      {
        ...(before.requestBody ? { old: before.requestBody } : {}),
        ...(after.requestBody ? { new: after.requestBody } : {}),
      },
      request,
    );
    const oldBody = before.requestBody?.schema;
    const newBody = after.requestBody?.schema;
    if (oldBody && newBody) this.schema(oldBody, newBody, request, [], 0);
    const pairing = pairStatuses(before.responses.keys(), after.responses.keys());
    this.run('responses', { old: before, new: after, pairing }, { ...where, direction: 'response' });
    const response: Location = { ...where, direction: 'response', pointer: '', instancePath: '' };
    const pairs: (readonly [string, string])[] = [
      ...pairing.same.map((status) => [status, status] as const),
      ...pairing.changed,
    ];
    for (const [oldStatus, newStatus] of pairs) {
      const oldResponse = before.responses.get(oldStatus);
      const newResponse = after.responses.get(newStatus);
      if (!oldResponse || !newResponse) continue;
      const at: Location = { ...response, status: oldStatus === newStatus ? oldStatus : `${oldStatus}→${newStatus}` };
      this.run('response', { old: oldResponse, new: newResponse }, at);
      if (oldResponse.schema && newResponse.schema) this.schema(oldResponse.schema, newResponse.schema, at, [], 0);
      for (const [name, header] of oldResponse.headers) {
        const newHeader = newResponse.headers.get(name);
        if (header.schema && newHeader?.schema) {
          const pointer = `/headers/${escapeToken(header.name)}`;
          this.schema(header.schema, newHeader.schema, { ...at, pointer, instancePath: pointer }, [], 0);
        }
      }
    }
  }

  private parameters(before: OperationModel, after: OperationModel, where: Location): void {
    const oldByKey = new Map(before.parameters.map((p) => [parameterKey(p), p]));
    const newByKey = new Map(after.parameters.map((p) => [parameterKey(p), p]));
    for (const key of new Set([...oldByKey.keys(), ...newByKey.keys()])) {
      const oldParameter = oldByKey.get(key);
      const newParameter = newByKey.get(key);
      const shown = (newParameter ?? oldParameter)!;
      const pointer = `/parameters/${shown.in}/${escapeToken(shown.name)}`;
      const at: Location = { ...where, direction: 'request', pointer, instancePath: pointer };
      this.run(
        'parameter',
        { ...(oldParameter ? { old: oldParameter } : {}), ...(newParameter ? { new: newParameter } : {}) },
        at,
      );
      if (oldParameter?.schema && newParameter?.schema)
        this.schema(oldParameter.schema, newParameter.schema, at, [], 0);
    }
  }

  /** Schema rules on one pair, then the pair's children. */
  schema(
    before: SchemaNode,
    after: SchemaNode,
    where: Location,
    stack: (readonly [SchemaNode, SchemaNode])[],
    depth: number,
  ): void {
    if (before === after || depth > MAX_WALK_DEPTH) return;
    if (stack.some(([a, b]) => a === before && b === after)) return;
    this.run('schema', { old: before, new: after, direction: where.direction }, where, where.direction);
    stack.push([before, after]);
    const oldProperties = visibleProperties(before, where.direction);
    const newProperties = visibleProperties(after, where.direction);
    for (const [name, oldChild] of oldProperties) {
      const newChild = newProperties.get(name);
      if (newChild === undefined) continue;
      const token = escapeToken(name);
      this.schema(
        oldChild,
        newChild,
        {
          ...where,
          pointer: `${where.pointer ?? ''}/properties/${token}`,
          instancePath: `${where.instancePath ?? ''}/${token}`,
        },
        stack,
        depth + 1,
      );
    }
    if (before.items && after.items) {
      this.schema(
        before.items,
        after.items,
        { ...where, pointer: `${where.pointer ?? ''}/items`, instancePath: `${where.instancePath ?? ''}/*` },
        stack,
        depth + 1,
      );
    }
    if (typeof before.additionalProperties === 'object' && typeof after.additionalProperties === 'object') {
      const at = {
        ...where,
        pointer: `${where.pointer ?? ''}/additionalProperties`,
        instancePath: `${where.instancePath ?? ''}/*`,
      };
      this.schema(before.additionalProperties, after.additionalProperties, at, stack, depth + 1);
    }
    this.variants(before, after, where, stack, depth);
    stack.pop();
  }

  /** Alternatives pair by schema name, else by position among the unnamed ones. */
  private variants(
    before: SchemaNode,
    after: SchemaNode,
    where: Location,
    stack: (readonly [SchemaNode, SchemaNode])[],
    depth: number,
  ): void {
    if (!before.variants || !after.variants) return;
    const newMembers = after.variants.members;
    const unnamedNew = newMembers.filter((member) => member.name === undefined);
    let unnamedIndex = 0;
    before.variants.members.forEach((member, i) => {
      const match =
        member.name === undefined
          ? unnamedNew[unnamedIndex++]
          : newMembers.find((candidate) => candidate.name === member.name);
      if (match === undefined) return;
      const at = { ...where, pointer: `${where.pointer ?? ''}/${before.variants?.kind ?? 'oneOf'}/${i}` };
      this.schema(member, match, at, stack, depth + 1);
    });
  }

  definitions(oldModel: ApiModel, newModel: ApiModel): void {
    const names = [...new Set([...oldModel.schemas.keys(), ...newModel.schemas.keys()])].sort();
    for (const name of names) {
      const before = oldModel.schemas.get(name);
      const after = newModel.schemas.get(name);
      // A bare schema document describes bodies clients read, so definitions compare as responses.
      const where: Location = { operation: `definition ${name}`, direction: 'response' };
      this.run('definition', { name, ...(before ? { old: before } : {}), ...(after ? { new: after } : {}) }, where);
      if (before && after) this.schema(before, after, { ...where, pointer: '', instancePath: '' }, [], 0);
    }
  }
}

/**
 * Every change from `oldModel` to `newModel`, with each rule's default severity (the `audit`
 * config is applied after, in `audit.ts`). Documents with operations compare operation by
 * operation; when either side has none (a bare JSON Structure document), definitions compare by name.
 */
export function diffModels(oldModel: ApiModel, newModel: ApiModel, options: DiffOptions = {}): Change[] {
  const walker = new Walker(options.rules ?? AUDIT_RULES, options.context ?? DEFAULT_RULE_CONTEXT);
  if (oldModel.operations.size > 0 && newModel.operations.size > 0) walker.operations(oldModel, newModel);
  else walker.definitions(oldModel, newModel);
  return walker.changes;
}
