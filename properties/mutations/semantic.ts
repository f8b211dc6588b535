import { allOperations, operation, type ApiVersion, type EndpointId } from '../../src/catalogue/index.js';
import { field } from '../../src/json.js';
import { formatDateTime, parseDateTime, type ParsedDateTime } from '../arbitraries/instants.js';
import { declares } from '../schema/definitions.js';
import { withValueAt, withoutValueAt } from '../schema/edit.js';
import { ALWAYS_ERROR, chooseSite, type Mutation, type MutationCheck, type MutationTarget } from './mutation.js';
import { isDeclaredPartial, targetDefinition } from './targets.js';

/**
 * Mutations no schema can catch, one or more per body rule (`src/validate/rules/`) and per request
 * limit: the count disagreeing with the list, stamps out of order (by a nanosecond, and across
 * offsets where the text reads the other way), a 207 with no errors, one input over the limit.
 */

function stamp(body: unknown, name: string): ParsedDateTime | undefined {
  const value = field(body, name);
  return typeof value === 'string' ? parseDateTime(value) : undefined;
}

interface SemanticSpec {
  readonly id: string;
  readonly description: string;
  readonly check: MutationCheck;
  readonly appliesTo: (endpoint: EndpointId, apiVersion: ApiVersion, target: MutationTarget) => boolean;
  /** The single site (the path the finding points at) when the body can take the mutation. */
  readonly site: (body: unknown) => string | undefined;
  readonly apply: (body: Record<string, unknown>) => unknown;
}

function semantic(spec: SemanticSpec): Mutation {
  const mutation: Mutation = {
    id: spec.id,
    description: spec.description,
    family: 'semantic',
    appliesTo: spec.appliesTo,
    sites: (body) => {
      const site = spec.site(body);
      return site === undefined ? [] : [site];
    },
    apply(body, at) {
      chooseSite(mutation, body, at);
      return spec.apply(body as Record<string, unknown>);
    },
    check: spec.check,
    instancePath: (body, at) => chooseSite(mutation, body, at),
    severityByProfile: ALWAYS_ERROR,
  };
  return mutation;
}

const declaresBoth = (
  endpoint: EndpointId,
  apiVersion: ApiVersion,
  target: MutationTarget,
  names: readonly string[],
): boolean => {
  const definition = targetDefinition(endpoint, apiVersion, target);
  return definition !== undefined && names.every((name) => declares(apiVersion, definition, name));
};

/** One nanosecond before `at`, in `at`'s own offset: only a nanosecond-exact rule sees the order. */
function justBefore(at: ParsedDateTime, offsetMinutes = at.offsetMinutes): string {
  return formatDateTime(
    at.epochNanos - 1n,
    offsetMinutes === undefined ? { fractionDigits: 9 } : { fractionDigits: 9, offsetMinutes },
  );
}

/** An offset 5:30 away from `at`'s (east when it fits), so the local clock reads differently. */
function otherOffset(at: ParsedDateTime): number {
  const own = at.offsetMinutes ?? 0;
  return own + 330 <= 23 * 60 ? own + 330 : own - 330;
}

const batchEnvelope = (endpoint: EndpointId, apiVersion: ApiVersion, target: MutationTarget) =>
  declaresBoth(endpoint, apiVersion, target, ['startedAt', 'completedAt']);

/** The catalogue's input limits, one mutation per distinct limit. */
function inputLimitMutations(): Mutation[] {
  const limits = [...new Set(allOperations().flatMap((op) => (op.maxInputs === undefined ? [] : [op.maxInputs])))];
  return limits.map((limit) =>
    semantic({
      id: `inputs-over-limit:${limit}`,
      description: `${limit + 1} inputs, one over the documented limit of ${limit}`,
      check: 'input-limit',
      appliesTo: (endpoint, apiVersion, target) =>
        target === 'request' && operation(endpoint, apiVersion).maxInputs === limit,
      site: (body) => {
        const inputs = field(body, 'inputs');
        return Array.isArray(inputs) && inputs.length > 0 ? '/inputs' : undefined;
      },
      apply: (body) => {
        const inputs = body.inputs as unknown[];
        return withValueAt(
          body,
          '/inputs',
          Array.from({ length: limit + 1 }, (_, i) => inputs[i % inputs.length]),
        );
      },
    }),
  );
}

/** The hand-written mutations, in the order of the rules they target. */
export function semanticMutations(): readonly Mutation[] {
  return [
    semantic({
      id: 'num-errors-disagrees-with-errors',
      description: 'numErrors is one more than errors.length',
      check: 'num-errors-matches-errors',
      appliesTo: (endpoint, apiVersion, target) => declaresBoth(endpoint, apiVersion, target, ['numErrors', 'errors']),
      site: (body) => (Array.isArray(field(body, 'errors')) ? '/numErrors' : undefined),
      apply: (body) => withValueAt(body, '/numErrors', (body.errors as unknown[]).length + 1),
    }),
    semantic({
      id: 'completed-before-started',
      description: 'completedAt one nanosecond before startedAt',
      check: 'timestamps-ordered',
      appliesTo: batchEnvelope,
      site: (body) => (stamp(body, 'startedAt') && stamp(body, 'completedAt') ? '/completedAt' : undefined),
      apply: (body) => withValueAt(body, '/completedAt', justBefore(stamp(body, 'startedAt')!)),
    }),
    semantic({
      id: 'completed-before-started-other-offset',
      description:
        'completedAt one millisecond before startedAt, written in an offset 5:30 away (the text reads the other way)',
      check: 'timestamps-ordered',
      appliesTo: batchEnvelope,
      site: (body) => (stamp(body, 'startedAt') && stamp(body, 'completedAt') ? '/completedAt' : undefined),
      apply: (body) => {
        const started = stamp(body, 'startedAt')!;
        return withValueAt(
          body,
          '/completedAt',
          formatDateTime(started.epochNanos - 1_000_000n, { fractionDigits: 9, offsetMinutes: otherOffset(started) }),
        );
      },
    }),
    semantic({
      id: 'started-before-requested',
      description: 'startedAt one nanosecond before requestedAt',
      check: 'timestamps-ordered',
      appliesTo: batchEnvelope,
      site: (body) => (stamp(body, 'requestedAt') && stamp(body, 'startedAt') ? '/startedAt' : undefined),
      apply: (body) => withValueAt(body, '/startedAt', justBefore(stamp(body, 'requestedAt')!)),
    }),
    semantic({
      id: 'multi-status-without-errors',
      description: 'a 207 body without errors (and numErrors)',
      check: 'multi-status-has-errors',
      appliesTo: isDeclaredPartial,
      site: (body) => (field(body, 'errors') !== undefined ? '/errors' : undefined),
      apply: (body) => {
        const withoutErrors = withoutValueAt(body, '/errors');
        return Object.hasOwn(body, 'numErrors') ? withoutValueAt(withoutErrors, '/numErrors') : withoutErrors;
      },
    }),
    semantic({
      id: 'multi-status-empty-errors',
      description: 'a 207 body whose errors list is empty (numErrors 0)',
      check: 'multi-status-has-errors',
      appliesTo: isDeclaredPartial,
      site: (body) => {
        const errors = field(body, 'errors');
        return Array.isArray(errors) && errors.length > 0 ? '/errors' : undefined;
      },
      apply: (body) => {
        const emptied = withValueAt(body, '/errors', []);
        return Object.hasOwn(body, 'numErrors') ? withValueAt(emptied, '/numErrors', 0) : emptied;
      },
    }),
    ...inputLimitMutations(),
  ];
}
