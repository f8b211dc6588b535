import { describe, expect, it, vi } from 'vitest';
import { CatalogueError, DEFAULT_API_VERSION } from '../catalogue/index.js';
import { createValidator, type ValidationResult } from './index.js';
import { SchemaRegistry } from './registry.js';

/**
 * The validator's own logic, with hand-built bodies: which definition a status is checked against,
 * what a finding is tagged with, when the body rules run, the request checks, the text reader in
 * front, the published seed. The findings' classification is schema-findings.spec.ts; that the fast
 * path changes nothing is fast-path-equivalence.spec.ts.
 */

const strict = createValidator();
const lenient = createValidator({ profile: 'lenient' });

const STAMPS = { startedAt: '2026-11-20T09:15:02.204Z', completedAt: '2026-11-20T09:15:03Z' };
const READ_RESULT = {
  from: { id: '18450917321' },
  to: [{ toObjectId: '901', associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] }],
};
const CONFIGURATION = { category: 'USER_DEFINED', typeId: 46, userEnforcedMaxToObjectIds: 5 };
const STANDARD_ERROR = {
  status: 'error',
  category: 'OBJECT_NOT_FOUND',
  message: 'No contact with ID 999 exists',
  context: { ids: ['999'] },
  errors: [{ message: 'Object not found' }],
  links: {},
};
/** A batch read 200 body. */
const readBody = (extra: Record<string, unknown> = {}) => ({
  status: 'COMPLETE',
  results: [READ_RESULT],
  ...STAMPS,
  ...extra,
});
/** A non-2xx `Error` body. */
const errorBody = (extra: Record<string, unknown> = {}) => ({
  category: 'VALIDATION_ERROR',
  correlationId: '3f7c2a34-6a8f-4f7a-9c55-1e0f9f6e2b11',
  message: 'Invalid input',
  ...extra,
});

const checksOf = (result: ValidationResult): string[] => result.findings.map((finding) => finding.check);

