import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { allOperations, ENDPOINT_IDS, type Operation } from '../catalogue/index.js';
import { EXCHANGE_CHECKS, SEQUENCE_CHECKS } from '../checks/index.js';
import { GATE_CHECK_MODULES } from '../gate/index.js';
import { RUNNER_CHECKS } from '../runner/runner-checks.js';
import { createValidator, readBody } from '../validate/index.js';
import { BODY_RULES } from '../validate/rules/index.js';
import type { JsonSchemaNode } from '../validate/registry.js';
import { classify, type Located } from '../validate/schema-findings.js';
import {
  CHECKS,
  checkDeclaration,
  checkIdsOf,
  indexChecks,
  isCheckId,
  withDeclaredSeverity,
  type CheckDeclaration,
} from './index.js';

/**
 * The check registry proves itself: one declaration per id, each complete, and every declaration
 * of a kind with implementations bound to exactly one (and every implementation to one
 * declaration). Which sandbox faults trigger a check is proven against provider/faults by
 * suites/_meta/fault-coverage.test.ts (src/ may not import provider/).
 */
const declarations: readonly CheckDeclaration[] = CHECKS;

describe('the check registry', () => {
  it('has one declaration per id, and throws at load on a duplicate', () => {
    expect(new Set(CHECKS.map((check) => check.id)).size).toBe(CHECKS.length);
    const [first] = declarations;
    expect(() => indexChecks([first!, first!])).toThrow(`duplicate check id "${first!.id}"`);
    expect(isCheckId('required')).toBe(true);
    expect(isCheckId('requird')).toBe(false);
    expect(() => checkDeclaration('requird' as never)).toThrow('unknown check id "requird"');
  });

  it.each(declarations.map((check) => [check.id, check] as const))(
    '%s: one line, a scope of its kind, known endpoints, faults or why none',
    (_id, check) => {
      expect(check.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(check.description).not.toMatch(/\n/);
      expect(check.description.length).toBeGreaterThan(10);
      for (const endpoint of check.endpoints ?? []) expect(ENDPOINT_IDS).toContain(endpoint);
      if (check.faults.length === 0) expect(check.noFaultWhy?.length ?? 0).toBeGreaterThan(10);
      else expect(check.noFaultWhy).toBeUndefined();
      const exercisable = check.kind === 'exchange' || check.kind === 'sequence';
      const says = check.notExercisedWhy !== undefined;
      expect(says, 'only exchange and sequence checks say why they may go unexercised').toBe(exercisable);
      if (exercisable) expect(check.scope).toBe(check.kind);
    },
  );
});

describe('every declaration is bound to exactly one implementation, and the reverse', () => {
  it('exchange checks: EXCHANGE_CHECKS, in the registry order, each carrying its declaration', () => {
    expect(EXCHANGE_CHECKS.map((check) => check.id)).toEqual(checkIdsOf('exchange'));
    for (const check of EXCHANGE_CHECKS) expect(check).toMatchObject(checkDeclaration(check.id));
  });

  it('sequence checks: SEQUENCE_CHECKS, in the registry order, each carrying its declaration', () => {
    expect(SEQUENCE_CHECKS.map((check) => check.id)).toEqual(checkIdsOf('sequence'));
    for (const check of SEQUENCE_CHECKS) expect(check).toMatchObject(checkDeclaration(check.id));
  });

  it('body rules: BODY_RULES, in the registry order, each carrying its declaration', () => {
    expect(BODY_RULES.map((rule) => rule.id)).toEqual(checkIdsOf('body-rule'));
    for (const rule of BODY_RULES) expect(rule).toMatchObject(checkDeclaration(rule.id));
  });

  it('runner checks: RUNNER_CHECKS, keyed by the runner ids in the registry order, each carrying its declaration', () => {
    expect(Object.keys(RUNNER_CHECKS)).toEqual(checkIdsOf('runner'));
    for (const check of Object.values(RUNNER_CHECKS)) expect(check).toMatchObject(checkDeclaration(check.id));
  });

  it('gate checks: GATE_CHECK_MODULES, one module per check, in the registry order', () => {
    expect(GATE_CHECK_MODULES.map((check) => check.id)).toEqual(checkIdsOf('gate'));
    for (const check of GATE_CHECK_MODULES) {
      // Hooks are methods: compared where they stand, never read off the check unbound.
      const hooked = [
        check.located !== undefined,
        check.request !== undefined,
        check.decoded !== undefined,
        check.exposed !== undefined,
        check.finished !== undefined,
      ];
      expect(hooked.filter((isHooked) => isHooked).length, `${check.id} judges some stage`).toBeGreaterThan(0);
    }
  });
});

describe("a check's declared severity is the default of its findings", () => {
  const bare = { instancePath: '', message: 'something' } as const;

  it.each(CHECKS.map((check) => [check.id, check.severity] as const))(
    '%s: a finding stating no severity is %s',
    (id, severity) => {
      expect(withDeclaredSeverity({ check: id, ...bare })).toEqual({ check: id, severity, ...bare });
    },
  );

  it('a finding that states its severity keeps it, whatever the declaration', () => {
    for (const severity of ['error', 'warning'] as const) {
      expect(withDeclaredSeverity({ check: 'unknown-field', severity, ...bare }).severity).toBe(severity);
      expect(withDeclaredSeverity({ check: 'required', severity, ...bare }).severity).toBe(severity);
    }
  });
});

describe('every declaration of the validator is reachable', () => {
  const INT32 = { minimum: -2147483648, maximum: 2147483647 };
  const at = (instancePath: string, definitions: readonly string[] = [], node?: JsonSchemaNode): Located => {
    const site = { node, parent: undefined, property: undefined, definitions: ['BatchResponse', ...definitions] };
    return { instancePath, site };
  };
  const error = (keyword: string, instancePath = '/x'): ErrorObject => ({
    keyword,
    instancePath,
    schemaPath: '#',
    params: {},
  });

  it('schema checks: classify() names each one for some ajv error, and nothing else', () => {
    const named = [
      classify(error('required', ''), at('/x')),
      classify(error('enum', '/status'), at('/status')),
      classify(error('enum'), at('/x')),
      classify(error('type'), at('/x')),
      classify(error('format'), at('/x')),
      classify(error('maximum'), at('/x', [], INT32)),
      // `range` and `schema` have no site in the four endpoints' bodies (their noFaultWhy): reached here.
      classify(error('maximum'), at('/x', [], { minimum: 0, maximum: 10 })),
      classify(error('additionalProperties', ''), at('/x')),
      classify(error('required', ''), at('/errors/0/context', ['StandardError'])),
      classify(error('pattern'), at('/x')),
    ];
    expect(named).toEqual(checkIdsOf('schema'));
  });

  it('body-reader checks: readBody reports each one for some body', () => {
    const limits = { maxBytes: 64, maxDepth: 3 };
    const findings = ['', '\uFEFF{}', 'x'.repeat(65), '[[[[1]]]]', '{"a":1,"a":2}'].flatMap(
      (text) => readBody(text, limits).findings,
    );
    const reported = findings.map((finding) => finding.check);
    expect([...new Set(reported)].sort()).toEqual(checkIdsOf('body-reader').sort());
    // Under the default (strict) profile each is graded as declared (lenient makes duplicate keys warnings).
    for (const finding of findings) expect(finding.severity).toBe(checkDeclaration(finding.check).severity);
  });

  it('response and request checks: the validator reports each one', () => {
    const validator = createValidator({ profile: 'strict' });
    const status = validator.validateResponse({ endpoint: 'batch-read', apiVersion: 'v4', status: 201, body: {} });
    const put = validator.validateRequest({ endpoint: 'associate-default', apiVersion: 'v4', body: { a: 1 } });
    const inputs = Array.from({ length: 1001 }, (_, index) => ({ id: String(index + 1) }));
    const over = validator.validateRequest({ endpoint: 'batch-read', apiVersion: 'v4', body: { inputs } });
    const findings = [...status.findings, ...put.findings, ...over.findings];
    const reported = findings.map((finding) => finding.check);
    for (const id of checkIdsOf('response', 'request')) expect(reported).toContain(id);
    for (const finding of findings.filter((f) => checkIdsOf('response', 'request').some((id) => id === f.check)))
      expect(finding.severity).toBe(checkDeclaration(finding.check).severity);
  });

  it('request checks apply where the catalogue gives their condition a site', () => {
    const where = (has: (op: Operation) => boolean): string[] => [
      ...new Set(
        allOperations()
          .filter(has)
          .map((op) => op.endpoint),
      ),
    ];
    expect(checkDeclaration('request-body').endpoints).toEqual(where((op) => op.requestDefinition === undefined));
    expect(checkDeclaration('input-limit').endpoints).toEqual(where((op) => op.maxInputs !== undefined));
  });
});
