import { isSuccess } from '../catalogue/index.js';
import { field } from '../json.js';
import type { Finding } from '../registry/finding.js';
import { checkDeclaration } from '../registry/index.js';
import { jsonId } from '../validate/batch-view.js';
import { findingFor, sentInOrder } from './support.js';
import type { ObservedExchange, SequenceCheck } from './types.js';

/** An association the runner archived (and the archive answered a 2xx), and how. */
export interface ArchivedPair {
  readonly fromId: string;
  readonly toId: string;
  /** `batch-archive` (associations batch archive) or `single-delete` (DELETE of the pair). */
  readonly how: 'batch-archive' | 'single-delete';
  /** The id of the archive's exchange (a sequence finding's first exchange). */
  readonly archivedBy?: number;
}

/** What was archived, and every page of the reads of those records made afterwards. */
export interface ArchiveEffectiveInput {
  readonly archived: readonly ArchivedPair[];
  readonly reads: readonly ObservedExchange[];
}

/**
 * Whether any page of `reads` still lists `toId` among `fromId`'s targets (a toObjectId that is no ID names no
 * target: the schema checks report it).
 */
function stillListed(reads: readonly ObservedExchange[], fromId: string, toId: string): ObservedExchange | undefined {
  const listsPair = (read: ObservedExchange): boolean =>
    read.batch.targetsOf(fromId).some((target) => jsonId(field(target, 'toObjectId')) === toId);
  return reads.find(listsPair);
}

const succeeded = (read: ObservedExchange): boolean => isSuccess(read.exchange.response?.status ?? 0);

/**
 * An archived association is gone: after a batch archive or a single DELETE answered a 2xx, a
 * read of the from record no longer lists the pair. An archive that answers success and keeps the
 * link leaves every sync that removes associations believing it did.
 */
export const archiveEffective: SequenceCheck<ArchiveEffectiveInput> = {
  ...checkDeclaration('archive-effective'),
  exchangeIds({ archived, reads }) {
    return sentInOrder(
      archived.map((pair) => pair.archivedBy),
      reads,
    );
  },
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
