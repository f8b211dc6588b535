import { describe, expect, it } from 'vitest';
import { API_VERSIONS, allOperations, operation, type ApiVersion, type EndpointId } from '../../src/catalogue/index.js';
import type { Finding } from '../../src/registry/finding.js';
import { createValidator, PROFILES, type Profile } from '../../src/validate/index.js';
import { errorBody, rateLimitBody, standardError, validRequestBody, validResponseBody } from './bodies.js';

type Body = Record<string, unknown>;

const validators = { strict: createValidator({ profile: 'strict' }), lenient: createValidator({ profile: 'lenient' }) };
/** The same profiles with unknown fields set to error (`hsac validate --unknown-fields error`). */
const unknownAsErrors = {
  strict: createValidator({ profile: 'strict', unknownFields: 'error' }),
  lenient: createValidator({ profile: 'lenient', unknownFields: 'error' }),
};

function errorsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.severity === 'error');
}

function successBody(
  endpoint: EndpointId,
  apiVersion: ApiVersion,
  kind: 'success' | 'partial' = 'success',
): { body: Body; status: number } {
  const op = operation(endpoint, apiVersion);
  const response = op.responses.find((r) => r.kind === kind) ?? op.responses[0];
  if (!response) throw new Error(`no response for ${endpoint} ${apiVersion}`);
  return { body: validResponseBody(op, response), status: response.status };
}

function at(body: Body, path: readonly (string | number)[]): Body {
  let current: unknown = body;
  for (const key of path) current = (current as Record<string | number, unknown>)[key];
  return current as Body;
}

describe('valid bodies pass: every endpoint x version x declared status x profile', () => {
  const cases = allOperations().flatMap((op) =>
    op.responses.map((response) => ({ op, response, name: `${op.endpoint} ${op.apiVersion} ${response.status}` })),
  );
  describe.each(PROFILES)('%s', (profile) => {
    it.each(cases)('$name', ({ op, response }) => {
      const result = validators[profile].validateResponse({
        endpoint: op.endpoint,
        apiVersion: op.apiVersion,
        status: response.status,
        body: validResponseBody(op, response),
      });
      expect(result.findings).toEqual([]);
      expect(result.ok).toBe(true);
    });
  });

  it.each(API_VERSIONS)('error and 429 bodies pass in %s', (apiVersion) => {
    for (const [status, body] of [
      [401, errorBody()],
      [404, errorBody()],
      [429, rateLimitBody('DAILY')],
      [429, rateLimitBody('TEN_SECONDLY_ROLLING')],
    ] as const) {
      const result = validators.strict.validateResponse({ endpoint: 'batch-read', apiVersion, status, body });
      expect(result.findings, `${status}`).toEqual([]);
    }
  });

  it.each(
    allOperations()
      .filter((op) => op.requestDefinition)
      .map((op) => ({ op, name: `${op.endpoint} ${op.apiVersion}` })),
  )('request $name passes', ({ op }) => {
    const result = validators.strict.validateRequest({
      endpoint: op.endpoint,
      apiVersion: op.apiVersion,
      body: validRequestBody(op),
    });
    expect(result.findings).toEqual([]);
  });
});

/** A planted fault: a minimal change to a valid body and the finding it must produce. */
interface Fault {
  readonly name: string;
  readonly endpoint: EndpointId;
  readonly kind?: 'success' | 'partial';
  /** Overrides the status the body is sent with. */
  readonly status?: number;
  /** Builds the body to check (default: the valid success body). */
  readonly body?: (apiVersion: ApiVersion) => Body;
  readonly mutate: (body: Body) => void;
  readonly check: string;
  readonly instancePath: string;
  /** Severity under each profile. */
  readonly strict: 'error' | 'warning';
  readonly lenient: 'error' | 'warning';
  /** Versions the fault applies to (default: all). */
  readonly versions?: readonly ApiVersion[];
}

const PARTIAL_VERSIONS = API_VERSIONS.filter((v) =>
  operation('batch-read', v).responses.some((r) => r.kind === 'partial'),
);

