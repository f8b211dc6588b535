/**
 * `hsac audit drift REPORT.json`: what a run's recorded exchanges say about the schemas. Per
 * endpoint x version and per body (request, response by status): fields seen that the schema
 * lacks, enum values seen that the schema lacks, and schema fields never seen.
 *
 * Input (the shape `hsac run` writes into `report.json`; other keys are ignored):
 *
 * ```json
 * { "exchanges": [
 *     { "endpoint": "batch-read", "apiVersion": "2026-03",
 *       "request":  { "method": "POST", "url": "https://api.hubapi.com/crm/associations/2026-03/contacts/companies/batch/read", "body": { "inputs": [ { "id": "1" } ] } },
 *       "response": { "status": 200, "headers": { "content-type": "application/json" },
 *                     "body": { "status": "COMPLETE", "results": [] } } } ] }
 * ```
 *
 * Bodies are parsed JSON values, or the JSON text as `hsac run` records it (text that is not JSON is not
 * walked). Exchanges of endpoints or versions hsac holds no schema for (the run's provisioning calls) are
 * counted as skipped. Paths are JSON-Pointer-like with `*` for array items and map values:
 * `/results/*\/to/*\/associationTypes/*\/category`.
 */
import { readFileSync, statSync } from 'node:fs';
import {
  isApiVersion,
  isEndpointId,
  isStatusCode,
  operation as catalogueOperation,
  resolveResponse,
  type ApiVersion,
} from '../catalogue/index.js';
import { childPointer } from '../json-pointer.js';
import { AuditInputError } from './errors.js';
import { isObject, own, type JsonObject } from './json.js';
import { loadSide } from './load.js';
import type { ApiModel, EnumValue, SchemaNode } from './model.js';

/** One recorded request/response pair. */
export interface RecordedExchange {
  readonly endpoint: string;
  readonly apiVersion: string;
  readonly request: { readonly method: string; readonly url: string; readonly body?: unknown };
  readonly response: {
    readonly status: number;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body?: unknown;
  };
}

/** A path (and for enums a value) with how often it was seen. */
export interface Seen {
  readonly path: string;
  readonly count: number;
  readonly value?: string;
}

/** Drift of one body kind of one endpoint x version. */
export interface BodyDrift {
  /** `request`, or `response 200`. */
  readonly body: string;
  readonly definition: string;
  /** Bodies walked. */
  readonly observed: number;
  readonly unknownFields: readonly Seen[];
  readonly unknownEnumValues: readonly Seen[];
  /** Schema fields no observed body carried. */
  readonly neverSeen: readonly string[];
}

/** Drift of one endpoint in one version. */
export interface EndpointDrift {
  readonly endpoint: string;
  readonly apiVersion: string;
  readonly exchanges: number;
  readonly bodies: readonly BodyDrift[];
  /** Declared bodies no exchange produced, e.g. `response 207`. */
  readonly unobserved: readonly string[];
}

/** The whole drift report. */
export interface DriftReport {
  readonly exchanges: number;
  readonly endpoints: readonly EndpointDrift[];
  readonly skipped: readonly {
    readonly endpoint: string;
    readonly apiVersion: string;
    readonly count: number;
    readonly reason: string;
  }[];
  /** True when no field or enum value was seen that a schema lacks. */
  readonly ok: boolean;
}

/** Largest report read. */
export const MAX_REPORT_BYTES = 256 * 1024 * 1024;

/** Schema fields listed at most this deep (recursive schemas end here). */
const MAX_FIELD_DEPTH = 16;
/** Bodies nested deeper than this are not walked further (the validator reports depth). */
const MAX_BODY_DEPTH = 64;

/**
 * A recorded body: `hsac run` keeps bodies as the text that crossed the wire (report.json), other
 * recorders as parsed JSON. Text that parses as JSON is walked; any other text is not JSON and
 * has no fields to drift.
 */
function jsonBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

const SHAPE =
  '{ "exchanges": [ { "endpoint", "apiVersion", "request": { "method", "url", "body"? }, "response": { "status", "headers"?, "body"? } } ] }';

function field(value: JsonObject, key: string, where: string, kind: 'string' | 'object'): unknown {
  const found = own(value, key);
  if (kind === 'string' ? typeof found !== 'string' : !isObject(found))
    throw new AuditInputError(
      `${where}.${key} must be ${kind === 'string' ? 'a string' : 'an object'} (expected ${SHAPE})`,
    );
  return found;
}

