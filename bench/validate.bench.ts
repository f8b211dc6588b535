import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import peerModule, { type IOpenAPIResponseValidator } from 'openapi-response-validator';
import { arbitraries } from '../properties/arbitraries/index.js';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { operation, resolveResponse } from '../src/catalogue/index.js';
import { sharedReferenceDir } from '../src/paths.js';
import { addStructureVocabulary } from '../src/structure/index.js';
import { inlineDefinition } from '../src/validate/fast-path.js';
import {
  BODY_RULES,
  createValidator,
  SchemaRegistry,
  type BodyContext,
  type Validator,
} from '../src/validate/index.js';
import type { Bench, Figure } from './bench.js';

/**
 * Validation cost, each figure measured side by side in one run: the full single-body check
 * (schema under the profile plus the envelope rules, `validateResponse`) against `JSON.parse` of
 * the same body's text, against the bare compiled ajv validator, and against
 * openapi-response-validator on HubSpot's own OpenAPI (built per response as jest-openapi does,
 * and reused). Bodies are hsac-generated with a fixed seed, then read back from JSON text, as a
 * client would hold them.
 */

// openapi-response-validator is CommonJS with `exports.default`; under NodeNext the default import is the module.
const OpenAPIResponseValidator = peerModule.default;

const API_VERSION = '2026-03';
const ENDPOINT = 'batch-read';
const STATUS = 200;
const SEED = 20261122;

/** Best (least disturbed) microseconds per call of each function, rounds interleaved so load hits all alike. */
function sideBySide(
  fns: Readonly<Record<string, () => unknown>>,
  options: { rounds?: number; millis?: number } = {},
): Record<string, number> {
  const { rounds = 7, millis = 250 } = options;
  const best: Record<string, number> = {};
  for (const fn of Object.values(fns)) for (let i = 0; i < 50; i++) fn();
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(fns)) {
      let calls = 0;
      const start = performance.now();
      let now = start;
      while (now - start < millis) {
        for (let i = 0; i < 20; i++) fn();
        calls += 20;
        now = performance.now();
      }
      best[name] = Math.min(best[name] ?? Number.POSITIVE_INFINITY, ((now - start) * 1000) / calls);
    }
  }
  return best;
}

/** Bodies of `results` results, generated with a fixed seed and parsed back from their JSON text. */
function bodies(results: number, count: number): { texts: string[]; parsed: unknown[] } {
  const arbitrary = arbitraries.batchReadResponse({
    apiVersion: API_VERSION,
    status: STATUS,
    minResults: results,
    maxResults: results,
  });
  const texts = fc.sample(arbitrary, { seed: SEED, numRuns: count }).map((body) => JSON.stringify(body));
  return { texts, parsed: texts.map((text) => JSON.parse(text) as unknown) };
}

function assertValid(validator: Validator, body: unknown, what: string): void {
  const result = validator.validateResponse({ endpoint: ENDPOINT, apiVersion: API_VERSION, status: STATUS, body });
  if (!result.ok || result.findings.length > 0)
    throw new Error(`${what} is not a clean body: ${JSON.stringify(result.findings).slice(0, 300)}`);
}

function round(value: number, digits = 3): number {
  return Number(value.toFixed(digits));
}

/**
 * A 1000-result body in one shape throughout, as a server's serializer writes it: every result with
 * two associated records, three types, labels (one empty, one unicode) and a next page. For
 * comparison with the generated body, whose optional fields come and go from object to object.
 */
function uniformBody(): unknown {
  const result = (i: number) => ({
    from: { id: String(18450917321 + i) },
    to: [
      {
        toObjectId: String(5434402448 + i),
        associationTypes: [
          { category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
          { category: 'USER_DEFINED', typeId: 46, label: 'Décideur · 決定者' },
        ],
      },
      { toObjectId: String(901 + i), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279, label: '' }] },
    ],
    paging: { next: { after: 'MTAw' } },
  });
  const body = {
    status: 'COMPLETE',
    results: Array.from({ length: 1000 }, (_, i) => result(i)),
    requestedAt: '2026-11-20T09:15:02.118Z',
    startedAt: '2026-11-20T09:15:02.204Z',
    completedAt: '2026-11-20T10:15:02.377+01:00',
    links: {},
  };
  return JSON.parse(JSON.stringify(body)) as unknown;
}