const FAULTS: readonly Fault[] = [
  {
    name: 'startedAt removed',
    endpoint: 'batch-read',
    mutate: (b) => delete b.startedAt,
    check: 'required',
    instancePath: '/startedAt',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'results[].from removed',
    endpoint: 'batch-read',
    mutate: (b) => delete at(b, ['results', 0]).from,
    check: 'required',
    instancePath: '/results/0/from',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'associationTypes[].typeId removed',
    endpoint: 'batch-read',
    mutate: (b) => delete at(b, ['results', 0, 'to', 0, 'associationTypes', 1]).typeId,
    check: 'required',
    instancePath: '/results/0/to/0/associationTypes/1/typeId',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'associationSpec removed',
    endpoint: 'associate-default',
    mutate: (b) => delete at(b, ['results', 0]).associationSpec,
    check: 'required',
    instancePath: '/results/0/associationSpec',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'status CANCELLED (two Ls)',
    endpoint: 'batch-associate-default',
    mutate: (b) => (b.status = 'CANCELLED'),
    check: 'status-enum',
    instancePath: '/status',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'status in lower case',
    endpoint: 'batch-read',
    mutate: (b) => (b.status = 'complete'),
    check: 'status-enum',
    instancePath: '/status',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'numErrors as a string',
    endpoint: 'batch-associate-default',
    mutate: (b) => Object.assign(b, { numErrors: '0', errors: [] }),
    check: 'type',
    instancePath: '/numErrors',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'results as an object',
    endpoint: 'configurations-batch-create',
    mutate: (b) => (b.results = {}),
    check: 'type',
    instancePath: '/results',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'startedAt without offset',
    endpoint: 'batch-read',
    mutate: (b) => (b.startedAt = '2026-11-20T09:15:02'),
    check: 'format',
    instancePath: '/startedAt',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'startedAt with a space for the T',
    endpoint: 'batch-read',
    mutate: (b) => (b.startedAt = '2026-11-20 09:15:02.204Z'),
    check: 'format',
    instancePath: '/startedAt',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'completedAt on 30 February',
    endpoint: 'batch-read',
    mutate: (b) => (b.completedAt = '2026-02-30T09:15:02Z'),
    check: 'format',
    instancePath: '/completedAt',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'typeId over int32',
    endpoint: 'batch-read',
    mutate: (b) => (at(b, ['results', 0, 'to', 0, 'associationTypes', 0]).typeId = 2147483648),
    check: 'int32-range',
    instancePath: '/results/0/to/0/associationTypes/0/typeId',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'userEnforcedMaxToObjectIds under int32',
    endpoint: 'configurations-batch-create',
    mutate: (b) => (at(b, ['results', 0]).userEnforcedMaxToObjectIds = -2147483649),
    check: 'int32-range',
    instancePath: '/results/0/userEnforcedMaxToObjectIds',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'StandardError without category',
    endpoint: 'batch-read',
    kind: 'partial',
    versions: PARTIAL_VERSIONS,
    mutate: (b) => delete at(b, ['errors', 0]).category,
    check: 'error-shape',
    instancePath: '/errors/0/category',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'StandardError without message',
    endpoint: 'batch-associate-default',
    mutate: (b) => Object.assign(b, { errors: [{ ...standardError(), message: undefined }], numErrors: 1 }),
    check: 'error-shape',
    instancePath: '/errors/0/message',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'ErrorDetail.context as the docs string',
    endpoint: 'batch-read',
    kind: 'partial',
    versions: PARTIAL_VERSIONS,
    mutate: (b) => (at(b, ['errors', 0, 'errors', 0]).context = '{missingScopes=[scope1, scope2]}'),
    check: 'error-shape',
    instancePath: '/errors/0/errors/0/context',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'Error body without correlationId',
    endpoint: 'batch-read',
    status: 401,
    body: () => errorBody(),
    mutate: (b) => delete b.correlationId,
    check: 'error-shape',
    instancePath: '/correlationId',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'Error correlationId not a uuid',
    endpoint: 'configurations-batch-create',
    status: 400,
    body: () => errorBody(),
    mutate: (b) => (b.correlationId = 'abc'),
    check: 'error-shape',
    instancePath: '/correlationId',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: '429 body without policyName',
    endpoint: 'batch-read',
    status: 429,
    body: () => rateLimitBody('DAILY'),
    mutate: (b) => delete b.policyName,
    check: 'error-shape',
    instancePath: '/policyName',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'numErrors disagrees with errors',
    endpoint: 'batch-read',
    kind: 'partial',
    versions: PARTIAL_VERSIONS,
    mutate: (b) => (b.numErrors = 2),
    check: 'num-errors-matches-errors',
    instancePath: '/numErrors',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'completedAt before startedAt',
    endpoint: 'batch-associate-default',
    mutate: (b) => (b.completedAt = '2026-11-20T09:15:02.2039Z'),
    check: 'timestamps-ordered',
    instancePath: '/completedAt',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'startedAt before requestedAt (offset form)',
    endpoint: 'batch-read',
    mutate: (b) => (b.startedAt = '2026-11-20T10:15:02.117+01:00'),
    check: 'timestamps-ordered',
    instancePath: '/startedAt',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: '207 without errors',
    endpoint: 'batch-read',
    kind: 'partial',
    versions: PARTIAL_VERSIONS,
    mutate: (b) => {
      delete b.errors;
      delete b.numErrors;
    },
    check: 'multi-status-has-errors',
    instancePath: '/errors',
    strict: 'error',
    lenient: 'error',
  },
  // Lenient-only deviations: errors under strict, warnings under lenient (FACTS.md §9).
  {
    name: 'requestedAt null',
    endpoint: 'batch-read',
    mutate: (b) => (b.requestedAt = null),
    check: 'type',
    instancePath: '/requestedAt',
    strict: 'error',
    lenient: 'warning',
  },
  {
    name: 'a null results item (not an optional field)',
    endpoint: 'batch-read',
    mutate: (b) => ((b.results as unknown[])[0] = null),
    check: 'type',
    instancePath: '/results/0',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'a null links value (a map value, not an optional field)',
    endpoint: 'batch-read',
    mutate: (b) => (b.links = { self: null }),
    check: 'type',
    instancePath: '/links/self',
    strict: 'error',
    lenient: 'error',
  },
  {
    name: 'label null',
    endpoint: 'batch-read',
    mutate: (b) => (at(b, ['results', 0, 'to', 0, 'associationTypes', 0]).label = null),
    check: 'type',
    instancePath: '/results/0/to/0/associationTypes/0/label',
    strict: 'error',
    lenient: 'warning',
  },
  {
    name: 'toObjectId as a number above 2^31',
    endpoint: 'batch-read',
    mutate: (b) => (at(b, ['results', 0, 'to', 0]).toObjectId = 5434402448),
    check: 'type',
    instancePath: '/results/0/to/0/toObjectId',
    strict: 'error',
    lenient: 'warning',
  },
  {
    name: 'unknown category value',
    endpoint: 'batch-read',
    mutate: (b) => (at(b, ['results', 0, 'to', 0, 'associationTypes', 0]).category = 'PARTNER_DEFINED'),
    check: 'enum',
    instancePath: '/results/0/to/0/associationTypes/0/category',
    strict: 'error',
    lenient: 'warning',
  },
  // Undeclared fields: warnings under both profiles, as the published spec leaves objects open (DESIGN.md "Profiles").
  {
    name: 'an extra field',
    endpoint: 'configurations-batch-create',
    mutate: (b) => (at(b, ['results', 0]).createdAt = '2026-11-20T09:15:02Z'),
    check: 'unknown-field',
    instancePath: '/results/0/createdAt',
    strict: 'warning',
    lenient: 'warning',
  },
  {
    name: 'an extra field in a StandardError (unknown-field, not error-shape)',
    endpoint: 'batch-read',
    kind: 'partial',
    versions: PARTIAL_VERSIONS,
    mutate: (b) => (at(b, ['errors', 0]).errorType = 'OBJECT_NOT_FOUND'),
    check: 'unknown-field',
    instancePath: '/errors/0/errorType',
    strict: 'warning',
    lenient: 'warning',
  },
  {
    name: 'an extra field in an Error body',
    endpoint: 'batch-read',
    status: 404,
    body: () => errorBody(),
    mutate: (b) => (b.requestId = '3f7c2a34-6a8f-4f7a-9c55-1e0f9f6e2b12'),
    check: 'unknown-field',
    instancePath: '/requestId',
    strict: 'warning',
    lenient: 'warning',
  },
  {
    name: 'StandardError.subCategory as a string',
    endpoint: 'batch-read',
    kind: 'partial',
    versions: PARTIAL_VERSIONS,
    mutate: (b) => (at(b, ['errors', 0]).subCategory = 'OBJECT_NOT_FOUND'),
    check: 'error-shape',
    instancePath: '/errors/0/subCategory',
    strict: 'error',
    lenient: 'warning',
  },
  {
    name: 'a __proto__ key',
    endpoint: 'batch-read',
    mutate: (b) =>
      Object.defineProperty(b, '__proto__', {
        value: { polluted: true },
        enumerable: true,
        configurable: true,
        writable: true,
      }),
    check: 'unknown-field',
    instancePath: '/__proto__',
    strict: 'warning',
    lenient: 'warning',
  },
];