/** Checks the report's shape; every problem names the exchange and field. */
export function parseDriftInput(value: unknown, source: string): RecordedExchange[] {
  if (!isObject(value) || !Array.isArray(own(value, 'exchanges')))
    throw new AuditInputError(`${source} has no "exchanges" array (expected ${SHAPE})`);
  return (own(value, 'exchanges') as unknown[]).map((entry, i) => {
    const where = `${source}: exchanges[${i}]`;
    if (!isObject(entry)) throw new AuditInputError(`${where} is not an object (expected ${SHAPE})`);
    const request = field(entry, 'request', where, 'object') as JsonObject;
    const response = field(entry, 'response', where, 'object') as JsonObject;
    const status = own(response, 'status');
    if (typeof status !== 'number' || !isStatusCode(status))
      throw new AuditInputError(`${where}.response.status must be an HTTP status code (100-599)`);
    const headers = own(response, 'headers');
    if (headers !== undefined && !isObject(headers))
      throw new AuditInputError(`${where}.response.headers must be an object`);
    return {
      endpoint: field(entry, 'endpoint', where, 'string') as string,
      apiVersion: field(entry, 'apiVersion', where, 'string') as string,
      request: {
        method: field(request, 'method', `${where}.request`, 'string') as string,
        url: field(request, 'url', `${where}.request`, 'string') as string,
        body: jsonBody(own(request, 'body')),
      },
      response: {
        status,
        body: jsonBody(own(response, 'body')),
        ...(headers === undefined ? {} : { headers: headers as Record<string, string> }),
      },
    };
  });
}