describe('validateResponse', () => {
  it('answers a clean body with no findings, ok', () => {
    expect(strict.validateResponse({ endpoint: 'batch-read', status: 200, body: readBody() })).toEqual({
      ok: true,
      findings: [],
    });
  });

  it('tags every finding with the endpoint and the version checked (the default version when none is given)', () => {
    const result = strict.validateResponse({ endpoint: 'batch-read', status: 200, body: readBody({ status: 'X' }) });
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([
      expect.objectContaining({
        check: 'status-enum',
        severity: 'error',
        instancePath: '/status',
        endpoint: 'batch-read',
        apiVersion: DEFAULT_API_VERSION,
      }),
    ]);
    const v4 = strict.validateResponse({ endpoint: 'batch-read', apiVersion: 'v4', status: 200, body: {} });
    expect(v4.findings.every((finding) => finding.endpoint === 'batch-read' && finding.apiVersion === 'v4')).toBe(true);
  });

  it('is ok with warnings only: ok means no finding is an error', () => {
    const result = strict.validateResponse({ endpoint: 'batch-read', status: 200, body: readBody({ extra: 1 }) });
    expect(result.ok).toBe(true);
    expect(result.findings).toEqual([
      expect.objectContaining({ check: 'unknown-field', severity: 'warning', instancePath: '/extra' }),
    ]);
  });

  it('checks against the first declared success code when no status is given', () => {
    // configurations-batch-create v4 declares 201 and 207: its 201 body, no status finding.
    const body = { status: 'COMPLETE', results: [CONFIGURATION], ...STAMPS };
    const input = { endpoint: 'configurations-batch-create', apiVersion: 'v4', body };
    expect(strict.validateResponse(input)).toEqual({ ok: true, findings: [] });
    expect(checksOf(strict.validateResponse({ ...input, status: 200 }))).toEqual(['status-code']);
  });

  it('an undeclared 2xx: a status-code warning, and the body checked against the declared success body', () => {
    const result = strict.validateResponse({ endpoint: 'batch-read', apiVersion: 'v4', status: 202, body: readBody() });
    expect(result).toEqual({
      ok: true,
      findings: [
        {
          check: 'status-code',
          severity: 'warning',
          instancePath: '',
          message: 'v4 batch-read declares 200/207, not 202; checked against the 200 body',
          expected: 200,
          actual: 202,
          endpoint: 'batch-read',
          apiVersion: 'v4',
        },
      ],
    });
    const invalid = strict.validateResponse({ endpoint: 'batch-read', status: 202, body: readBody({ results: 1 }) });
    expect(checksOf(invalid)).toEqual(['status-code', 'type']);
    expect(invalid.ok).toBe(false);
  });

  it('a 204 where a body is declared: the status-code warning alone, the body not checked', () => {
    const result = strict.validateResponse({ endpoint: 'batch-read', status: 204, body: { anything: true } });
    expect(result.findings).toEqual([
      expect.objectContaining({ check: 'status-code', severity: 'warning', actual: 204, expected: undefined }),
    ]);
  });

  it('an error status is checked against the Error body, a 429 against the rate-limit body', () => {
    expect(strict.validateResponse({ endpoint: 'batch-read', status: 400, body: errorBody() })).toEqual({
      ok: true,
      findings: [],
    });
    const missing = strict.validateResponse({ endpoint: 'batch-read', status: 500, body: {} });
    expect(new Set(checksOf(missing))).toEqual(new Set(['error-shape']));
    const rateLimited = strict.validateResponse({ endpoint: 'batch-read', status: 429, body: errorBody() });
    expect(rateLimited.findings.map((finding) => finding.instancePath)).toEqual(
      expect.arrayContaining(['/policyName', '/requestId', '/errorType']),
    );
  });

  it('runs the body rules on a declared status only, and with that status', () => {
    const partial = { status: 'COMPLETE', results: [READ_RESULT], ...STAMPS, numErrors: 2, errors: [STANDARD_ERROR] };
    const at207 = strict.validateResponse({ endpoint: 'batch-read', apiVersion: 'v4', status: 207, body: partial });
    expect(checksOf(at207)).toEqual(['num-errors-matches-errors']);
    const none = { ...partial, numErrors: 0, errors: [] };
    expect(
      checksOf(strict.validateResponse({ endpoint: 'batch-read', apiVersion: 'v4', status: 207, body: none })),
    ).toEqual(['multi-status-has-errors']);
    // An error body is no batch: its `numErrors` is an undeclared field, never compared with `errors`.
    const error = errorBody({ numErrors: 3, errors: [] });
    expect(checksOf(strict.validateResponse({ endpoint: 'batch-read', status: 400, body: error }))).toEqual([
      'unknown-field',
    ]);
  });

  it('orders findings: the status, then the schema, then the rules', () => {
    const body = { status: 'COMPLETE', results: [READ_RESULT], ...STAMPS, numErrors: 1, errors: [], extra: 1 };
    // batch-associate-default declares 200 only: a 207 is read as its 200 body, whose rules still run.
    const result = strict.validateResponse({ endpoint: 'batch-associate-default', status: 207, body });
    expect(checksOf(result)).toEqual([
      'status-code',
      'unknown-field',
      'required',
      'type',
      'num-errors-matches-errors',
      'multi-status-has-errors',
    ]);
  });

  it('runs no rule on a body that is not an object', () => {
    for (const body of [null, [], 'COMPLETE', 7]) {
      const result = strict.validateResponse({ endpoint: 'batch-read', apiVersion: 'v4', status: 207, body });
      expect(checksOf(result), JSON.stringify(body)).toEqual(['type']);
    }
  });

  it('throws for an unknown endpoint, version or status, every time it is asked', () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(() => strict.validateResponse({ endpoint: 'batch-write', body: {} })).toThrow(CatalogueError);
      expect(() => strict.validateResponse({ endpoint: 'batch-read', apiVersion: 'v5', body: {} })).toThrow(
        CatalogueError,
      );
      expect(() => strict.validateResponse({ endpoint: 'batch-read', status: 99, body: {} })).toThrow(CatalogueError);
    }
  });

  it('keeps one answer per endpoint, version and status apart from the others', () => {
    const body = readBody();
    const input = { endpoint: 'batch-read', status: 200, body } as const;
    expect(strict.validateResponse(input).findings).toEqual([]);
    expect(checksOf(strict.validateResponse({ ...input, status: 201 }))).toEqual(['status-code']);
    expect(checksOf(strict.validateResponse({ ...input, apiVersion: 'v4', status: 201 }))).toEqual(['status-code']);
    expect(checksOf(strict.validateResponse({ ...input, endpoint: 'associate-default' }))).not.toEqual([]);
    expect(strict.validateResponse(input).findings).toEqual([]);
    expect(strict.validateResponse({ ...input, apiVersion: 'v4' }).findings).toEqual([]);
  });
});

