import type { Finding } from '../registry/finding.js';
import { field } from '../json.js';
import { checkDeclaration } from '../registry/index.js';
import { jsonId } from '../validate/batch-view.js';
import { findingFor, sentInOrder } from './support.js';
import type { ObservedExchange, SequenceCheck } from './types.js';

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

/** An association type's `typeId` as a number (a digit string counts), else NaN, which matches no type. */
function typeIdOf(type: unknown): number {
  const typeId = jsonId(field(type, 'typeId'));
  return typeId === undefined ? Number.NaN : Number(typeId);
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