function fullCheckVersusParse(strict: Validator, lenient: Validator): Figure {
  const { texts, parsed } = bodies(1000, 1);
  const text = texts[0] ?? '';
  const body = parsed[0];
  assertValid(strict, body, 'the 1000-result body');
  const uniform = uniformBody();
  const uniformText = JSON.stringify(uniform);
  assertValid(strict, uniform, 'the uniform 1000-result body');
  const bare = SchemaRegistry.load().validator(API_VERSION, operation(ENDPOINT, API_VERSION).responses[0]?.definition);
  const times = sideBySide({
    parse: (): unknown => JSON.parse(text),
    strict: () => strict.validateResponse({ endpoint: ENDPOINT, apiVersion: API_VERSION, status: STATUS, body }),
    lenient: () => lenient.validateResponse({ endpoint: ENDPOINT, apiVersion: API_VERSION, status: STATUS, body }),
    bareAjv: () => bare(body),
    uniformParse: (): unknown => JSON.parse(uniformText),
    uniformStrict: () =>
      strict.validateResponse({ endpoint: ENDPOINT, apiVersion: API_VERSION, status: STATUS, body: uniform }),
    uniformBareAjv: () => bare(uniform),
  });
  const ratio = (times.strict ?? Number.NaN) / (times.parse ?? Number.NaN);
  return {
    id: 'validate.full-check-vs-json-parse',
    description:
      'full check (strict schema + envelope rules) of a generated 1000-result batch-read body / JSON.parse of its text',
    value: round(ratio),
    unit: 'ratio',
    goal: '<= 0.15',
    met: ratio <= 0.15,
    detail: {
      bodyBytes: text.length,
      parseMicros: round(times.parse ?? 0, 1),
      strictCheckMicros: round(times.strict ?? 0, 1),
      lenientCheckMicros: round(times.lenient ?? 0, 1),
      bareAjvMicros: round(times.bareAjv ?? 0, 1),
      bareAjvVsParse: round((times.bareAjv ?? 0) / (times.parse ?? 1)),
      lenientVsParse: round((times.lenient ?? 0) / (times.parse ?? 1)),
      fullCheckVsBareAjv: round((times.strict ?? 0) / (times.bareAjv ?? 1)),
      uniformBodyBytes: uniformText.length,
      uniformFullCheckVsParse: round((times.uniformStrict ?? 0) / (times.uniformParse ?? 1)),
      uniformBareAjvVsParse: round((times.uniformBareAjv ?? 0) / (times.uniformParse ?? 1)),
    },
  };
}

function twoResultThroughput(strict: Validator): Figure {
  const { parsed } = bodies(2, 1000);
  parsed.forEach((body, i) => assertValid(strict, body, `two-result body ${i}`));
  const bare = SchemaRegistry.load().validator(API_VERSION, operation(ENDPOINT, API_VERSION).responses[0]?.definition);
  let next = 0;
  let nextBare = 0;
  const times = sideBySide({
    full: () =>
      strict.validateResponse({
        endpoint: ENDPOINT,
        apiVersion: API_VERSION,
        status: STATUS,
        body: parsed[next++ % parsed.length],
      }),
    bareAjv: () => bare(parsed[nextBare++ % parsed.length]),
  });
  const perSecond = 1e6 / (times.full ?? Number.NaN);
  return {
    id: 'validate.two-result-bodies-per-second',
    description: 'two-result batch-read bodies fully checked per second (strict, 1000 distinct bodies in turn)',
    value: Math.round(perSecond),
    unit: 'bodies/s',
    goal: '>= 300,000',
    met: perSecond >= 300_000,
    detail: {
      fullCheckMicros: round(times.full ?? 0),
      bareAjvMicros: round(times.bareAjv ?? 0),
      bareAjvPerSecond: Math.round(1e6 / (times.bareAjv ?? 1)),
      overheadMicros: round((times.full ?? 0) - (times.bareAjv ?? 0)),
    },
  };
}