describe('createValidator options', () => {
  it('is strict, with unknown fields as warnings, by default', () => {
    // Built here, not at the top of the file: what runs while the file is collected is in no test's coverage.
    const byDefault = createValidator();
    expect(byDefault.profile).toBe('strict');
    expect(byDefault.unknownFields).toBe('warn');
    expect(createValidator({ profile: 'lenient', unknownFields: 'error' })).toMatchObject({
      profile: 'lenient',
      unknownFields: 'error',
    });
  });

  it('grades by its profile and unknown-field policy', () => {
    const body = readBody({ results: [{ ...READ_RESULT, to: [{ ...READ_RESULT.to[0], toObjectId: 901 }] }] });
    const input = { endpoint: 'batch-read', status: 200, body };
    expect(strict.validateResponse(input).findings).toEqual([
      expect.objectContaining({ check: 'type', severity: 'error' }),
    ]);
    expect(lenient.validateResponse(input).findings).toEqual([
      expect.objectContaining({ check: 'type', severity: 'warning' }),
    ]);
    const unknownAsError = createValidator({ unknownFields: 'error' });
    expect(unknownAsError.validateResponse({ ...input, body: readBody({ extra: 1 }) })).toMatchObject({
      ok: false,
      findings: [{ check: 'unknown-field', severity: 'error' }],
    });
  });

  it('builds a fast validator per definition only when the fast path is on, and never for a document root', () => {
    const fastValidator = vi.spyOn(SchemaRegistry.prototype, 'fastValidator');
    try {
      createValidator({ fastPath: false }).validateResponse({ endpoint: 'batch-read', status: 200, body: readBody() });
      createValidator().validatePublished({ apiVersion: 'v4', body: readBody() });
      expect(fastValidator).not.toHaveBeenCalled();
      const validator = createValidator();
      validator.validateResponse({ endpoint: 'batch-read', apiVersion: 'v4', status: 200, body: readBody() });
      validator.validateResponse({ endpoint: 'batch-read', apiVersion: 'v4', status: 200, body: readBody() });
      // Another status checked against the same definition (an undeclared 2xx) reuses the one built.
      validator.validateResponse({ endpoint: 'batch-read', apiVersion: 'v4', status: 202, body: readBody() });
      expect(fastValidator.mock.calls).toEqual([['v4', 'BatchResponsePublicAssociationMultiWithLabel']]);
    } finally {
      fastValidator.mockRestore();
    }
  });

  it('checks a 204 body against nothing: no validator is asked for', () => {
    const validatorOf = vi.spyOn(SchemaRegistry.prototype, 'validator');
    try {
      const result = createValidator().validateResponse({ endpoint: 'batch-read', status: 204, body: 5 });
      expect(checksOf(result)).toEqual(['status-code']);
      expect(validatorOf).not.toHaveBeenCalled();
    } finally {
      validatorOf.mockRestore();
    }
  });

  it('checks every body through the reporting validator alone when the fast path is off', () => {
    const full = createValidator({ fastPath: false });
    expect(full.validateResponse({ endpoint: 'batch-read', status: 200, body: readBody() })).toEqual({
      ok: true,
      findings: [],
    });
    expect(
      checksOf(full.validateResponse({ endpoint: 'batch-read', status: 200, body: readBody({ status: 1 }) })),
    ).toEqual(['type', 'status-enum']);
  });
});

describe('validateResponseText', () => {
  it('reads the text, then checks the value', () => {
    const text = JSON.stringify(readBody());
    expect(strict.validateResponseText({ endpoint: 'batch-read', status: 200, body: text })).toEqual({
      ok: true,
      findings: [],
    });
    const bytes = new TextEncoder().encode(JSON.stringify(readBody({ status: 'X' })));
    expect(checksOf(strict.validateResponseText({ endpoint: 'batch-read', status: 200, body: bytes }))).toEqual([
      'status-enum',
    ]);
  });

  it('an unreadable body: the reader findings alone, tagged with the endpoint and version', () => {
    const result = strict.validateResponseText({ endpoint: 'batch-read', apiVersion: 'v4', body: '{"status":' });
    expect(result).toMatchObject({
      ok: false,
      findings: [{ check: 'body-not-json', severity: 'error', endpoint: 'batch-read', apiVersion: 'v4' }],
    });
    expect(result.findings).toHaveLength(1);
    expect(
      strict.validateResponseText({ endpoint: 'batch-read', body: '' }).findings.map((finding) => finding.apiVersion),
    ).toEqual([DEFAULT_API_VERSION]);
  });

  it('what the reader says of a readable body comes first, graded by the profile', () => {
    const text = '{"status":"X","status":"COMPLETE","results":[],"startedAt":"2026-11-20T09:15:02Z","completedAt":1}';
    const read = strict.validateResponseText({ endpoint: 'batch-read', status: 200, body: `\uFEFF${text}` });
    expect(read.findings.map((finding) => `${finding.check} ${finding.severity}`)).toEqual([
      'body-encoding warning',
      'duplicate-key error',
      'type error',
    ]);
    expect(read.findings.every((finding) => finding.endpoint === 'batch-read')).toBe(true);
    const tolerant = lenient.validateResponseText({ endpoint: 'batch-read', status: 200, body: text });
    expect(tolerant.findings.map((finding) => `${finding.check} ${finding.severity}`)).toEqual([
      'duplicate-key warning',
      'type error',
    ]);
  });

  it('reads within the limits it was given', () => {
    const small = createValidator({ limits: { maxBytes: 16, maxDepth: 64 } });
    expect(checksOf(small.validateResponseText({ endpoint: 'batch-read', body: JSON.stringify(readBody()) }))).toEqual([
      'body-size',
    ]);
    const shallow = createValidator({ limits: { maxBytes: 1 << 20, maxDepth: 2 } });
    expect(
      checksOf(shallow.validateResponseText({ endpoint: 'batch-read', body: JSON.stringify(readBody()) })),
    ).toEqual(['body-depth']);
  });

  it('throws for an unknown endpoint before reading', () => {
    expect(() => strict.validateResponseText({ endpoint: 'nope', body: '' })).toThrow(CatalogueError);
  });
});

