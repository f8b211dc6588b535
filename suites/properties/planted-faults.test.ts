import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operation, type Operation } from '../../src/catalogue/index.js';
import type { Finding } from '../../src/registry/finding.js';
import type { Validator } from '../../src/validate/index.js';
import { arbitraries } from '../../properties/arbitraries/index.js';
import {
  assertConforms,
  assertJsonRoundTrip,
  assertSameSeedSameValues,
  assertShrinksConform,
  type ArbitrarySubject,
} from '../../properties/assertions.js';
import { mutationCatalogue, mutationsFor } from '../../properties/mutations/index.js';
import type { Mutation, MutationCheck, MutationTarget } from '../../properties/mutations/mutation.js';
import { PropertyFailure } from '../../properties/run.js';
import { siteProblems } from '../../properties/schema/site-validator.js';
import { holds, SETTINGS, UNKNOWN_FIELDS_AS_ERRORS, VALIDATORS } from './harness.js';
import {
  acceptsValidBodies,
  catchesMutations,
  catchesRequestMutations,
  completeExamples,
  gradesLenientVariants,
  requestsPass,
  responseCases,
  roundTripsThroughJson,
} from './laws.js';

/**
 * Every law fails on a planted fault (and the failure carries seed, path and a replay command), and
 * holds on the clean validator: a law that cannot fail proves nothing (STYLE.md, Schemathesis's
 * planted bugs). Each fault is small and named for the bug it stands for.
 */

const FILE = 'suites/properties/planted-faults.test.ts';
const READ = operation('batch-read', '2026-03');

/** Runs a law expecting it to fail; returns the failure after checking it says how to replay. */
function expectCaught(name: string, run: () => unknown): PropertyFailure {
  let failure: unknown;
  try {
    run();
  } catch (error) {
    failure = error;
  }
  expect(failure, `${name}: the law did not fail on the planted fault`).toBeInstanceOf(PropertyFailure);
  const caught = failure as PropertyFailure;
  expect(caught.message).toContain(`seed: ${SETTINGS.seed}`);
  expect(caught.message).toMatch(/path: \d+(:\d+)*/);
  expect(caught.message).toContain(
    `Reproduce with: HSAC_SEED=${SETTINGS.seed} HSAC_RUNS=${SETTINGS.runs} npx vitest run ${FILE} -t '`,
  );
  expect(caught.replay).toContain(`HSAC_SEED=${SETTINGS.seed}:${caught.path ?? ''}`);
  return caught;
}

/** A validator whose findings pass through `edit` (a planted bug in reporting). */
function plantedValidator(
  base: Validator,
  edit: (findings: readonly Finding[], body: unknown) => readonly Finding[],
): Validator {
  const wrap = (result: ReturnType<Validator['validateResponse']>, body: unknown) => {
    const findings = edit(result.findings, body);
    return { findings, ok: !findings.some((f) => f.severity === 'error') };
  };
  return {
    ...base,
    validateResponse: (input) => wrap(base.validateResponse(input), input.body),
    validateRequest: (input) => wrap(base.validateRequest(input), input.body),
    validateResponseText: (input) => wrap(base.validateResponseText(input), input.body),
  };
}

function stampsOf(body: unknown): { startedAt?: unknown; completedAt?: unknown } {
  return typeof body === 'object' && body !== null ? body : {};
}

describe('valid bodies: the law fails when the validator rejects valid bodies', () => {
  it('planted: timestamps compared as text (an offset makes an earlier stamp read later)', () => {
    const textualOrder = plantedValidator(VALIDATORS.strict, (findings, body) => {
      const { startedAt, completedAt } = stampsOf(body);
      const reversed = typeof startedAt === 'string' && typeof completedAt === 'string' && completedAt < startedAt;
      return reversed
        ? [
            ...findings,
            { check: 'timestamps-ordered', severity: 'error', instancePath: '/completedAt', message: 'text order' },
          ]
        : findings;
    });
    const name = 'planted textual timestamp order';
    expectCaught(name, () =>
      holds(FILE, name, acceptsValidBodies(textualOrder, READ), { runs: Math.max(SETTINGS.runs, 200) }),
    );
    holds(FILE, `${name} (clean)`, acceptsValidBodies(VALIDATORS.strict, READ));
  });
});