/**
 * The schema step as the fast path compiles it, with what hsac checks beyond the peer taken away,
 * to say where the schema step's time goes: `withoutDateTimes` accepts any string as a date-time,
 * `openWithoutDateTimes` also drops `additionalProperties` (closed objects find unknown fields).
 */
function schemaStepVariants(definition: string): {
  withoutDateTimes: ValidateFunction;
  openWithoutDateTimes: ValidateFunction;
} {
  const inlined = inlineDefinition(SchemaRegistry.load().document(API_VERSION).schema, definition);
  const open = JSON.parse(JSON.stringify(inlined), (_key, value: unknown) => {
    const closed =
      typeof value === 'object' && value !== null && !Array.isArray(value) && 'additionalProperties' in value;
    if (!closed) return value;
    const { additionalProperties: _closed, ...rest } = value as Record<string, unknown>;
    return rest;
  }) as Record<string, unknown>;
  const compile = (schema: Record<string, unknown>): ValidateFunction => {
    const ajv = new Ajv2020({ strict: true, allErrors: false });
    addStructureVocabulary(ajv);
    ajv.addFormat('date-time', { type: 'string', validate: () => true });
    return ajv.compile(schema);
  };
  return { withoutDateTimes: compile(inlined), openWithoutDateTimes: compile(open) };
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  readonly components: Record<string, unknown>;
}