describe('validateRequest', () => {
  const inputs = (count: number) => Array.from({ length: count }, (_, index) => ({ id: String(1000 + index) }));

  it('checks a request body against its definition', () => {
    const clean = strict.validateRequest({ endpoint: 'batch-read', body: { inputs: inputs(2) } });
    expect(clean).toEqual({ ok: true, findings: [] });
    // The one shared clean result, frozen: no caller can change what the next clean body gets.
    expect(Object.isFrozen(clean) && Object.isFrozen(clean.findings)).toBe(true);
    const result = strict.validateRequest({ endpoint: 'batch-read', apiVersion: 'v4', body: { inputs: [{}] } });
    expect(result).toEqual({
      ok: false,
      findings: [expect.objectContaining({ check: 'required', instancePath: '/inputs/0/id', apiVersion: 'v4' })],
    });
  });

  it('says when a batch read carries more inputs than the endpoint accepts, at /inputs', () => {
    expect(strict.validateRequest({ endpoint: 'batch-read', body: { inputs: inputs(1000) } }).findings).toEqual([]);
    expect(strict.validateRequest({ endpoint: 'batch-read', body: { inputs: inputs(1001) } })).toEqual({
      ok: false,
      findings: [
        {
          check: 'input-limit',
          severity: 'error',
          instancePath: '/inputs',
          message: '1001 inputs; batch-read accepts at most 1000',
          expected: '<= 1000',
          actual: 1001,
          endpoint: 'batch-read',
          apiVersion: DEFAULT_API_VERSION,
        },
      ],
    });
  });

  it('counts inputs only where the endpoint has a limit and `inputs` is a list', () => {
    const many = Array.from({ length: 1001 }, () => ({ from: { id: '1' }, to: { id: '2' } }));
    expect(strict.validateRequest({ endpoint: 'batch-associate-default', body: { inputs: many } }).findings).toEqual(
      [],
    );
    const notAList = strict.validateRequest({ endpoint: 'batch-read', body: { inputs: 'x'.repeat(1001) } });
    expect(checksOf(notAList)).toEqual(['type']);
  });

  it('an operation without a request body: nothing to say of none, a request-body error for any body', () => {
    for (const body of [undefined, null, '']) {
      expect(strict.validateRequest({ endpoint: 'associate-default', body })).toEqual({ ok: true, findings: [] });
    }
    for (const body of [{}, 0, false, 'x']) {
      expect(strict.validateRequest({ endpoint: 'associate-default', apiVersion: 'v4', body })).toEqual({
        ok: false,
        findings: [
          {
            check: 'request-body',
            severity: 'error',
            instancePath: '',
            message: 'PUT associate-default takes no request body',
            endpoint: 'associate-default',
            apiVersion: 'v4',
          },
        ],
      });
    }
  });
});

describe('validatePublished', () => {
  it('checks against the published seed, repaired, under its own name', () => {
    const result = strict.validatePublished({ apiVersion: 'v4', body: readBody() });
    expect(result.repairs.length).toBeGreaterThan(0);
    expect(result.ok).toBe(true);
    const wrong = strict.validatePublished({ body: readBody({ status: 7 }) });
    const tagged = { instancePath: '/status', endpoint: 'published:BatchAssociationResponse' } as const;
    expect(wrong.findings).toEqual([
      expect.objectContaining({ check: 'type', ...tagged, apiVersion: DEFAULT_API_VERSION }),
      expect.objectContaining({ check: 'status-enum', ...tagged, apiVersion: DEFAULT_API_VERSION }),
    ]);
  });

  it('runs the body rules, with no status (so no 207 rule)', () => {
    const body = readBody({ numErrors: 2, errors: [] });
    const checks = checksOf(strict.validatePublished({ body }));
    expect(checks).toContain('num-errors-matches-errors');
    expect(checks).not.toContain('multi-status-has-errors');
    const reversed = readBody({ startedAt: '2026-11-20T10:00:00Z', completedAt: '2026-11-20T09:00:00Z' });
    expect(checksOf(strict.validatePublished({ apiVersion: 'v4', body: reversed }))).toContain('timestamps-ordered');
  });
});