/** The validator with one check's findings dropped: the check is disabled. */
function withoutCheck(check: MutationCheck): Validator {
  return plantedValidator(VALIDATORS.strict, (findings) => findings.filter((f) => f.check !== check));
}

/** An operation and target where some mutation declaring `check` applies. */
function whereCheckApplies(check: MutationCheck, all: readonly Mutation[]): { op: Operation; target: MutationTarget } {
  const candidates: { op: Operation; target: MutationTarget }[] = [
    { op: READ, target: 207 },
    { op: READ, target: 'request' },
    { op: READ, target: 429 },
    { op: operation('batch-associate-default', '2026-03'), target: 200 },
  ];
  const found = candidates.find(({ op, target }) =>
    all.some((m) => m.check === check && m.appliesTo(op.endpoint, op.apiVersion, target)),
  );
  if (!found) throw new Error(`no candidate target for ${check}`);
  return found;
}

describe('mutations: the law fails when a check is disabled, a declared path is wrong, a severity is wrong, or apply is impure', () => {
  const checks = [...new Set(mutationCatalogue().map((m) => m.check))];
  for (const check of checks) {
    it(`planted: check "${check}" disabled`, () => {
      const { op, target } = whereCheckApplies(check, mutationCatalogue());
      const only = (t: MutationTarget) => mutationsFor(op.endpoint, op.apiVersion, t).filter((m) => m.check === check);
      const name = `planted ${check} disabled`;
      const examples = {
        examples: completeExamples(op, SETTINGS.seed)
          .filter((e) => e.status === target)
          .map((e): [typeof e, number] => [e, 0]),
      };
      const law = (judge: Validator) =>
        target === 'request'
          ? catchesRequestMutations(judge, op, { mutationsOf: only })
          : catchesMutations(
              judge,
              op,
              responseCases(op, true).filter((c) => c.status === target),
              { mutationsOf: only },
            );
      expectCaught(name, () =>
        holds(FILE, name, law(withoutCheck(check)) as fc.IRawProperty<unknown>, target === 'request' ? {} : examples),
      );
      holds(FILE, `${name} (clean)`, law(VALIDATORS.strict) as fc.IRawProperty<unknown>, { runs: 3 });
    });
  }

  const bodies = responseCases(READ, true).filter((c) => c.status === 207);
  const planted = (name: string, change: (m: Mutation) => Mutation) => {
    it(`planted: ${name}`, () => {
      const mutationsOf = (t: MutationTarget) => mutationsFor(READ.endpoint, READ.apiVersion, t).map(change);
      expectCaught(name, () => holds(FILE, name, catchesMutations(VALIDATORS.lenient, READ, bodies, { mutationsOf })));
    });
  };
  planted('every declared path points at the parent', (m) => ({
    ...m,
    instancePath: (body, at) => m.instancePath(body, at).replace(/\/[^/]*$/, ''),
  }));
  planted('lenient severities declared as errors', (m) => ({
    ...m,
    severityByProfile: { strict: 'error', lenient: 'error' },
  }));
  planted('apply edits the body in place', (m) => ({
    ...m,
    apply: (body, at) => {
      const mutated = m.apply(body, at) as Record<string, unknown>;
      Object.assign(body as Record<string, unknown>, { status: mutated.status });
      return mutated;
    },
  }));
  planted('a mutation that changes nothing', (m) =>
    m.id === 'completed-before-started' ? { ...m, apply: (body) => structuredClone(body) } : m,
  );
});