/** Reads and checks a report file. */
export function readDriftInput(path: string): RecordedExchange[] {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new AuditInputError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (size > MAX_REPORT_BYTES)
    throw new AuditInputError(`${path} is ${size} bytes; drift reads reports up to ${MAX_REPORT_BYTES} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new AuditInputError(`${path} is not JSON: ${(error as Error).message}`);
  }
  return parseDriftInput(parsed, path);
}

/** Alternatives read as one node: a field of any alternative is known, a value of any alternative's enum too. */
function flatten(node: SchemaNode): {
  properties: ReadonlyMap<string, SchemaNode>;
  additional: SchemaNode | boolean;
  items?: SchemaNode;
  enum?: readonly EnumValue[];
} {
  if (!node.variants)
    return {
      properties: node.properties,
      additional: node.additionalProperties,
      ...(node.items ? { items: node.items } : {}),
      ...(node.enum ? { enum: node.enum } : {}),
    };
  const properties = new Map(node.properties);
  let additional: SchemaNode | boolean = node.additionalProperties;
  let items = node.items;
  let values = node.enum ? [...node.enum] : undefined;
  for (const member of node.variants.members) {
    for (const [name, schema] of member.properties) if (!properties.has(name)) properties.set(name, schema);
    if (typeof member.additionalProperties === 'object' && additional !== true)
      additional = member.additionalProperties;
    items ??= member.items;
    if (member.enum) values = [...(values ?? []), ...member.enum];
  }
  return { properties, additional, ...(items ? { items } : {}), ...(values ? { enum: values } : {}) };
}

/** Every field path a schema declares (cycle-safe, depth-capped). */
export function schemaFieldPaths(node: SchemaNode): string[] {
  const out: string[] = [];
  const walk = (current: SchemaNode, path: string, stack: SchemaNode[]): void => {
    if (stack.includes(current) || stack.length >= MAX_FIELD_DEPTH) return;
    stack.push(current);
    const flat = flatten(current);
    for (const [name, child] of flat.properties) {
      const childPath = childPointer(path, name);
      out.push(childPath);
      walk(child, childPath, stack);
    }
    if (flat.items) walk(flat.items, `${path}/*`, stack);
    if (typeof flat.additional === 'object') walk(flat.additional, `${path}/*`, stack);
    stack.pop();
  };
  walk(node, '', []);
  return out;
}

class BodyObserver {
  observed = 0;
  readonly seen = new Set<string>();
  readonly unknownFields = new Map<string, number>();
  readonly unknownValues = new Map<string, { path: string; value: string; count: number }>();

  constructor(readonly schema: SchemaNode) {}

  observe(value: unknown): void {
    if (typeof value !== 'object' || value === null) return;
    this.observed++;
    this.walk(value, this.schema, '', 0);
  }

  private walk(value: unknown, node: SchemaNode, path: string, depth: number): void {
    if (depth > MAX_BODY_DEPTH || value === null || value === undefined) return;
    const flat = flatten(node);
    if (
      flat.enum &&
      (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') &&
      !flat.enum.includes(value)
    ) {
      const key = `${path}\u0000${String(value)}`;
      const entry = this.unknownValues.get(key) ?? { path: path || '/', value: String(value), count: 0 };
      entry.count++;
      this.unknownValues.set(key, entry);
    }
    if (Array.isArray(value)) {
      if (flat.items) for (const item of value) this.walk(item, flat.items, `${path}/*`, depth + 1);
      return;
    }
    if (!isObject(value)) return;
    for (const key of Object.keys(value)) {
      const child = flat.properties.get(key);
      if (child) {
        const childPath = childPointer(path, key);
        this.seen.add(childPath);
        this.walk(value[key], child, childPath, depth + 1);
      } else if (typeof flat.additional === 'object') {
        this.walk(value[key], flat.additional, `${path}/*`, depth + 1);
      } else {
        const childPath = childPointer(path, key);
        this.unknownFields.set(childPath, (this.unknownFields.get(childPath) ?? 0) + 1);
      }
    }
  }

  result(body: string): BodyDrift {
    return {
      body,
      definition: this.schema.name ?? '(inline)',
      observed: this.observed,
      unknownFields: [...this.unknownFields].map(([path, count]) => ({ path, count })),
      unknownEnumValues: [...this.unknownValues.values()],
      neverSeen: schemaFieldPaths(this.schema).filter((path) => !this.seen.has(path)),
    };
  }
}

function definition(model: ApiModel, name: string): SchemaNode {
  const node = model.schemas.get(name);
  if (!node) throw new AuditInputError(`hsac's ${model.source} document lacks definition ${name}`);
  return node;
}

/** Builds the drift report of recorded exchanges against hsac's schemas of each version. */
export async function driftReport(exchanges: readonly RecordedExchange[]): Promise<DriftReport> {
  const models = new Map<ApiVersion, ApiModel>();
  const groups = new Map<
    string,
    { endpoint: string; apiVersion: ApiVersion; exchanges: number; bodies: Map<string, BodyObserver> }
  >();
  const skipped = new Map<string, { endpoint: string; apiVersion: string; count: number; reason: string }>();
  for (const exchange of exchanges) {
    const { endpoint, apiVersion } = exchange;
    if (!isEndpointId(endpoint) || !isApiVersion(apiVersion)) {
      const key = `${endpoint}\u0000${apiVersion}`;
      const reason = isEndpointId(endpoint) ? 'unknown API version' : 'no hsac schema for this endpoint';
      const entry = skipped.get(key) ?? { endpoint, apiVersion, count: 0, reason };
      entry.count++;
      skipped.set(key, entry);
      continue;
    }
    let model = models.get(apiVersion);
    if (!model) {
      model = await loadSide(apiVersion);
      models.set(apiVersion, model);
    }
    const op = catalogueOperation(endpoint, apiVersion);
    const groupKey = `${endpoint}\u0000${apiVersion}`;
    const group = groups.get(groupKey) ?? {
      endpoint,
      apiVersion,
      exchanges: 0,
      bodies: new Map<string, BodyObserver>(),
    };
    groups.set(groupKey, group);
    group.exchanges++;
    const observe = (body: string, definitionName: string | undefined, value: unknown): void => {
      if (definitionName === undefined || value === undefined) return;
      const observer = group.bodies.get(body) ?? new BodyObserver(definition(model, definitionName));
      group.bodies.set(body, observer);
      observer.observe(value);
    };
    observe('request', op.requestDefinition, exchange.request.body);
    observe(
      `response ${exchange.response.status}`,
      resolveResponse(op, exchange.response.status).definition,
      exchange.response.body,
    );
  }
  const endpoints: EndpointDrift[] = [...groups.values()].map((group) => {
    const op = catalogueOperation(group.endpoint, group.apiVersion);
    const declared = [
      ...(op.requestDefinition ? ['request'] : []),
      ...op.responses.map((response) => `response ${response.status}`),
    ];
    return {
      endpoint: group.endpoint,
      apiVersion: group.apiVersion,
      exchanges: group.exchanges,
      bodies: [...group.bodies].map(([body, observer]) => observer.result(body)),
      unobserved: declared.filter((body) => !group.bodies.has(body)),
    };
  });
  const ok = endpoints.every((endpoint) =>
    endpoint.bodies.every((body) => body.unknownFields.length === 0 && body.unknownEnumValues.length === 0),
  );
  return { exchanges: exchanges.length, endpoints, skipped: [...skipped.values()], ok };
}
