import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { Operation } from '../../src/catalogue/index.js';
import type { Finding } from '../../src/registry/finding.js';
import type { Validator } from '../../src/validate/index.js';
import { arbitraries } from '../../properties/arbitraries/index.js';
import { exampleOf } from '../../properties/example.js';
import type { ResponseCase } from '../../properties/arbitraries/responses.js';
import { severityUnder, type Mutation, type MutationTarget } from '../../properties/mutations/mutation.js';
import { mutationsFor } from '../../properties/mutations/index.js';

/**
 * The laws hsac's validator must obey, as fast-check properties. Each takes the validator (and the
 * mutations) it judges, so `planted-faults.test.ts` can hand it a broken one and show the law fails.
 */

/**
 * The two calls a law makes, and how the validator grades (profile, unknown fields), so a planted fault can wrap them.
 */
export type Judge = Pick<Validator, 'profile' | 'unknownFields' | 'validateResponse' | 'validateRequest'>;

/** A judge's grading, as a name says it: `strict`, `lenient, unknown fields as errors`. */
function grading(judge: Pick<Judge, 'profile' | 'unknownFields'>): string {
  return `${judge.profile}${judge.unknownFields === 'error' ? ', unknown fields as errors' : ''}`;
}

function list(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.severity} ${f.check} ${f.instancePath || '(body)'}: ${f.message}`).join('\n  ');
}

/** Valid bodies of every status the operation answers; `complete` ones reach every schema site. */
export function responseCases(op: Operation, complete = false): fc.Arbitrary<ResponseCase> {
  return arbitraries.responseCase({ endpoint: op.endpoint, apiVersion: op.apiVersion, complete });
}

/**
 * One complete body per status: examples that make every site (and so every applicable mutation) appear in each run.
 */
export function completeExamples(op: Operation, seed: number): ResponseCase[] {
  const statuses = [...op.responses.map((r) => r.status), 400, 429];
  return statuses.map((status) => {
    const body = exampleOf(
      arbitraries.responseBody({ endpoint: op.endpoint, apiVersion: op.apiVersion, status, complete: true }),
      seed,
    );
    return { status, body };
  });
}

/** Request bodies, optional fields coming and going or all present. */
export function requestBodies(op: Operation): fc.Arbitrary<unknown> {
  const base = { endpoint: op.endpoint, apiVersion: op.apiVersion } as const;
  return fc.oneof(arbitraries.requestBody(base), arbitraries.requestBody({ ...base, complete: true }));
}

/** One complete request body: an example with every request site. */
export function completeRequestExample(op: Operation, seed: number): unknown {
  return exampleOf(arbitraries.requestBody({ endpoint: op.endpoint, apiVersion: op.apiVersion, complete: true }), seed);
}

/** The validator reports nothing at all for a valid body (no error, no warning). */
export function acceptsValidBodies(
  judge: Judge,
  op: Operation,
  bodies: fc.Arbitrary<ResponseCase> = fc.oneof(responseCases(op), responseCases(op, true)),
): fc.IPropertyWithHooks<[ResponseCase]> {
  return fc.property(bodies, ({ status, body }) => {
    const result = judge.validateResponse({ endpoint: op.endpoint, apiVersion: op.apiVersion, status, body });
    if (result.findings.length > 0 || !result.ok)
      throw new Error(`a valid ${status} body got findings under ${judge.profile}:\n  ${list(result.findings)}`);
  });
}

/** Where a mutation was applied, for the failure message and the coverage tally. */
interface Applied {
  readonly mutation: Mutation;
  readonly at: string;
  readonly findings: readonly Finding[];
  readonly ok: boolean;
}

/** Why a mutated body was not caught as declared, or undefined when it was. */
export function missedBy(
  applied: Applied,
  judge: Pick<Judge, 'profile' | 'unknownFields'>,
  body: unknown,
): string | undefined {
  const { mutation, at, findings, ok } = applied;
  const instancePath = mutation.instancePath(body, at);
  const severity = severityUnder(mutation, judge);
  const caught = findings.some(
    (f) => f.check === mutation.check && f.instancePath === instancePath && f.severity === severity,
  );
  if (!caught || (severity === 'error' && ok)) {
    return `${mutation.id} at ${at}: expected ${severity} ${mutation.check} at ${instancePath || '(body)'}${severity === 'error' ? ' and ok=false' : ''}; got ok=${ok}:\n  ${list(findings) || '(no findings)'}`;
  }
  if (
    severity === 'warning' &&
    mutation.tolerance &&
    !findings.some((f) => f.instancePath === instancePath && f.message.includes(`(${mutation.tolerance})`))
  ) {
    return `${mutation.id} at ${at}: the warning does not name its tolerance "${mutation.tolerance}"`;
  }
  return undefined;
}

/** What a mutation law needs besides the validator. */
export interface MutationLawOptions {
  /** The mutations to apply (default: the catalogue's, for each status). */
  readonly mutationsOf?: (target: MutationTarget) => readonly Mutation[];
}

/**
 * Every applicable mutation of a valid body is caught: the declared check, at the declared path,
 * with the declared severity under this grading (profile and unknown-field policy, mutation.ts
 * `severityUnder`), and `ok` false for an error. The site is drawn
 * per mutation, so deep sites (the third result's second type) are hit too; `apply` must leave the
 * original body untouched.
 */
export function catchesMutations(
  judge: Judge,
  op: Operation,
  bodies: fc.Arbitrary<ResponseCase>,
  options: MutationLawOptions = {},
): fc.IPropertyWithHooks<[ResponseCase, number]> {
  const mutationsOf =
    options.mutationsOf ?? ((target: MutationTarget) => mutationsFor(op.endpoint, op.apiVersion, target));
  return fc.property(bodies, fc.nat(), ({ status, body }, pick) => {
    const before = JSON.stringify(body);
    const misses: string[] = [];
    for (const mutation of mutationsOf(status)) {
      const sites = mutation.sites(body);
      const at = sites[pick % Math.max(sites.length, 1)];
      if (at === undefined) continue;
      const mutated = mutation.apply(body, at);
      const result = judge.validateResponse({
        endpoint: op.endpoint,
        apiVersion: op.apiVersion,
        status,
        body: mutated,
      });
      const missed = missedBy({ mutation, at, findings: result.findings, ok: result.ok }, judge, body);
      if (missed) misses.push(missed);
    }
    if (JSON.stringify(body) !== before)
      throw new Error('a mutation changed the body it was given (apply must return a copy)');
    if (misses.length > 0)
      throw new Error(
        `${misses.length} mutation(s) of a ${status} body not caught under ${grading(judge)}:\n${misses.slice(0, 6).join('\n')}`,
      );
  });
}

/** The same law for request bodies. */
export function catchesRequestMutations(
  judge: Judge,
  op: Operation,
  options: MutationLawOptions = {},
): fc.IPropertyWithHooks<[unknown, number]> {
  const mutationsOf =
    options.mutationsOf ?? ((target: MutationTarget) => mutationsFor(op.endpoint, op.apiVersion, target));
  return fc.property(requestBodies(op), fc.nat(), (body, pick) => {
    const misses: string[] = [];
    for (const mutation of mutationsOf('request')) {
      const sites = mutation.sites(body);
      const at = sites[pick % Math.max(sites.length, 1)];
      if (at === undefined) continue;
      const result = judge.validateRequest({
        endpoint: op.endpoint,
        apiVersion: op.apiVersion,
        body: mutation.apply(body, at),
      });
      const missed = missedBy({ mutation, at, findings: result.findings, ok: result.ok }, judge, body);
      if (missed) misses.push(missed);
    }
    if (misses.length > 0)
      throw new Error(
        `${misses.length} mutation(s) of a request not caught under ${grading(judge)}:\n${misses.slice(0, 6).join('\n')}`,
      );
  });
}

/**
 * Lenient variants: under `lenient` every deviation is a warning and nothing is an error; under
 * `strict` every deviation is an error but undeclared fields, which are warnings under both
 * profiles (objects are open in the published spec); with unknown fields set to error, those are
 * errors under both. `ok` follows: false exactly when some deviation is an error.
 */
export function gradesLenientVariants(
  judge: Judge,
  op: Operation,
  target: MutationTarget,
): fc.IPropertyWithHooks<
  [{ body: unknown; deviations: readonly { check: string; instancePath: string; tolerance: string }[] }]
> {
  const variants = arbitraries.lenientVariant({ endpoint: op.endpoint, apiVersion: op.apiVersion, status: target });
  return fc.property(variants, ({ body, deviations }) => {
    if (deviations.length === 0) throw new Error('the variant carries no deviation');
    const result =
      target === 'request'
        ? judge.validateRequest({ endpoint: op.endpoint, apiVersion: op.apiVersion, body })
        : judge.validateResponse({ endpoint: op.endpoint, apiVersion: op.apiVersion, status: target, body });
    // src/validate/profiles.ts's policy, restated here rather than read from the validator under test.
    const severityOf = (tolerance: string): 'error' | 'warning' =>
      tolerance === 'unknown-field'
        ? judge.unknownFields === 'error'
          ? 'error'
          : 'warning'
        : judge.profile === 'lenient'
          ? 'warning'
          : 'error';
    const missing = deviations.filter(
      (d) =>
        !result.findings.some(
          (f) => f.check === d.check && f.instancePath === d.instancePath && f.severity === severityOf(d.tolerance),
        ),
    );
    if (missing.length > 0) {
      throw new Error(
        `deviations without their severity under ${grading(judge)}: ${missing.map((d) => `${severityOf(d.tolerance)} ${d.tolerance} ${d.check} ${d.instancePath}`).join(', ')}\n  ${list(result.findings)}`,
      );
    }
    const anError = deviations.some((d) => severityOf(d.tolerance) === 'error');
    if (!anError && (!result.ok || result.findings.some((f) => f.severity === 'error')))
      throw new Error(
        `a variant with only tolerated deviations got errors under ${grading(judge)}:\n  ${list(result.findings)}`,
      );
    if (anError && result.ok) throw new Error(`a variant with a deviation ${grading(judge)} does not tolerate passed`);
  });
}

/** Generated requests (default, complete, with duplicates) pass the request schema with no finding. */
export function requestsPass(judge: Judge, op: Operation): fc.IPropertyWithHooks<[unknown]> {
  const base = { endpoint: op.endpoint, apiVersion: op.apiVersion } as const;
  const bodies = fc.oneof(
    arbitraries.requestBody(base),
    arbitraries.requestBody({ ...base, complete: true }),
    arbitraries.requestBody({ ...base, duplicates: true, minInputs: 2 }),
  );
  return fc.property(bodies, (body) => {
    const result = judge.validateRequest({ ...base, body });
    if (result.findings.length > 0)
      throw new Error(`a generated request got findings under ${judge.profile}:\n  ${list(result.findings)}`);
  });
}

/**
 * A body survives JSON text unchanged, and checking the text gives exactly the findings checking
 * the value gives (the reader adds nothing, loses nothing).
 */
export function roundTripsThroughJson(
  judge: Pick<Validator, 'validateResponse' | 'validateResponseText'>,
  op: Operation,
): fc.IPropertyWithHooks<[ResponseCase]> {
  return fc.property(fc.oneof(responseCases(op), responseCases(op, true)), ({ status, body }) => {
    const text = JSON.stringify(body);
    const parsed: unknown = JSON.parse(text);
    if (!isDeepStrictEqual(parsed, body) || JSON.stringify(parsed) !== text)
      throw new Error('the body changed through JSON');
    const fromValue = judge.validateResponse({ endpoint: op.endpoint, apiVersion: op.apiVersion, status, body });
    const fromText = judge.validateResponseText({
      endpoint: op.endpoint,
      apiVersion: op.apiVersion,
      status,
      body: text,
    });
    if (!isDeepStrictEqual(fromValue, fromText))
      throw new Error(
        `checking the text and the value disagree:\n  value: ${list(fromValue.findings)}\n  text: ${list(fromText.findings)}`,
      );
  });
}
