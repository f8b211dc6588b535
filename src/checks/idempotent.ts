import { isSuccess } from '../catalogue/index.js';
import { field, shown } from '../json.js';
import type { Finding } from '../registry/finding.js';
import { checkDeclaration } from '../registry/index.js';
import { jsonId } from '../validate/batch-view.js';
import { answersOf, endpointAnswer, readsStopShort, requestedPairs } from './replayed.js';
import { answeredPairs, findingFor, sentInOrder } from './support.js';
import type { ObservedExchange, ReplayedSequence, SequenceCheck } from './types.js';

/**
 * Two writes that associated the same pair by default (the same PUT twice, or a pair associated
 * again later in a batch), and reads of the pair afterwards.
 */
export interface IdempotentInput {
  readonly first: ObservedExchange;
  readonly second: ObservedExchange;
  /** Reads of the from record after both writes (optional: duplicates show there). */
  readonly reads?: readonly ObservedExchange[];
  readonly fromId: string;
  readonly toId: string;
}

/** The association specs an answer reports for one pair (the pair's other direction is ignored). */
function specs(observed: ObservedExchange, fromId: string, toId: string): string[] {
  return observed.batch
    .resultsOf(fromId)
    .filter((result) => result.toId === toId)
    .map(({ raw }) => {
      const spec = field(raw, 'associationSpec');
      return typeKey(field(spec, 'associationCategory'), field(spec, 'associationTypeId'));
    })
    .sort();
}

/** Whether a write succeeded and listed the pair: a write to repeat (a 207 naming the pair in errors wrote nothing). */
function wrotePair(observed: ObservedExchange, fromId: string, toId: string): boolean {
  return isSuccess(observed.exchange.response?.status ?? 0) && specs(observed, fromId, toId).length > 0;
}

/**
 * `category:typeId` as the answer spells them: what two answers are compared by, and what a finding shows. Any
 * value is spelled (a hostile one included, see `shown`), so an unexpected one differs instead of crashing.
 */
function typeKey(category: unknown, typeId: unknown): string {
  return `${shown(category)}:${shown(typeId)}`;
}

/**
 * The inputs of a replayed repeat: its first two writes (one, when a batch named a pair twice), the reads after them,
 * and each pair both asked for that the runner compared: all of a PUT's, a batch's only where its answer lists the
 * pair (the run compares what a write says it associated). None when the reads now stop short of the record.
 */
function rebuildIdempotent({ exchanges }: ReplayedSequence): IdempotentInput[] {
  const writes = exchanges.filter((replayed) => replayed.endpoint !== 'batch-read');
  const firstWrite = writes[0];
  if (firstWrite === undefined) return [];
  const secondWrite = writes[1] ?? firstWrite;
  const first = endpointAnswer(firstWrite);
  const second = endpointAnswer(secondWrite);
  if (!first || !second || readsStopShort(exchanges)) return [];
  const again = requestedPairs(secondWrite);
  const compared = secondWrite.endpoint === 'associate-default' ? again : answeredPairs(second, again);
  const firstAsked = new Set(requestedPairs(firstWrite).map(([fromId, toId]) => `${fromId}>${toId}`));
  const reads = answersOf(exchanges, 'batch-read');
  return compared
    .filter(([fromId, toId]) => firstAsked.has(`${fromId}>${toId}`))
    .map(([fromId, toId]) => ({ first, second, reads, fromId, toId }));
}

/**
 * Associating by default twice is the same as once (an upsert): both answers succeed with the
 * same result, and the pair does not gain a duplicate type. Retries after a timeout rely on it.
 */
export const idempotent: SequenceCheck<IdempotentInput> = {
  ...checkDeclaration('idempotent'),
  exchangeIds({ first, second, reads = [] }) {
    return sentInOrder([first, second], reads);
  },
  rebuild: rebuildIdempotent,
  exercised({ first, second, fromId, toId }) {
    return second.exchange.response !== undefined && wrotePair(first, fromId, toId) ? 1 : 0;
  },
  check({ first, second, reads = [], fromId, toId }) {
    const findings: Finding[] = [];
    const [a, b] = [first.exchange.response?.status, second.exchange.response?.status];
    // A first answer that does not list the pair (a 207 naming it in errors) wrote nothing to
    // repeat: there is no upsert to compare, and inputs-accounted judges the answer itself.
    if (b === undefined || !wrotePair(first, fromId, toId)) return findings;
    if (!isSuccess(b)) {
      findings.push(
        findingFor(second, {
          check: this.id,
          instancePath: '',
          message: `the same associate-default request succeeded (${a}) and then failed (${b})`,
          expected: a,
          actual: b,
        }),
      );
      return findings;
    }
    const [once, twice] = [specs(first, fromId, toId), specs(second, fromId, toId)];
    if (JSON.stringify(once) !== JSON.stringify(twice)) {
      findings.push(
        findingFor(second, {
          check: this.id,
          instancePath: '/results',
          message: 'repeating associate-default changed its results',
          expected: once,
          actual: twice,
        }),
      );
    }
    for (const read of reads) {
      const targets = read.batch.targetsOf(fromId).filter((t) => jsonId(field(t, 'toObjectId')) === toId);
      const typeIds = targets.flatMap((t) => {
        const types = field(t, 'associationTypes');
        return Array.isArray(types) ? types.map((x) => typeKey(field(x, 'category'), field(x, 'typeId'))) : [];
      });
      if (targets.length > 1 || new Set(typeIds).size !== typeIds.length) {
        findings.push(
          findingFor(read, {
            check: this.id,
            instancePath: '/results',
            message: `${fromId} -> ${toId} is listed more than once after a repeated associate-default`,
            actual: typeIds,
          }),
        );
      }
    }
    return findings;
  },
};
