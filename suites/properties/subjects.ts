import fc from 'fast-check';
import { API_VERSIONS, allOperations, operation, type ApiVersion, type Operation } from '../../src/catalogue/index.js';
import type { Finding } from '../../src/registry/finding.js';
import type { Profile } from '../../src/validate/index.js';
import { epochNanos } from '../../src/validate/rules/timestamps-ordered.js';
import { arbitraries, type ArbitraryName } from '../../properties/arbitraries/index.js';
import { parseDateTime } from '../../properties/arbitraries/instants.js';
import type { ArbitrarySubject } from '../../properties/assertions.js';
import { siteProblems } from '../../properties/schema/site-validator.js';
import { VALIDATORS } from './harness.js';

/**
 * Every hsac arbitrary, each with the schema it stands for: leaves against the one property their
 * values land in, items against their definition, bodies against the validator for their exact
 * endpoint, version and status. `arbitraries.test.ts` applies the shared assertions to each.
 */

/** A subject and the builder it exercises (every builder must have at least one). */
export interface NamedSubject extends ArbitrarySubject {
  readonly builder: ArbitraryName;
  /** Runs for this subject when HSAC_RUNS would be too slow (1000-input bodies). */
  readonly runs?: number;
}

const V: ApiVersion = '2026-03';

function show(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.check} ${f.instancePath}: ${f.message}`);
}

/** Problems of a response body: any finding under the profile. */
function responseProblems(op: Operation, status: number, profile: Profile = 'strict') {
  return (body: unknown): string[] =>
    show(
      VALIDATORS[profile].validateResponse({ endpoint: op.endpoint, apiVersion: op.apiVersion, status, body }).findings,
    );
}

function requestProblems(op: Operation) {
  return (body: unknown): string[] =>
    show(VALIDATORS.strict.validateRequest({ endpoint: op.endpoint, apiVersion: op.apiVersion, body }).findings);
}

function site(apiVersion: ApiVersion, definition: string, property?: string) {
  return (value: unknown): string[] => siteProblems(apiVersion, definition, property, value);
}

function both(...checks: readonly ((value: unknown) => readonly string[])[]) {
  return (value: unknown): string[] => checks.flatMap((check) => check(value));
}

function matches(pattern: RegExp, what: string) {
  return (value: unknown): string[] =>
    typeof value === 'string' && pattern.test(value) ? [] : [`${JSON.stringify(value)} is not ${what}`];
}

function subject<T>(
  builder: ArbitraryName,
  name: string,
  arbitrary: fc.Arbitrary<T>,
  problems: (value: T) => readonly string[],
  runs?: number,
): NamedSubject {
  return {
    builder,
    name: `${builder} ${name}`.trim(),
    arbitrary: arbitrary,
    problems: problems as (value: unknown) => readonly string[],
    ...(runs === undefined ? {} : { runs }),
  };
}

/**
 * A date-time that ajv's format accepts, hsac's strict reader parses, and the validator's own ordering parser reads the
 * same.
 */
function dateTimeProblems(value: unknown): string[] {
  const problems = siteProblems(V, 'BatchResponsePublicDefaultAssociation', 'startedAt', value);
  const parsed = typeof value === 'string' ? parseDateTime(value) : undefined;
  if (!parsed) return [...problems, `${JSON.stringify(value)} is not strict RFC 3339`];
  if (epochNanos(value) !== parsed.epochNanos)
    problems.push(
      `the validator reads ${JSON.stringify(value)} as ${String(epochNanos(value))} ns, hsac as ${parsed.epochNanos} ns`,
    );
  return problems;
}

function timestampsProblems(stamps: { requestedAt?: string; startedAt: string; completedAt: string }): string[] {
  const order = [stamps.requestedAt, stamps.startedAt, stamps.completedAt].filter((s): s is string => s !== undefined);
  const problems = order.flatMap(dateTimeProblems);
  const nanos = order.map((s) => parseDateTime(s)?.epochNanos ?? 0n);
  for (let i = 1; i < nanos.length; i++)
    if ((nanos[i] ?? 0n) < (nanos[i - 1] ?? 0n)) problems.push(`${order[i]} is before ${order[i - 1]}`);
  return problems;
}

function pagingProblems(apiVersion: ApiVersion) {
  return (value: unknown): string[] => {
    const problems = siteProblems(apiVersion, 'Paging', undefined, value);
    // The spec: paging is present only when there are more pages, so a Paging always has `next`.
    return typeof value === 'object' && value !== null && 'next' in value
      ? problems
      : [...problems, 'a Paging without next'];
  };
}

function resultProblems(apiVersion: ApiVersion) {
  return (value: unknown): string[] => {
    const problems = siteProblems(apiVersion, 'PublicAssociationMultiWithLabel', undefined, value);
    const result = value as { to?: unknown[]; paging?: unknown };
    if (result.paging !== undefined && (result.to ?? []).length === 0)
      problems.push('more pages announced on an empty page');
    return problems;
  };
}

function leafSubjects(): NamedSubject[] {
  return [
    subject(
      'recordId',
      '',
      arbitraries.recordId(),
      both(matches(/^[1-9]\d*$/, 'a decimal record ID'), site(V, 'PublicObjectId', 'id')),
    ),
    subject(
      'recordId',
      'over int32',
      arbitraries.recordId({ min: 2n ** 31n }),
      matches(
        /^(?:[3-9]\d{9}|2(?:1(?:4(?:7(?:4(?:8(?:3(?:6(?:4[89]|[5-9]\d)|[4-9]\d\d)|[4-9]\d{3})|[5-9]\d{4})|[5-9]\d{5})|[5-9]\d{6})|[5-9]\d{7})|[2-9]\d{8})|[1-9]\d{10,15})$/,
        'an ID above 2^31-1',
      ),
    ),
    subject('numericRecordId', '', arbitraries.numericRecordId(), (n) =>
      Number.isSafeInteger(n) && n >= 1 ? [] : [`${n} is not a safe positive integer`],
    ),
    subject(
      'objectTypeId',
      '',
      arbitraries.objectTypeId(),
      both(matches(/^[02]-[1-9]\d*$/, 'an object type ID'), site('v4', 'AssociationSpecWithLabel', 'fromObjectTypeId')),
    ),
    subject(
      'objectTypeName',
      '',
      arbitraries.objectTypeName(),
      matches(/^(?:[a-z]+|[02]-[1-9]\d*)$/, 'an object type name or ID'),
    ),
    subject('associationTypeId', '', arbitraries.associationTypeId(), site(V, 'AssociationSpecWithLabel', 'typeId')),
    ...API_VERSIONS.map((apiVersion) =>
      subject(
        'associationCategory',
        apiVersion,
        arbitraries.associationCategory({ apiVersion }),
        site(apiVersion, 'AssociationSpecWithLabel', 'category'),
      ),
    ),
    subject(
      'pagingCursor',
      '',
      arbitraries.pagingCursor(),
      both(site(V, 'NextPage', 'after'), (cursor) =>
        /^\d+$/.test(Buffer.from(String(cursor), 'base64').toString())
          ? []
          : [`${String(cursor)} is not base64 of an offset`],
      ),
    ),
    subject('dateTime', '', arbitraries.dateTime(), dateTimeProblems),
    subject(
      'dateTime',
      'UTC, milliseconds',
      arbitraries.dateTime({ offsets: false, fractionDigits: [3] }),
      both(dateTimeProblems, matches(/\.\d{3}Z$/, 'UTC with milliseconds')),
    ),
    subject('batchTimestamps', '', arbitraries.batchTimestamps(), timestampsProblems),
    subject('batchTimestamps', 'with requestedAt', arbitraries.batchTimestamps({ requestedAt: 'always' }), (s) => [
      ...timestampsProblems(s),
      ...(s.requestedAt ? [] : ['no requestedAt']),
    ]),
    subject('associationLabel', '', arbitraries.associationLabel(), site(V, 'AssociationSpecWithLabel', 'label')),
    subject('errorMessage', '', arbitraries.errorMessage(), site(V, 'StandardError', 'message')),
    subject('errorCategory', '', arbitraries.errorCategory(), site(V, 'StandardError', 'category')),
    subject('links', '', arbitraries.links(), site(V, 'BatchResponsePublicAssociationMultiWithLabel', 'links')),
    subject('errorContext', '', arbitraries.errorContext(), site(V, 'StandardError', 'context')),
    subject('subCategoryObject', '', arbitraries.subCategoryObject(), site(V, 'StandardError', 'subCategory')),
  ];
}

function itemSubjects(): NamedSubject[] {
  return API_VERSIONS.flatMap((apiVersion) =>
    [false, true].flatMap((complete) => {
      const tag = `${apiVersion}${complete ? ' complete' : ''}`;
      return [
        subject('errorDetail', tag, arbitraries.errorDetail({ apiVersion, complete }), site(apiVersion, 'ErrorDetail')),
        subject(
          'standardError',
          tag,
          arbitraries.standardError({ apiVersion, complete }),
          site(apiVersion, 'StandardError'),
        ),
        subject(
          'associationSpecWithLabel',
          tag,
          arbitraries.associationSpecWithLabel({ apiVersion, complete }),
          site(apiVersion, 'AssociationSpecWithLabel'),
        ),
        subject(
          'multiAssociatedObject',
          tag,
          arbitraries.multiAssociatedObject({ apiVersion, complete }),
          site(apiVersion, 'MultiAssociatedObjectWithLabel'),
        ),
        subject('paging', tag, arbitraries.paging({ apiVersion, complete }), pagingProblems(apiVersion)),
        subject(
          'batchReadResult',
          tag,
          arbitraries.batchReadResult({ apiVersion, complete }),
          resultProblems(apiVersion),
        ),
        subject(
          'defaultAssociationResult',
          tag,
          arbitraries.defaultAssociationResult({ apiVersion, complete }),
          site(apiVersion, 'PublicDefaultAssociation'),
        ),
        subject(
          'configurationResult',
          tag,
          arbitraries.configurationResult({ apiVersion, complete }),
          site(apiVersion, 'PublicAssociationDefinitionUserConfiguration'),
        ),
      ];
    }),
  );
}

const ENDPOINT_BUILDERS = {
  'batch-read': 'batchReadResponse',
  'batch-associate-default': 'batchAssociateDefaultResponse',
  'associate-default': 'associateDefaultResponse',
  'configurations-batch-create': 'configurationsBatchCreateResponse',
} as const;

function responseSubjects(): NamedSubject[] {
  return allOperations().flatMap((op) => {
    const tag = `${op.endpoint} ${op.apiVersion}`;
    const builder = ENDPOINT_BUILDERS[op.endpoint];
    const perStatus = op.responses.flatMap((response) =>
      [false, true].map((complete) =>
        subject(
          builder,
          `${op.apiVersion} ${response.status}${complete ? ' complete' : ''}`,
          arbitraries[builder]({ apiVersion: op.apiVersion, status: response.status, complete }),
          responseProblems(op, response.status),
        ),
      ),
    );
    const partial = op.responses.find((r) => r.kind === 'partial');
    const envelope = partial
      ? [
          subject(
            'batchResponse',
            `${tag} ${partial.definition}`,
            arbitraries.batchResponse({
              apiVersion: op.apiVersion,
              definition: partial.definition,
              kind: 'partial',
              result: fc.constant({ from: { id: '1' }, to: [] }),
              maxResults: 0,
            }),
            (body) => (op.endpoint === 'batch-read' ? responseProblems(op, partial.status)(body) : []),
          ),
        ]
      : [];
    return [
      ...perStatus,
      ...envelope,
      subject(
        'responseBody',
        `${tag} 401`,
        arbitraries.responseBody({ endpoint: op.endpoint, apiVersion: op.apiVersion, status: 401 }),
        responseProblems(op, 401),
      ),
      subject(
        'errorBody',
        tag,
        arbitraries.errorBody({ apiVersion: op.apiVersion, complete: true }),
        responseProblems(op, 500),
      ),
      subject(
        'responseCase',
        tag,
        arbitraries.responseCase({ endpoint: op.endpoint, apiVersion: op.apiVersion }),
        ({ status, body }) => responseProblems(op, status)(body),
      ),
      subject(
        'lenientVariant',
        tag,
        arbitraries.lenientVariant({ endpoint: op.endpoint, apiVersion: op.apiVersion }),
        ({ body, deviations }) => {
          const status = op.responses[0]?.status ?? 200;
          const lenient = VALIDATORS.lenient.validateResponse({
            endpoint: op.endpoint,
            apiVersion: op.apiVersion,
            status,
            body,
          });
          const strict = VALIDATORS.strict.validateResponse({
            endpoint: op.endpoint,
            apiVersion: op.apiVersion,
            status,
            body,
          });
          // Undeclared fields are warnings under strict too (objects are open in the published spec).
          const onlyUndeclared = deviations.every((d) => d.tolerance === 'unknown-field');
          return [
            ...(deviations.length === 0 ? ['no deviation'] : []),
            ...(lenient.ok && lenient.findings.every((f) => f.severity === 'warning')
              ? []
              : ['errors under lenient: ', ...show(lenient.findings)]),
            ...(strict.ok === onlyUndeclared
              ? []
              : [
                  onlyUndeclared ? 'fails strict with undeclared fields only: ' : 'passes strict',
                  ...(onlyUndeclared ? show(strict.findings) : []),
                ]),
          ];
        },
      ),
    ];
  });
}

function rateLimitSubjects(): NamedSubject[] {
  const op = operation('batch-read', V);
  return ['DAILY', 'TEN_SECONDLY_ROLLING'].map((policyName) =>
    subject('rateLimitBody', policyName, arbitraries.rateLimitBody({ policyName }), (body) => [
      ...responseProblems(op, 429)(body),
      ...(body.policyName === policyName ? [] : [`policyName ${String(body.policyName)}`]),
    ]),
  );
}

function hasDuplicate(body: { inputs?: unknown }): boolean {
  const inputs = Array.isArray(body.inputs) ? body.inputs.map((input) => JSON.stringify(input)) : [];
  return new Set(inputs).size < inputs.length;
}

function requestSubjects(): NamedSubject[] {
  const withBody = allOperations().filter((op) => op.requestDefinition !== undefined);
  const builders = {
    'batch-read': 'batchReadRequest',
    'batch-associate-default': 'batchAssociateDefaultRequest',
    'configurations-batch-create': 'configurationsBatchCreateRequest',
  } as const;
  const read = operation('batch-read', V);
  return [
    ...withBody.flatMap((op) => {
      const builder = builders[op.endpoint as keyof typeof builders];
      const tag = `${op.endpoint} ${op.apiVersion}`;
      return [
        subject(builder, op.apiVersion, arbitraries[builder]({ apiVersion: op.apiVersion }), requestProblems(op)),
        subject(
          builder,
          `${op.apiVersion} complete`,
          arbitraries[builder]({ apiVersion: op.apiVersion, complete: true }),
          requestProblems(op),
        ),
        subject(
          builder,
          `${op.apiVersion} duplicates`,
          arbitraries[builder]({ apiVersion: op.apiVersion, duplicates: true }),
          both(requestProblems(op), (body) =>
            hasDuplicate(body as { inputs?: unknown }) ? [] : ['no duplicate input'],
          ),
        ),
        subject(
          'requestBody',
          tag,
          arbitraries.requestBody({ endpoint: op.endpoint, apiVersion: op.apiVersion }),
          requestProblems(op),
        ),
        subject(
          'request',
          tag,
          arbitraries.request({ endpoint: op.endpoint, apiVersion: op.apiVersion }),
          (request) => [
            ...requestProblems(op)(request.body),
            ...(request.method === op.method && !/[{}]/.test(request.path)
              ? []
              : [`${request.method} ${request.path}`]),
          ],
        ),
      ];
    }),
    subject(
      'request',
      'associate-default 2026-03',
      arbitraries.request({ endpoint: 'associate-default', apiVersion: V }),
      (request) =>
        request.body === undefined && request.path.startsWith('/crm/objects/2026-03/')
          ? []
          : [`${request.path} ${JSON.stringify(request.body)}`],
    ),
    subject(
      'batchReadRequest',
      'numeric IDs (lenient-only)',
      arbitraries.batchReadRequest({ ids: 'number' }),
      (body) => {
        const strict = VALIDATORS.strict.validateRequest({ endpoint: 'batch-read', body });
        const lenient = VALIDATORS.lenient.validateRequest({ endpoint: 'batch-read', body });
        const inputs = (body as { inputs: unknown[] }).inputs;
        return [
          ...(lenient.ok ? [] : show(lenient.findings)),
          ...(strict.findings.filter((f) => f.check === 'type').length === inputs.length
            ? []
            : [`strict: ${show(strict.findings).join('; ')}`]),
        ];
      },
    ),
    subject(
      'batchReadRequestAtLimit',
      '',
      arbitraries.batchReadRequestAtLimit(),
      ({ inputs, withinLimit, body }) => {
        const findings = VALIDATORS.strict.validateRequest({ endpoint: 'batch-read', body }).findings;
        const expected = withinLimit ? 0 : 1;
        return [
          ...(findings.length === expected ? [] : show(findings)),
          ...((body.inputs as unknown[]).length === inputs && withinLimit === inputs <= (read.maxInputs ?? 0)
            ? []
            : ['size mismatch']),
        ];
      },
      8,
    ),
  ];
}

/** Every subject, leaves first. */
export function arbitrarySubjects(): NamedSubject[] {
  return [...leafSubjects(), ...itemSubjects(), ...responseSubjects(), ...rateLimitSubjects(), ...requestSubjects()];
}