describe('each rule fires on a minimal broken body, per version and profile', () => {
  const cases = FAULTS.flatMap((fault) =>
    (fault.versions ?? API_VERSIONS).map((apiVersion) => ({
      fault,
      apiVersion,
      name: `${fault.name} (${apiVersion})`,
    })),
  );
  describe.each(PROFILES)('%s', (profile: Profile) => {
    it.each(cases)('$name', ({ fault, apiVersion }) => {
      const base = fault.body
        ? { body: fault.body(apiVersion), status: fault.status ?? 200 }
        : successBody(fault.endpoint, apiVersion, fault.kind);
      const status = fault.status ?? base.status;
      const clean = validators[profile].validateResponse({
        endpoint: fault.endpoint,
        apiVersion,
        status,
        body: structuredClone(base.body),
      });
      expect(clean.findings, 'the unmutated body is clean').toEqual([]);
      fault.mutate(base.body);
      const result = validators[profile].validateResponse({
        endpoint: fault.endpoint,
        apiVersion,
        status,
        body: base.body,
      });
      const expectedSeverity = fault[profile];
      expect(result.findings).toContainEqual(
        expect.objectContaining({
          check: fault.check,
          instancePath: fault.instancePath,
          severity: expectedSeverity,
          apiVersion,
          endpoint: fault.endpoint,
        }),
      );
      expect(result.ok).toBe(expectedSeverity === 'warning' ? errorsOf(result.findings).length === 0 : false);
      if (expectedSeverity === 'warning') expect(errorsOf(result.findings)).toEqual([]);
    });
  });
});

