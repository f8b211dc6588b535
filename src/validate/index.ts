import {
  DEFAULT_API_VERSION,
  operation as findOperation,
  resolveResponse,
  type Operation,
  type ResponseResolution,
} from '../catalogue/index.js';
import { field, isObject } from '../json.js';
import type { Finding } from '../registry/finding.js';
import { withDeclaredSeverity } from '../registry/index.js';
import { readBody, DEFAULT_BODY_LIMITS, type BodyLimits } from './body.js';
import { DEFAULT_UNKNOWN_FIELD_POLICY, type Profile, type UnknownFieldPolicy } from './profiles.js';
import type { ValidateFunction } from 'ajv';
import { SchemaRegistry, PUBLISHED_DEFINITION, type JsonSchemaNode } from './registry.js';
import { BODY_RULES, type BodyContext } from './rules/index.js';
import { schemaFindings } from './schema-findings.js';

export {
  readBody,
  DEFAULT_BODY_LIMITS,
  jsonNestingDepth,
  duplicateKeys,
  type BodyLimits,
  type DuplicateKey,
  type ReadBody,
} from './body.js';
export {
  PROFILES,
  isProfile,
  type Profile,
  UNKNOWN_FIELD_POLICIES,
  DEFAULT_UNKNOWN_FIELD_POLICY,
  isUnknownFieldPolicy,
  type UnknownFieldPolicy,
} from './profiles.js';
export { SchemaLoadError, SchemaRegistry, PUBLISHED_REPAIR_REFS } from './registry.js';
export { BODY_RULES, type BodyRule, type BodyContext } from './rules/index.js';
export { ERROR_SHAPE_DEFINITIONS } from './schema-findings.js';

/** The outcome of checking one body: `ok` is false when any finding is an error. */
export interface ValidationResult {
  readonly ok: boolean;
  readonly findings: readonly Finding[];
}

/** A response body to check. `body` is the parsed value; use {@link Validator.validateResponseText} for bytes. */
export interface ResponseInput {
  readonly endpoint: string;
  readonly apiVersion?: string;
  /** The HTTP status; defaults to the version's first declared success code. */
  readonly status?: number;
  readonly body: unknown;
}

/** A request body to check. */
export interface RequestInput {
  readonly endpoint: string;
  readonly apiVersion?: string;
  readonly body: unknown;
}

/** Options of {@link createValidator}. */
export interface ValidatorOptions {
  /** Default `strict` (DESIGN.md: strict for `validate`, lenient for live runs). */
  readonly profile?: Profile;
  /**
   * How an undeclared field is graded under either profile (default `warn`: objects are open in
   * the published spec); `error` makes every `unknown-field` finding an error.
   */
  readonly unknownFields?: UnknownFieldPolicy;
  readonly limits?: BodyLimits;
  /**
   * Default `true`: a body the inlined fast validator accepts (fast-path.ts) skips the reporting
   * validator. `false` sends every body through the reporting validator; findings are the same
   * either way (`fast-path-equivalence.spec.ts` proves it), only slower.
   */
  readonly fastPath?: boolean;
}

/** Checks bodies against the catalogue's schemas under one profile. */
export interface Validator {
  readonly profile: Profile;
  /** How it grades undeclared fields (`warn` unless asked otherwise). */
  readonly unknownFields: UnknownFieldPolicy;
  validateResponse(input: ResponseInput): ValidationResult;
  /** Reads bytes or text first: malformed, empty, HTML, oversized and over-deep bodies become findings. */
  validateResponseText(input: Omit<ResponseInput, 'body'> & { readonly body: string | Uint8Array }): ValidationResult;
  validateRequest(input: RequestInput): ValidationResult;
  /**
   * Checks a response against the BatchAssociationResponse structure as published (seed 000), in
   * repair mode: its dangling references resolved to `apiVersion`'s definitions, its property-less
   * objects read as maps. No endpoint semantics beyond the body rules apply.
   */
  validatePublished(input: {
    readonly apiVersion?: string;
    readonly body: unknown;
  }): ValidationResult & { readonly repairs: readonly string[] };
}

/** No findings: shared and frozen, so a clean body allocates nothing on its way out. */
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
/** The result of every clean body (the common case: the bench checks 300,000 bodies a second). */
const CLEAN: ValidationResult = Object.freeze({ ok: true, findings: NO_FINDINGS });

function result(
  findings: readonly Finding[],
  op: Pick<Operation, 'endpoint' | 'apiVersion'> | { endpoint: string; apiVersion: string },
): ValidationResult {
  if (findings.length === 0) return CLEAN;
  const tagged = findings.map((finding) => ({
    ...finding,
    endpoint: finding.endpoint ?? op.endpoint,
    apiVersion: finding.apiVersion ?? op.apiVersion,
  }));
  return { ok: !tagged.some((finding) => finding.severity === 'error'), findings: tagged };
}

