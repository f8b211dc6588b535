import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allOperations, type Operation } from '../catalogue/index.js';
import { arbitraries } from '../../properties/arbitraries/index.js';
import { mutationsFor } from '../../properties/mutations/index.js';
import { checkProperty } from '../../properties/run.js';
import { readPropertySettings, timeoutForRuns } from '../../properties/settings.js';
import { createValidator, type Validator, type ValidatorOptions } from './index.js';

/**
 * The fast path changes no finding. `validateResponse` answers a clean body from a per-status plan,
 * the inlined fast validator and the rules' remembered instants (instants.ts); a validator built
 * with `fastPath: false` sends every body through the reporting validator. Both must give the same
 * result, deep-equal, for valid bodies, mutated ones (the mutation catalogue), bodies checked
 * under another status than their own, bodies with odd timestamps, and request bodies.
 */

const FILE = 'src/validate/fast-path-equivalence.spec.ts';
const SETTINGS = readPropertySettings();
/** Mutations tried per generated body (drawn): the whole catalogue per body would be ~300 checks. */
const MUTATIONS_PER_BODY = 8;
/** Statuses each body is also checked under: declared or not, a family mapping or an error. */
const OTHER_STATUSES = [200, 201, 202, 204, 207, 400, 429, 500] as const;
/** One run checks one body about 20 times, twice (fast and full path): ~2 ms idle. */
const TIMEOUT_MS = timeoutForRuns(SETTINGS.runs, 2);

const GRADINGS: readonly Pick<ValidatorOptions, 'profile' | 'unknownFields'>[] = [
  { profile: 'strict' },
  { profile: 'lenient' },
  { profile: 'strict', unknownFields: 'error' },
];
const PAIRS = GRADINGS.map((grading) => ({
  label: `${grading.profile ?? 'strict'}${grading.unknownFields === 'error' ? ', unknown fields as errors' : ''}`,
  fast: createValidator(grading),
  full: createValidator({ ...grading, fastPath: false }),
}));

/**
 * Envelope stamps: ordinary ones, and odd ones the format and the ordering rule must both read as
 * the reporting path does (lower-case t, a space, a leap second, 30 February, hour 24, a two-digit
 * year, -00:00, +24:00). rules/timestamps-ordered.spec.ts checks both readers against epochNanos.
 */
const ODD_STAMPS = [
  '2026-11-20t09:15:02Z',
  '2026-11-20 09:15:02Z',
  '2026-12-31T23:59:60Z',
  '2026-02-30T00:00:00Z',
  '2026-11-20T24:00:00Z',
  '0099-11-20T09:15:02Z',
  '2026-11-20T09:15:02.123456789012-00:00',
  '2026-11-20T09:15:02+24:00',
  'not a stamp',
];
const stamp = fc.oneof(
  arbitraries.dateTime(),
  fc.constantFrom<string | null | undefined>(...ODD_STAMPS, null, undefined),
);

/** Where two validators disagree on one body, or undefined. */
function disagreement(
  fast: Validator,
  full: Validator,
  op: Operation,
  status: number,
  body: unknown,
): string | undefined {
  const input = { endpoint: op.endpoint, apiVersion: op.apiVersion, status, body };
  const a = fast.validateResponse(input);
  const b = full.validateResponse(input);
  try {
    expect(a).toStrictEqual(b);
    return undefined;
  } catch {
    const shown = { 'fast path': a, 'full path': b, body };
    return `status ${status}: ${Object.entries(shown)
      .map(([what, value]) => `${what} ${JSON.stringify(value)}`)
      .join('\n  ')}`;
  }
}