describe('status-code families', () => {
  it('a 200 where 2026-03 declares 201 is a warning, and the body is still checked', () => {
    const { body } = successBody('configurations-batch-create', '2026-03');
    const result = validators.strict.validateResponse({
      endpoint: 'configurations-batch-create',
      apiVersion: '2026-03',
      status: 200,
      body,
    });
    expect(result.ok).toBe(true);
    expect(result.findings).toEqual([
      expect.objectContaining({ check: 'status-code', severity: 'warning', expected: 201, actual: 200 }),
    ]);
    body.status = 'DONE';
    expect(
      validators.strict.validateResponse({
        endpoint: 'configurations-batch-create',
        apiVersion: '2026-03',
        status: 200,
        body,
      }).ok,
    ).toBe(false);
  });

  it('a 201 where 2025-09 declares 200 is a warning', () => {
    const { body } = successBody('configurations-batch-create', '2025-09');
    const result = validators.lenient.validateResponse({
      endpoint: 'configurations-batch-create',
      apiVersion: '2025-09',
      status: 201,
      body,
    });
    expect(result.findings).toEqual([
      expect.objectContaining({ check: 'status-code', severity: 'warning', expected: 200, actual: 201 }),
    ]);
  });

  it('a 207 in 2026-09 (which declares only 200) is checked against the merged 200 body', () => {
    const op = operation('batch-read', '2026-09');
    const body = { ...validResponseBody(op, op.responses[0]!), errors: [standardError()], numErrors: 1 };
    const result = validators.strict.validateResponse({
      endpoint: 'batch-read',
      apiVersion: '2026-09',
      status: 207,
      body,
    });
    expect(result.findings).toEqual([expect.objectContaining({ check: 'status-code', severity: 'warning' })]);
  });

  it('errors in a 2026-03 batch-read 200 are unknown fields (the *WithErrors split): warnings, errors when asked for', () => {
    const { body } = successBody('batch-read', '2026-03');
    Object.assign(body, { errors: [standardError()], numErrors: 1 });
    const result = validators.strict.validateResponse({
      endpoint: 'batch-read',
      apiVersion: '2026-03',
      status: 200,
      body,
    });
    expect(result.findings.map((f) => `${f.severity} ${f.check} ${f.instancePath}`).sort()).toEqual([
      'warning unknown-field /errors',
      'warning unknown-field /numErrors',
    ]);
    expect(result.ok).toBe(true);
    expect(
      unknownAsErrors.strict.validateResponse({ endpoint: 'batch-read', apiVersion: '2026-03', status: 200, body }).ok,
    ).toBe(false);
  });
});