function peerFigures(strict: Validator): Figure[] {
  const shared = sharedReferenceDir();
  if (shared === undefined)
    return [
      {
        id: 'validate.vs-openapi-response-validator',
        description: 'skipped: ../shared (HubSpot OpenAPI) is absent',
        value: Number.NaN,
        unit: 'ratio',
      },
    ];
  const spec = JSON.parse(
    readFileSync(
      join(shared, 'reference', 'hubspot', 'HubSpot-public-api-spec-collection', API_VERSION, 'associations.json'),
      'utf8',
    ),
  ) as OpenApiDocument;
  const path = Object.keys(spec.paths).find(
    (p) => p.startsWith(`/crm/associations/${API_VERSION}/`) && p.endsWith('/batch/read'),
  );
  const responses = path === undefined ? undefined : spec.paths[path]?.post?.responses;
  if (!responses) throw new Error('batch/read not found in the HubSpot OpenAPI');
  // The OpenAPI 3 response object as jest-openapi passes it (content, not schema); the peer's type says OpenAPI 2.
  type PeerArgs = ConstructorParameters<typeof OpenAPIResponseValidator>[0];
  const expected = { [String(STATUS)]: responses[String(STATUS)] } as PeerArgs['responses'];
  const components = spec.components as PeerArgs['components'];
  const { parsed } = bodies(2, 100);
  // Typed by the peer's interface: its class declares an error object always, but a valid body returns undefined.
  const reused: IOpenAPIResponseValidator = new OpenAPIResponseValidator({ responses: expected, components });
  const rejected = parsed.filter((body) => reused.validateResponse(String(STATUS), body) !== undefined).length;
  if (rejected > 0) throw new Error(`openapi-response-validator rejects ${rejected} of hsac's valid bodies`);
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let e = 0;
  let f = 0;
  let g = 0;
  const op = operation(ENDPOINT, API_VERSION);
  const definition = op.responses[0]?.definition ?? '';
  const schemaOnly = SchemaRegistry.load().fastValidator(API_VERSION, definition);
  const variants = schemaStepVariants(definition);
  const resolution = resolveResponse(op, STATUS);
  const context: BodyContext = { operation: op, direction: 'response', status: STATUS, resolution, profile: 'strict' };
  const schemaAndRules = (body: unknown): void => {
    schemaOnly?.(body);
    for (const rule of BODY_RULES) rule.check(body as Record<string, unknown>, context);
  };
  const times = sideBySide(
    {
      // hsac's schema check alone (the inlined fast path), to show what the rules and profile add.
      hsacSchemaOnly: () => schemaOnly?.(parsed[d++ % parsed.length]),
      // The stages of the full check, cumulatively: schema, then the body rules as they run after it.
      hsacSchemaAndRules: () => schemaAndRules(parsed[e++ % parsed.length]),
      schemaWithoutDateTimes: () => variants.withoutDateTimes(parsed[f++ % parsed.length]),
      schemaOpenWithoutDateTimes: () => variants.openWithoutDateTimes(parsed[g++ % parsed.length]),
      hsac: () =>
        strict.validateResponse({
          endpoint: ENDPOINT,
          apiVersion: API_VERSION,
          status: STATUS,
          body: parsed[a++ % parsed.length],
        }),
      peerReused: () => reused.validateResponse(String(STATUS), parsed[b++ % parsed.length]),
      // jest-openapi's toSatisfyApiSpec builds the validator for each response it checks.
      peerPerResponse: () =>
        new OpenAPIResponseValidator({ responses: expected, components }).validateResponse(
          String(STATUS),
          parsed[c++ % parsed.length],
        ),
    },
    { rounds: 5, millis: 300 },
  );
  const detail = {
    body: 'two-result batch-read 200, 2026-03, 100 distinct bodies',
    hsacMicros: round(times.hsac ?? 0),
    hsacSchemaOnlyMicros: round(times.hsacSchemaOnly ?? 0),
    peerReusedMicros: round(times.peerReused ?? 0),
    peerPerResponseMicros: round(times.peerPerResponse ?? 0, 1),
    // Where the full check's time goes, by stage (differences of side-by-side bests: noisy to ~0.05 µs).
    stageSchemaMicros: round(times.hsacSchemaOnly ?? 0),
    stageRulesMicros: round((times.hsacSchemaAndRules ?? 0) - (times.hsacSchemaOnly ?? 0)),
    stagePlanAndResultMicros: round((times.hsac ?? 0) - (times.hsacSchemaAndRules ?? 0)),
    // Within the schema step: what the peer does not check, and what is left when ajv checks as little.
    schemaDateTimeFormatsMicros: round((times.hsacSchemaOnly ?? 0) - (times.schemaWithoutDateTimes ?? 0)),
    schemaClosedObjectsMicros: round((times.schemaWithoutDateTimes ?? 0) - (times.schemaOpenWithoutDateTimes ?? 0)),
    schemaOpenWithoutDateTimesMicros: round(times.schemaOpenWithoutDateTimes ?? 0),
    // The floor of this figure: the schema step alone, over the peer.
    schemaStepVsPeerReused: round((times.hsacSchemaOnly ?? 0) / (times.peerReused ?? 1)),
    hsacAlsoChecks:
      'closed objects (unknown fields), date-time formats (the peer ignores formats), int32 ranges, ' +
      'the envelope rules (numErrors, timestamp order, 207 errors), lenient tolerances',
  };
  const vsReused = (times.hsac ?? Number.NaN) / (times.peerReused ?? Number.NaN);
  const vsPerResponse = (times.hsac ?? Number.NaN) / (times.peerPerResponse ?? Number.NaN);
  return [
    {
      id: 'validate.vs-openapi-response-validator-reused',
      description:
        'hsac full check time / openapi-response-validator (one validator reused), same bodies, HubSpot OpenAPI',
      value: round(vsReused),
      unit: 'ratio',
      goal: '<= 1 (no slower)',
      met: vsReused <= 1,
      detail,
    },
    {
      id: 'validate.vs-openapi-response-validator-per-response',
      description: 'hsac full check time / openapi-response-validator built per response (as jest-openapi uses it)',
      value: round(vsPerResponse, 5),
      unit: 'ratio',
      detail,
    },
  ];
}

const bench: Bench = {
  id: 'validate',
  description: 'the full single-body check against JSON.parse, bare ajv and openapi-response-validator, side by side',
  run() {
    const strict = createValidator({ profile: 'strict' });
    const lenient = createValidator({ profile: 'lenient' });
    return Promise.resolve([
      fullCheckVersusParse(strict, lenient),
      twoResultThroughput(strict),
      ...peerFigures(strict),
    ]);
  },
};

export default bench;
