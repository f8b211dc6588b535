import { isSuccess } from '../catalogue/index.js';
import type { Finding } from '../registry/finding.js';
import { field, shown } from '../json.js';
import { checkDeclaration } from '../registry/index.js';
import { jsonId } from '../validate/batch-view.js';
import {
  answersOf,
  archivedPairs,
  endpointAnswer,
  readIds,
  readsStopShort,
  requestedPairs,
  succeededNow,
} from './replayed.js';
import { answeredPairs, findingFor, reportedType, sentInOrder } from './support.js';
import type { ObservedExchange, ReplayedExchange, ReplayedSequence, SequenceCheck } from './types.js';

/** An association the runner made and expects to read back. */
export interface ExpectedAssociation {
  readonly fromId: string;
  readonly toId: string;
  /** The default association type id the write answered with, when it said. */
  readonly typeId?: number;
  /** The id of the exchange that wrote it, when the runner knows it (a sequence finding's first exchange). */
  readonly writtenBy?: number;
}

/** What was written, and the reads (all pages) that must show it. */
export interface ReadAfterWriteInput {
  readonly expected: readonly ExpectedAssociation[];
  readonly reads: readonly ObservedExchange[];
  /**
   * Writes the reads were compared with, where not every one is an `expected` entry (a limit
   * configuration is compared in the answer that created it, and only a mismatch becomes an
   * expectation). Default: `expected.length`.
   */
  readonly writes?: number;
}

/** An association type's `typeId` as a number (a digit string counts), else NaN (`Number(undefined)`): no type. */
function typeIdOf(type: unknown): number {
  return Number(jsonId(field(type, 'typeId')));
}

/**
 * The association types the reads report per pair (`from>to`), across every page read: one walk
 * of the reads, however many associations are looked for (a wide record has a thousand).
 */
function typesByPair(reads: readonly ObservedExchange[], fromIds: ReadonlySet<string>): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const read of reads) {
    for (const fromId of fromIds) {
      for (const target of read.batch.targetsOf(fromId)) {
        // A target whose toObjectId is no ID names no association: the write it should show is then not read
        // back (this check's finding), and the schema checks say what the value is.
        const toId = jsonId(field(target, 'toObjectId'));
        if (toId === undefined) continue;
        const key = `${fromId}>${toId}`;
        const types = field(target, 'associationTypes');
        found.set(key, [...(found.get(key) ?? []), ...(Array.isArray(types) ? types.map(typeIdOf) : [])]);
      }
    }
  }
  return found;
}

/**
 * A limit configuration is read back in the answer that created it: the input of a create of one configuration
 * (`inputs[0]`: its typeId and maxToObjectIds) and of its answer, which expects nothing more when the answer shows
 * the limit asked for.
 */
export function configurationReadBack(created: ObservedExchange): ReadAfterWriteInput {
  const inputs = field(created.sent, 'inputs');
  const asked = Array.isArray(inputs) ? (inputs as unknown[])[0] : undefined;
  const [typeId, max] = [field(asked, 'typeId'), field(asked, 'maxToObjectIds')];
  const reflected = created.batch.results?.some(
    ({ raw }) => field(raw, 'typeId') === typeId && field(raw, 'userEnforcedMaxToObjectIds') === max,
  );
  return {
    expected: reflected ? [] : [{ fromId: `configuration ${shown(typeId)}`, toId: `max ${shown(max)}` }],
    reads: [created],
    writes: 1,
  };
}

/** The write endpoints whose successful answers the runner's model takes as associations made. */
const ASSOCIATING = new Set(['batch-associate-default', 'associate-default']);

/** The archives whose successful answers the runner's model takes as associations removed. */
const ARCHIVING = new Set(['associations-batch-archive', 'association-archive-single']);

/**
 * What the runner's model holds for some records after `history` (up to, not including, the read at `readId`): every
 * pair a successful write of the run associated (a batch write the pairs its answer lists, a PUT its own), with the
 * first type and the first write that reported it, less the pairs a successful archive removed since. Bodies hsac
 * broke on purpose (`invalid-request`) never count, as in the run.
 */