/**
 * Builds a validator. Every schema is compiled once, at the first call in the process
 * ({@link SchemaRegistry.load}); a schema that does not compile throws `SchemaLoadError` here,
 * before any body is checked.
 */
export function createValidator(options: ValidatorOptions = {}): Validator {
  const profile = options.profile ?? 'strict';
  const unknownFields = options.unknownFields ?? DEFAULT_UNKNOWN_FIELD_POLICY;
  const limits = options.limits ?? DEFAULT_BODY_LIMITS;
  const fastPath = options.fastPath ?? true;
  const registry = SchemaRegistry.load();

  // Compiled validators by document and definition, looked up without building a key string:
  // the reporting one (all errors) and the fast path for valid bodies (fast-path.ts), if any.
  interface Pair {
    readonly validate: ValidateFunction;
    readonly fast: ValidateFunction | undefined;
  }
  const compiled = new Map<string, Map<string | undefined, Pair>>();
  const validatorsFor = (documentKey: string, definition: string | undefined): Pair => {
    let byDefinition = compiled.get(documentKey);
    if (!byDefinition) compiled.set(documentKey, (byDefinition = new Map<string | undefined, Pair>()));
    let pair = byDefinition.get(definition);
    if (!pair) {
      const fast = fastPath && definition !== undefined ? registry.fastValidator(documentKey, definition) : undefined;
      pair = { validate: registry.validator(documentKey, definition), fast };
      byDefinition.set(definition, pair);
    }
    return pair;
  };

  /**
   * `definition` undefined checks against the document's root type (the published seed has one); `rootName` is the
   * name the findings' classification reads for the body itself (the definition, or the published root's name).
   */
  const checkWith = (
    validators: Pair,
    documentKey: string,
    definition: string | undefined,
    body: unknown,
    rootName: string,
  ): readonly Finding[] => {
    // A body the fast path accepts is valid; one it rejects is checked again for the report.
    if (validators.fast?.(body) || validators.validate(body)) return NO_FINDINGS;
    const defs = (registry.schemaNode(documentKey).$defs ?? {}) as Record<string, JsonSchemaNode>;
    const root = registry.schemaNode(documentKey, definition);
    // Stryker disable next-line ArrayDeclaration: ajv sets `errors` whenever its validate returns false
    return schemaFindings(validators.validate.errors ?? [], body, { defs, root, rootName }, profile, unknownFields);
  };
  const checkAgainst = (
    documentKey: string,
    definition: string | undefined,
    body: unknown,
    rootName: string,
  ): readonly Finding[] => checkWith(validatorsFor(documentKey, definition), documentKey, definition, body, rootName);

  const runRules = (body: unknown, context: BodyContext): readonly Finding[] => {
    if (!isObject(body)) return NO_FINDINGS;
    // Allocated only when a rule finds something: most bodies are clean.
    let findings: Finding[] | undefined;
    for (const rule of BODY_RULES) {
      const found = rule.check(body, context);
      for (const finding of found) (findings ??= []).push(finding);
    }
    return findings ?? NO_FINDINGS;
  };

  const statusFinding = (resolution: ResponseResolution, status: number): readonly Finding[] =>
    resolution.exact
      ? NO_FINDINGS
      : [
          // A warning, never an error (its declaration): the family is right (DESIGN.md "Status-code families").
          withDeclaredSeverity({
            check: 'status-code',
            instancePath: '',
            message: resolution.note ?? `status ${status} is not the declared one`,
            expected: resolution.declared?.status,
            actual: status,
          }),
        ];

  /**
   * Everything about a response that does not depend on its body, resolved once per endpoint x
   * version x status and then looked up: the operation (which throws for an unknown endpoint or
   * version), the status resolution and its finding, the validators, the body rules' context.
   * Resolved on every call, with their allocations, they cost about a tenth of a small clean body.
   */
  interface ResponsePlan {
    readonly op: Operation;
    readonly statusFindings: readonly Finding[];
    /** Absent when the status has no body definition (a 204 where another code is declared). */
    readonly schema?: { readonly definition: string; readonly validators: Pair };
    /** The body rules' context, when the status is a declared one (the rules judge only those). */
    readonly rules?: BodyContext;
  }
  const plans = new Map<string, Map<string, Map<number | undefined, ResponsePlan>>>();
  const planFor = (endpoint: string, apiVersion: string, status: number | undefined): ResponsePlan => {
    let byVersion = plans.get(endpoint);
    let byStatus = byVersion?.get(apiVersion);
    const cached = byStatus?.get(status);
    // Stryker disable next-line ConditionalExpression: a cache of a pure resolution; a miss resolves the same plan
    if (cached) return cached;
    const op = findOperation(endpoint, apiVersion);
    // Stryker disable next-line OptionalChaining: every operation declares a response (the catalogue), so no fallback
    const code = status ?? op.responses[0]?.status ?? 200;
    const resolution = resolveResponse(op, code);
    const { definition, declared } = resolution;
    const schema =
      definition === undefined ? undefined : { definition, validators: validatorsFor(op.apiVersion, definition) };
    // A declared status always has a body definition (only an undeclared 204 has none), so `schema` is there too.
    const rules: BodyContext | undefined =
      declared === undefined
        ? undefined
        : Object.freeze({ operation: op, direction: 'response', status: code, resolution, profile });
    const plan: ResponsePlan = {
      op,
      statusFindings: Object.freeze(statusFinding(resolution, code).map((finding) => Object.freeze(finding))),
      schema,
      rules,
    };
    // Cached only once resolved: an unknown endpoint, version or status throws every time.
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: a new map where one was is a cache miss, no more
    if (!byVersion) plans.set(endpoint, (byVersion = new Map<string, Map<number | undefined, ResponsePlan>>()));
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: a new map where one was is a cache miss, no more
    if (!byStatus) byVersion.set(apiVersion, (byStatus = new Map<number | undefined, ResponsePlan>()));
    byStatus.set(status, plan);
    return plan;
  };

  const validator: Validator = {
    profile,
    unknownFields,
    validateResponse({ endpoint, apiVersion = DEFAULT_API_VERSION, status, body }) {
      const plan = planFor(endpoint, apiVersion, status);
      const { op, schema, rules } = plan;
      const schemaFound = schema
        ? checkWith(schema.validators, op.apiVersion, schema.definition, body, schema.definition)
        : NO_FINDINGS;
      const rulesFound = rules ? runRules(body, rules) : NO_FINDINGS;
      // The clean body, with nothing to join or tag (result() would answer CLEAN too, after joining three lists).
      // Stryker disable next-line ConditionalExpression: result() of no findings is the same CLEAN
      if (plan.statusFindings.length === 0 && schemaFound.length === 0 && rulesFound.length === 0) return CLEAN;
      return result([...plan.statusFindings, ...schemaFound, ...rulesFound], op);
    },
    validateResponseText(input) {
      const op = findOperation(input.endpoint, input.apiVersion ?? DEFAULT_API_VERSION);
      // The reader grades what it finds in the text (duplicate keys) by the validator's profile.
      const read = readBody(input.body, limits, profile);
      if (!read.ok) return result([...read.findings], op);
      const checked = validator.validateResponse({ ...input, body: read.value });
      return result([...read.findings, ...checked.findings], op);
    },
    validateRequest({ endpoint, apiVersion = DEFAULT_API_VERSION, body }) {
      const op = findOperation(endpoint, apiVersion);
      const findings: Finding[] = [];
      if (op.requestDefinition === undefined) {
        if (body !== undefined && body !== null && body !== '') {
          findings.push(
            withDeclaredSeverity({
              check: 'request-body',
              instancePath: '',
              message: `${op.method} ${op.endpoint} takes no request body`,
            }),
          );
        }
        return result(findings, op);
      }
      findings.push(...checkAgainst(op.apiVersion, op.requestDefinition, body, op.requestDefinition));
      const sent = field(body, 'inputs');
      const inputs = Array.isArray(sent) ? sent : undefined;
      const maxInputs = op.maxInputs ?? Number.POSITIVE_INFINITY;
      if (inputs && inputs.length > maxInputs) {
        findings.push(
          withDeclaredSeverity({
            check: 'input-limit',
            instancePath: '/inputs',
            message: `${inputs.length} inputs; ${op.endpoint} accepts at most ${maxInputs}`,
            expected: `<= ${maxInputs}`,
            actual: inputs.length,
          }),
        );
      }
      return result(findings, op);
    },
    validatePublished({ apiVersion = DEFAULT_API_VERSION, body }) {
      const op = findOperation('batch-read', apiVersion);
      const { key, repairs } = registry.publishedDocument(op.apiVersion);
      const findings = [
        ...checkAgainst(key, undefined, body, PUBLISHED_DEFINITION),
        // Only the 207 rule reads this context (its direction and status), and a published check has no status.
        // Stryker disable next-line ObjectLiteral,StringLiteral: no rule can tell this context from an empty one
        ...runRules(body, { operation: op, direction: 'response', profile }),
      ];
      return {
        ...result(findings, { endpoint: 'published:BatchAssociationResponse', apiVersion: op.apiVersion }),
        repairs,
      };
    },
  };
  return validator;
}
