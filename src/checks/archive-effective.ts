import type { Finding } from '../registry/finding.js';
import { field, findingFor, readTargets } from './support.js';
import type { ObservedExchange, SequenceCheck } from './types.js';

/** An association the runner archived (and the archive answered a 2xx), and how. */
export interface ArchivedPair {
  readonly fromId: string;
  readonly toId: string;
  /** `batch-archive` (associations batch archive) or `single-delete` (DELETE of the pair). */
  readonly how: 'batch-archive' | 'single-delete';
}

/** What was archived, and every page of the reads of those records made afterwards. */
export interface ArchiveEffectiveInput {
  readonly archived: readonly ArchivedPair[];
  readonly reads: readonly ObservedExchange[];
}

/** Whether any page of `reads` still lists `toId` among `fromId`'s targets. */
function stillListed(reads: readonly ObservedExchange[], fromId: string, toId: string): ObservedExchange | undefined {
  return reads.find((read) => readTargets(read, fromId).some((target) => String(field(target, 'toObjectId')) === toId));
}

const succeeded = (read: ObservedExchange): boolean => Math.floor((read.exchange.response?.status ?? 0) / 100) === 2;

/**
 * An archived association is gone: after a batch archive or a single DELETE answered a 2xx, a
 * read of the from record no longer lists the pair. An archive that answers success and keeps the
 * link leaves every sync that removes associations believing it did.
 */
export const archiveEffective: SequenceCheck<ArchiveEffectiveInput> = {
  id: 'archive-effective',
  scope: 'sequence',
  description: 'after a batch archive or a single DELETE, a read no longer returns the pair',
  caughtFaults: ['archive-keeps-association'],
  endpoints: ['batch-read'],
  notExercisedWhy: 'no archive of an association the run made was followed by a successful read of its record',
  exercised({ archived, reads }) {
    return reads.some(succeeded) ? archived.length : 0;
  },
  check({ archived, reads }) {
    const findings: Finding[] = [];
    if (!reads.some(succeeded)) return findings;
    for (const pair of archived) {
      const read = stillListed(reads, pair.fromId, pair.toId);
      if (read) {
        findings.push(
          findingFor(read, {
            check: this.id,
            severity: 'error',
            instancePath: '/results',
            message: `${pair.fromId} -> ${pair.toId} was archived (${pair.how}, answered 2xx) but is still read back`,
            expected: 'absent',
            actual: `${pair.fromId} -> ${pair.toId}`,
          }),
        );
      }
    }
    return findings;
  },
};