function associatedBefore(
  history: readonly ReplayedExchange[],
  readId: number,
  fromIds: ReadonlySet<string>,
): ExpectedAssociation[] {
  const associated = new Map<string, ExpectedAssociation>();
  for (const replayed of history) {
    const { id } = replayed.now.exchange;
    // Stryker disable next-line EqualityOperator: the exchange numbered readId is the read: no write, no archive
    if (id >= readId) break;
    if (!succeededNow(replayed)) continue;
    const answer = endpointAnswer(replayed);
    if (answer && replayed.intent === 'conformance' && ASSOCIATING.has(replayed.endpoint)) {
      const asked = requestedPairs(replayed);
      const made = replayed.endpoint === 'associate-default' ? asked : answeredPairs(answer, asked);
      for (const [fromId, toId] of made) {
        if (!fromIds.has(fromId)) continue;
        const key = `${fromId}>${toId}`;
        const earlier = associated.get(key);
        const typeId = earlier?.typeId ?? reportedType(answer, fromId, toId);
        const writtenBy = earlier?.writtenBy ?? id;
        associated.set(key, { fromId, toId, typeId, writtenBy });
      }
    } else if (ARCHIVING.has(replayed.endpoint)) {
      for (const [fromId, toId] of archivedPairs(replayed)) associated.delete(`${fromId}>${toId}`);
    }
  }
  return [...associated.values()];
}

/**
 * The input of a replayed read-after-write sequence: a configuration create is judged by its own answer; a read by
 * what the writes re-sent before it associated (and no archive removed since) from the records it asked for. None
 * when there is nothing to expect, where the runner judged nothing either, or when the reads now stop short of a
 * record (a fixed provider's next page, which the run never read).
 */
function rebuildReadAfterWrite({ exchanges, history }: ReplayedSequence): ReadAfterWriteInput[] {
  // A configuration create is the whole of its sequence.
  const [created, ...others] = exchanges.map(endpointAnswer);
  if (others.length === 0 && created?.operation.endpoint === 'configurations-batch-create')
    return isSuccess(created.exchange.response?.status ?? 0) ? [configurationReadBack(created)] : [];
  const reads = answersOf(exchanges, 'batch-read');
  const [firstRead] = reads;
  if (!firstRead || readsStopShort(exchanges)) return [];
  const expected = associatedBefore(history, firstRead.exchange.id, new Set(readIds(firstRead.sent)));
  return expected.length > 0 ? [{ expected, reads }] : [];
}

/**
 * Read reflects every write at once (HubSpot's associations are read-your-writes, FACTS.md §1-§2):
 * an association made is read back, with the default type the write reported. A lost write makes
 * every sync built on the API drift silently.
 */
export const readAfterWrite: SequenceCheck<ReadAfterWriteInput> = {
  ...checkDeclaration('read-after-write'),
  exchangeIds({ expected, reads }) {
    return sentInOrder(
      expected.map((association) => association.writtenBy),
      reads,
    );
  },
  rebuild: rebuildReadAfterWrite,
  exercised({ expected, reads, writes }) {
    return reads.length > 0 ? (writes ?? expected.length) : 0;
  },
  check({ expected, reads }) {
    const first = reads[0];
    if (!first) return [];
    const findings: Finding[] = [];
    const found = typesByPair(reads, new Set(expected.map((association) => association.fromId)));
    for (const association of expected) {
      const types = found.get(`${association.fromId}>${association.toId}`);
      if (types === undefined) {
        findings.push(
          findingFor(first, {
            check: this.id,
            instancePath: '/results',
            message: `${association.fromId} -> ${association.toId} was associated but is not read back`,
            expected: `${association.fromId} -> ${association.toId}`,
            actual: 'absent',
          }),
        );
      } else if (association.typeId !== undefined && !types.includes(association.typeId)) {
        findings.push(
          findingFor(first, {
            check: this.id,
            instancePath: '/results',
            message: `${association.fromId} -> ${association.toId} is read back without its default type ${association.typeId} (types ${types.join(', ') || 'none'})`,
            expected: association.typeId,
            actual: types,
          }),
        );
      }
    }
    return findings;
  },
};