describe('undeclared fields: the law fails when objects are closed by default, or stay open when unknown fields are errors', () => {
  const undeclared = (t: MutationTarget) =>
    mutationsFor(READ.endpoint, READ.apiVersion, t).filter((m) => m.family === 'unknown-field');
  const bodies = responseCases(READ, true).filter((c) => c.status === 207);
  const examples = {
    examples: completeExamples(READ, SETTINGS.seed)
      .filter((e) => e.status === 207)
      .map((e): [typeof e, number] => [e, 0]),
  };
  it('planted: strict closing objects again (unknown fields errors by default)', () => {
    const name = 'planted strict closes objects';
    const closing: Validator = { ...UNKNOWN_FIELDS_AS_ERRORS.strict, unknownFields: 'warn' };
    expectCaught(name, () =>
      holds(FILE, name, catchesMutations(closing, READ, bodies, { mutationsOf: undeclared }), examples),
    );
    expectCaught(`${name} (variants)`, () =>
      holds(FILE, `${name} (variants)`, gradesLenientVariants(closing, READ, 200), {
        runs: Math.max(SETTINGS.runs, 50),
      }),
    );
    holds(
      FILE,
      `${name} (clean)`,
      catchesMutations(VALIDATORS.strict, READ, bodies, { mutationsOf: undeclared }),
      examples,
    );
  });
  it('planted: unknown fields set to error but still graded as warnings', () => {
    const name = 'planted unknown-fields setting ignored';
    const ignoring: Validator = { ...VALIDATORS.lenient, unknownFields: 'error' };
    expectCaught(name, () =>
      holds(FILE, name, catchesMutations(ignoring, READ, bodies, { mutationsOf: undeclared }), examples),
    );
    holds(
      FILE,
      `${name} (clean)`,
      catchesMutations(UNKNOWN_FIELDS_AS_ERRORS.lenient, READ, bodies, { mutationsOf: undeclared }),
      examples,
    );
  });
});

describe('lenient-only variants: the law fails when lenient grades like strict, or strict like lenient', () => {
  it('planted: lenient profile behaving as strict', () => {
    const name = 'planted lenient as strict';
    expectCaught(name, () =>
      holds(FILE, name, gradesLenientVariants({ ...VALIDATORS.strict, profile: 'lenient' }, READ, 200)),
    );
    holds(FILE, `${name} (clean)`, gradesLenientVariants(VALIDATORS.lenient, READ, 200));
  });
  it('planted: strict profile behaving as lenient', () => {
    const name = 'planted strict as lenient';
    expectCaught(name, () =>
      holds(FILE, name, gradesLenientVariants({ ...VALIDATORS.lenient, profile: 'strict' }, READ, 200)),
    );
    holds(FILE, `${name} (clean)`, gradesLenientVariants(VALIDATORS.strict, READ, 200));
  });
});

describe('requests: the law fails when the validator rejects valid requests', () => {
  it('planted: an input limit of 1 instead of 1000', () => {
    const limitOfOne = plantedValidator(VALIDATORS.strict, (findings, body) => {
      const inputs = (body as { inputs?: unknown[] }).inputs ?? [];
      return inputs.length > 1
        ? [...findings, { check: 'input-limit', severity: 'error', instancePath: '/inputs', message: 'over 1' }]
        : findings;
    });
    const name = 'planted input limit of one';
    expectCaught(name, () => holds(FILE, name, requestsPass(limitOfOne, READ)));
    holds(FILE, `${name} (clean)`, requestsPass(VALIDATORS.strict, READ));
  });
});

describe('JSON round trip: the law fails when checking text and checking the value disagree', () => {
  it('planted: a reader that turns digit-string IDs into numbers', () => {
    const numericReader: Validator = {
      ...VALIDATORS.lenient,
      validateResponseText: (input) => {
        const text = typeof input.body === 'string' ? input.body : new TextDecoder().decode(input.body);
        const body: unknown = JSON.parse(text, (key, value: unknown) =>
          key === 'toObjectId' && typeof value === 'string' ? Number(value) : value,
        );
        return VALIDATORS.lenient.validateResponse({ ...input, body });
      },
    };
    const name = 'planted numeric-ID reader';
    expectCaught(name, () =>
      holds(FILE, name, roundTripsThroughJson(numericReader, READ), { runs: Math.max(SETTINGS.runs, 100) }),
    );
    holds(FILE, `${name} (clean)`, roundTripsThroughJson(VALIDATORS.lenient, READ));
  });
});