describe('versions differ where HubSpot differs', () => {
  it('fromObjectTypeId is declared where the spec has it and unknown in the 2026-09 draft: a warning there, under strict too', () => {
    // HubSpot added these fields inside 2026-03 on 2026-08-17 (FACTS.md §2, §5): a strict run must not fail on the day
    // a version gains an optional field, so an undeclared one is drift (a warning) unless the user asks for errors.
    for (const apiVersion of API_VERSIONS) {
      const { body, status } = successBody('batch-read', apiVersion);
      Object.assign(at(body, ['results', 0, 'to', 0, 'associationTypes', 0]), {
        fromObjectTypeId: '0-1',
        toObjectTypeId: '0-2',
      });
      const result = validators.strict.validateResponse({ endpoint: 'batch-read', apiVersion, status, body });
      expect(result.ok, apiVersion).toBe(true);
      const undeclared =
        apiVersion === '2026-09'
          ? ['fromObjectTypeId', 'toObjectTypeId'].map(
              (name) => `warning unknown-field /results/0/to/0/associationTypes/0/${name}`,
            )
          : [];
      expect(
        result.findings.map((f) => `${f.severity} ${f.check} ${f.instancePath}`),
        apiVersion,
      ).toEqual(undeclared);
      expect(
        unknownAsErrors.strict.validateResponse({ endpoint: 'batch-read', apiVersion, status, body }).ok,
        apiVersion,
      ).toBe(apiVersion !== '2026-09');
    }
  });

  it('the write side uses associationCategory/associationTypeId and the read side category/typeId', () => {
    const { body, status } = successBody('batch-read', '2026-03');
    const type = at(body, ['results', 0, 'to', 0, 'associationTypes', 0]);
    Object.assign(type, { associationCategory: type.category, associationTypeId: type.typeId });
    delete type.category;
    delete type.typeId;
    const checks = validators.strict
      .validateResponse({ endpoint: 'batch-read', apiVersion: '2026-03', status, body })
      .findings.map((f) => f.check);
    expect(checks).toEqual(expect.arrayContaining(['required', 'unknown-field']));
  });
});