describe('the fast path and the full path give identical findings', () => {
  for (const { label, fast, full } of PAIRS) {
    for (const op of allOperations()) {
      const what = 'responses valid, mutated, under other statuses, with odd stamps';
      const name = `${op.endpoint} ${op.apiVersion} ${label}: ${what}`;
      it(
        name,
        () => {
          const bodies = fc.oneof(
            arbitraries.responseCase({ endpoint: op.endpoint, apiVersion: op.apiVersion }),
            arbitraries.responseCase({ endpoint: op.endpoint, apiVersion: op.apiVersion, complete: true }),
          );
          const picks = fc.array(fc.tuple(fc.nat(), fc.nat()), {
            minLength: MUTATIONS_PER_BODY,
            maxLength: MUTATIONS_PER_BODY,
          });
          const stamps = fc.tuple(stamp, stamp, stamp);
          // The catalogue filtered once per status, not once per run: filtering it was half of this spec's time.
          const mutationsByStatus = new Map<number, ReturnType<typeof mutationsFor>>();
          const mutationsAt = (status: number): ReturnType<typeof mutationsFor> => {
            let found = mutationsByStatus.get(status);
            if (!found) mutationsByStatus.set(status, (found = mutationsFor(op.endpoint, op.apiVersion, status)));
            return found;
          };
          const property = fc.property(
            bodies,
            picks,
            stamps,
            ({ status, body }, mutationPicks, [requestedAt, startedAt, completedAt]) => {
              const problems: string[] = [];
              const check = (checkedStatus: number, checked: unknown): void => {
                const problem = disagreement(fast, full, op, checkedStatus, checked);
                if (problem) problems.push(problem);
              };
              check(status, body);
              for (const other of OTHER_STATUSES) if (other !== status) check(other, body);
              const mutations = mutationsAt(status);
              for (const [which, where] of mutationPicks) {
                const mutation = mutations[which % Math.max(mutations.length, 1)];
                const sites = mutation?.sites(body) ?? [];
                const at = sites[where % Math.max(sites.length, 1)];
                if (mutation && at !== undefined) check(status, mutation.apply(body, at));
              }
              // The envelope's stamps replaced by odd ones: the format and the ordering rule read them.
              const stamped = {
                ...body,
                ...Object.fromEntries(
                  Object.entries({ requestedAt, startedAt, completedAt }).filter(([, value]) => value !== undefined),
                ),
              };
              check(status, stamped);
              if (problems.length > 0)
                throw new Error(`${problems.length} disagreement(s):\n${problems.slice(0, 3).join('\n')}`);
            },
          );
          checkProperty(property, { name, file: FILE, settings: SETTINGS });
        },
        TIMEOUT_MS,
      );
    }
    for (const op of allOperations().filter((candidate) => candidate.requestDefinition !== undefined)) {
      const name = `${op.endpoint} ${op.apiVersion} ${label}: requests valid and mutated`;
      it(
        name,
        () => {
          const base = { endpoint: op.endpoint, apiVersion: op.apiVersion } as const;
          const requests = fc.oneof(
            arbitraries.requestBody(base),
            arbitraries.requestBody({ ...base, complete: true }),
          );
          const mutations = mutationsFor(op.endpoint, op.apiVersion, 'request');
          const property = fc.property(requests, fc.nat(), fc.nat(), (body, which, where) => {
            const mutation = mutations[which % Math.max(mutations.length, 1)];
            const sites = mutation?.sites(body) ?? [];
            const at = sites[where % Math.max(sites.length, 1)];
            for (const checked of mutation && at !== undefined ? [body, mutation.apply(body, at)] : [body]) {
              expect(fast.validateRequest({ ...base, body: checked })).toStrictEqual(
                full.validateRequest({ ...base, body: checked }),
              );
            }
          });
          checkProperty(property, { name, file: FILE, settings: SETTINGS });
        },
        TIMEOUT_MS,
      );
    }
  }

  it('returns one shared, frozen result for every clean body', () => {
    const op = allOperations()[0];
    if (!op) throw new Error('the catalogue is empty');
    const { status, body } = fc.sample(
      arbitraries.responseCase({
        endpoint: op.endpoint,
        apiVersion: op.apiVersion,
        statuses: [op.responses[0]?.status ?? 200],
      }),
      { seed: SETTINGS.seed, numRuns: 1 },
    )[0] ?? { status: 200, body: {} };
    const validator = PAIRS[0]?.fast ?? createValidator();
    const first = validator.validateResponse({ endpoint: op.endpoint, apiVersion: op.apiVersion, status, body });
    expect(first).toEqual({ ok: true, findings: [] });
    expect(validator.validateResponse({ endpoint: op.endpoint, apiVersion: op.apiVersion, status, body })).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.findings)).toBe(true);
  });
});