describe('shared arbitrary assertions: each fails on an arbitrary with the matching defect', () => {
  const toObjectIds = (body: unknown) =>
    siteProblems('2026-03', 'BatchResponsePublicAssociationMultiWithLabel', undefined, body);
  const base = arbitraries.batchReadResponse({ apiVersion: '2026-03', minResults: 1, complete: true });

  it('planted: numeric toObjectId (disagrees with the schema)', () => {
    const numeric: ArbitrarySubject = {
      name: 'numeric toObjectId',
      arbitrary: base.map(
        (body) => JSON.parse(JSON.stringify(body).replace(/"toObjectId":"(\d+)"/, '"toObjectId":$1')) as unknown,
      ),
      problems: toObjectIds,
    };
    const failure = expectCaught('schema agreement', () =>
      assertConforms(numeric, { settings: SETTINGS, file: FILE, testName: 'planted numeric toObjectId' }),
    );
    expect(failure.message).toContain('toObjectId');
    assertConforms({ name: 'clean', arbitrary: base, problems: toObjectIds }, { settings: SETTINGS, file: FILE });
  });

  it('planted: hidden Math.random (same seed, different values)', () => {
    const unseeded: ArbitrarySubject = {
      name: 'unseeded',
      arbitrary: base.map((body) => ({
        ...body,
        requestedAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(Math.random() * 1e6)).toISOString(),
      })),
      problems: () => [],
    };
    expect(() => assertSameSeedSameValues(unseeded, { settings: SETTINGS })).toThrow(/different values/);
    assertSameSeedSameValues({ name: 'clean', arbitrary: base, problems: () => [] }, { settings: SETTINGS });
  });

  it('planted: an undefined field (not JSON-stable)', () => {
    const undefinedField: ArbitrarySubject = {
      name: 'undefined field',
      arbitrary: base.map((body) => ({ ...body, links: undefined })),
      problems: () => [],
    };
    expectCaught('JSON round trip', () =>
      assertJsonRoundTrip(undefinedField, { settings: SETTINGS, file: FILE, testName: 'planted undefined field' }),
    );
    assertJsonRoundTrip({ name: 'clean', arbitrary: base, problems: () => [] }, { settings: SETTINGS, file: FILE });
  });

  it('planted: a shrinker that leaves the schema', () => {
    /** Generates valid record IDs but shrinks to "-1": a counterexample would then be an invalid body. */
    class LeakyShrink extends fc.Arbitrary<string> {
      private readonly inner = arbitraries.recordId();
      generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<string> {
        return this.inner.generate(mrng, biasFactor);
      }
      canShrinkWithoutContext(value: unknown): value is string {
        return typeof value === 'string';
      }
      shrink(): fc.Stream<fc.Value<string>> {
        return fc.Stream.of(new fc.Value('-1', undefined));
      }
    }
    const idProblems = (value: unknown) =>
      typeof value === 'string' && /^[1-9]\d*$/.test(value) ? [] : [`${String(value)} is not a record ID`];
    expect(() =>
      assertShrinksConform(
        { name: 'leaky', arbitrary: new LeakyShrink(), problems: idProblems },
        { settings: SETTINGS },
      ),
    ).toThrow(/shrink step/);
    expect(
      assertShrinksConform(
        { name: 'clean', arbitrary: arbitraries.recordId(), problems: idProblems },
        { settings: SETTINGS },
      ),
    ).toBeGreaterThan(SETTINGS.runs);
  });
});
