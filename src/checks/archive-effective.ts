import { isSuccess } from '../catalogue/index.js';
import { field } from '../json.js';
import type { Finding } from '../registry/finding.js';
import { checkDeclaration } from '../registry/index.js';
import { jsonId } from '../validate/batch-view.js';
import { answersOf, archivedPairs, readsStopShort, succeededNow } from './replayed.js';
import { findingFor, sentInOrder } from './support.js';
import type { ObservedExchange, ReplayedSequence, SequenceCheck } from './types.js';

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

/** How the runner archived a pair, by the archive's auxiliary operation. */
const ARCHIVES: Readonly<Record<string, ArchivedPair['how']>> = {
  'associations-batch-archive': 'batch-archive',
  'association-archive-single': 'single-delete',
};

/**
 * The input of a replayed archive and its reads: the pairs each archive that answered a 2xx again asked to remove
 * (the run judged no archive that failed), and the reads. None when no archive succeeded, or when the reads now
 * stop short of a record (the pair may be on a page the run never read).
 */
function rebuildArchiveEffective({ exchanges }: ReplayedSequence): ArchiveEffectiveInput[] {
  const archived = exchanges.flatMap((replayed) => {
    const how = ARCHIVES[replayed.endpoint];
    if (how === undefined || !succeededNow(replayed)) return [];
    const archivedBy = replayed.now.exchange.id;
    return archivedPairs(replayed).map(([fromId, toId]): ArchivedPair => ({ fromId, toId, how, archivedBy }));
  });
  const reads = answersOf(exchanges, 'batch-read');
  return archived.length > 0 && reads.length > 0 && !readsStopShort(exchanges) ? [{ archived, reads }] : [];
}

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
  rebuild: rebuildArchiveEffective,
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