describe('unknown fields: a warning under both profiles by default, an error under both when asked for', () => {
  const undeclared = FAULTS.filter((fault) => fault.check === 'unknown-field');
  const cases = undeclared.flatMap((fault) =>
    (fault.versions ?? API_VERSIONS).flatMap((apiVersion) =>
      PROFILES.map((profile) => ({ fault, apiVersion, profile, name: `${fault.name} (${apiVersion}, ${profile})` })),
    ),
  );

  it('the table above holds undeclared fields, each a warning under both profiles', () => {
    expect(undeclared.length).toBeGreaterThan(2);
    for (const fault of undeclared) expect([fault.strict, fault.lenient], fault.name).toEqual(['warning', 'warning']);
  });

  it.each(cases)(
    '$name: an error, and ok is false, with unknown fields set to error',
    ({ fault, apiVersion, profile }) => {
      const base = fault.body
        ? { body: fault.body(apiVersion), status: fault.status ?? 200 }
        : successBody(fault.endpoint, apiVersion, fault.kind);
      const status = fault.status ?? base.status;
      expect(
        unknownAsErrors[profile].validateResponse({
          endpoint: fault.endpoint,
          apiVersion,
          status,
          body: structuredClone(base.body),
        }).findings,
        'the unmutated body is clean',
      ).toEqual([]);
      fault.mutate(base.body);
      const result = unknownAsErrors[profile].validateResponse({
        endpoint: fault.endpoint,
        apiVersion,
        status,
        body: base.body,
      });
      expect(result.findings).toContainEqual(
        expect.objectContaining({ check: 'unknown-field', instancePath: fault.instancePath, severity: 'error' }),
      );
      expect(result.ok).toBe(false);
      // The setting changes the grading of undeclared fields only: the message no longer calls it tolerated.
      expect(result.findings.find((f) => f.instancePath === fault.instancePath)?.message).not.toContain('tolerated');
    },
  );

  it('the warning says why: objects are open in the published spec', () => {
    const { body, status } = successBody('batch-read', '2026-03');
    body.batchId = 'b-0001';
    const [finding] = validators.strict.validateResponse({
      endpoint: 'batch-read',
      apiVersion: '2026-03',
      status,
      body,
    }).findings;
    expect(finding).toMatchObject({ check: 'unknown-field', severity: 'warning', instancePath: '/batchId' });
    expect(finding?.message).toContain('tolerated under every profile (unknown-field)');
    expect(finding?.message).toContain('objects are open in the published spec');
  });

  it('requests too: an undeclared request field is a warning by default and an error when asked for', () => {
    const op = operation('batch-read', '2026-03');
    const body = { ...validRequestBody(op), archived: false };
    expect(validators.strict.validateRequest({ endpoint: op.endpoint, body }).findings).toEqual([
      expect.objectContaining({ check: 'unknown-field', instancePath: '/archived', severity: 'warning' }),
    ]);
    expect(unknownAsErrors.strict.validateRequest({ endpoint: op.endpoint, body }).ok).toBe(false);
  });

  it('nothing else changes with the setting: the lenient tolerances stay lenient-only', () => {
    const { body, status } = successBody('batch-read', '2026-03');
    body.requestedAt = null;
    expect(
      unknownAsErrors.strict.validateResponse({ endpoint: 'batch-read', apiVersion: '2026-03', status, body }).findings,
    ).toEqual([expect.objectContaining({ check: 'type', severity: 'error' })]);
    expect(
      unknownAsErrors.lenient.validateResponse({ endpoint: 'batch-read', apiVersion: '2026-03', status, body })
        .findings,
    ).toEqual([expect.objectContaining({ check: 'type', severity: 'warning' })]);
    expect(unknownAsErrors.strict.unknownFields).toBe('error');
    expect(validators.strict.unknownFields).toBe('warn');
  });
});

describe('requests', () => {
  it('batch read refuses more than 1000 inputs and accepts 1000', () => {
    const op = operation('batch-read', '2026-03');
    expect(
      validators.strict.validateRequest({ endpoint: op.endpoint, body: validRequestBody(op, 1000) }).findings,
    ).toEqual([]);
    const result = validators.strict.validateRequest({ endpoint: op.endpoint, body: validRequestBody(op, 1001) });
    expect(result.findings).toEqual([
      expect.objectContaining({ check: 'input-limit', instancePath: '/inputs', actual: 1001 }),
    ]);
  });

  it('a null body is an error under both profiles', () => {
    for (const validator of [validators.strict, validators.lenient]) {
      expect(validator.validateResponse({ endpoint: 'batch-read', status: 200, body: null }).findings).toEqual([
        expect.objectContaining({ check: 'type', instancePath: '', severity: 'error' }),
      ]);
    }
  });

  it('a request without inputs is missing a required field', () => {
    const result = validators.strict.validateRequest({ endpoint: 'batch-associate-default', body: {} });
    expect(result.findings).toEqual([expect.objectContaining({ check: 'required', instancePath: '/inputs' })]);
  });

  it('numeric IDs in a request are a type error under strict (the docs example sends one)', () => {
    const result = validators.strict.validateRequest({
      endpoint: 'batch-associate-default',
      body: { inputs: [{ from: { id: '1' }, to: { id: 9001 } }] },
    });
    expect(result.findings).toEqual([
      expect.objectContaining({ check: 'type', instancePath: '/inputs/0/to/id', severity: 'error' }),
    ]);
  });

  it('PUT default takes no body', () => {
    expect(validators.strict.validateRequest({ endpoint: 'associate-default', body: { inputs: [] } }).ok).toBe(false);
    expect(validators.strict.validateRequest({ endpoint: 'associate-default', body: undefined }).ok).toBe(true);
  });
});
