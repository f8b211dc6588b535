import { reverseOf, type AssociationCategory, type AssociationTypeDefinition } from './association-types.js';
import { OBJECT_TYPES } from './object-types.js';
import type { Random } from './random.js';

/** One CRM record. */
export interface CrmRecord {
  readonly id: string;
  readonly typeId: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly createdAt: number;
}

/** A configured limit on one association type (definitions/configurations). */
export interface LimitConfiguration {
  readonly category: AssociationCategory;
  readonly typeId: number;
  readonly maxToObjectIds: number;
}

/** The records one record is associated with in one direction, with the type IDs linking each. */
export interface AssociatedTarget {
  readonly toId: string;
  readonly typeIds: readonly number[];
}

/** Numeric order of digit-string IDs (shorter is smaller; IDs have no leading zeros). */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

const recordKey = (typeId: string, id: string): string => `${typeId}|${id}`;
const sideKey = (fromTypeId: string, fromId: string, toTypeId: string): string => `${fromTypeId}|${fromId}|${toTypeId}`;
const pairKey = (fromTypeId: string, toTypeId: string): string => `${fromTypeId}>${toTypeId}`;

/**
 * One record's associations to one object type: the targets with their type IDs, how many targets
 * each type links (so a configured limit is checked in O(1), not by counting every target), and
 * the targets in ID order, kept until the next change (so following the pages of a record with
 * thousands of associations sorts them once, not once per page).
 */
interface Side {
  readonly targets: Map<string, Set<number>>;
  readonly typeCounts: Map<number, number>;
  sorted: AssociatedTarget[] | undefined;
}

/**
 * The sandbox's in-memory CRM: records, associations (stored in both directions, as HubSpot
 * reports them) and limit configurations. Every write is visible to the next read at once. Every
 * write and every lookup is O(1) in the number of associations a record has, so provisioning
 * thousands of them stays linear; a read sorts a record's targets once per change.
 */
export class Store {
  private readonly records = new Map<string, CrmRecord>();
  /** `from type | from id | to type` -> that record's associations to that type. */
  private readonly associations = new Map<string, Side>();
  private readonly configurations = new Map<string, Map<number, LimitConfiguration>>();
  private small: number;
  private large: number;
  private turn = 0;

  constructor(private readonly random: Random) {
    // Two interleaved ID sequences: half the IDs fit in int32, half do not (> 2^31), because
    // int32 IDs corrupted real clients (hubspot-api-php#261, FACTS §7.6).
    this.small = random.int(100_000, 900_000);
    this.large = random.int(5_000_000_000, 19_000_000_000);
  }

  /**
   * A canonical listing of everything stored (records, associations, configurations), for tests
   * that prove a run leaves a portal as it found it.
   */
  contents(): {
    readonly records: readonly string[];
    readonly associations: readonly string[];
    readonly configurations: readonly string[];
  } {
    const records = [...this.records.values()].map((record) => `${record.typeId}:${record.id}`).sort();
    const associations: string[] = [];
    for (const [side, { targets }] of this.associations)
      for (const [toId, types] of targets) for (const typeId of types) associations.push(`${side}>${toId}:${typeId}`);
    const configurations: string[] = [];
    for (const [pair, byType] of this.configurations)
      for (const [typeId, configuration] of byType)
        configurations.push(`${pair}:${typeId}:${JSON.stringify(configuration)}`);
    return { records, associations: associations.sort(), configurations: configurations.sort() };
  }

  /** A fresh record ID: a digit string, alternately below and above 2^31. */
  nextId(): string {
    this.turn += 1;
    if (this.turn % 2 === 1) {
      this.small += this.random.int(1, 997);
      return String(this.small);
    }
    this.large += this.random.int(1, 9_973);
    return String(this.large);
  }

  createRecord(typeId: string, properties: Readonly<Record<string, string>>, now: number): CrmRecord {
    const record: CrmRecord = { id: this.nextId(), typeId, properties: { ...properties }, createdAt: now };
    this.records.set(recordKey(typeId, record.id), record);
    return record;
  }

  getRecord(typeId: string, id: string): CrmRecord | undefined {
    return this.records.get(recordKey(typeId, id));
  }

  /** Archives a record and every association to or from it. Unknown IDs are ignored (archive is idempotent). */
  archiveRecord(typeId: string, id: string): void {
    if (!this.records.delete(recordKey(typeId, id))) return;
    for (const { id: toTypeId } of OBJECT_TYPES) {
      const key = sideKey(typeId, id, toTypeId);
      for (const toId of [...(this.associations.get(key)?.targets.keys() ?? [])])
        this.unlink(sideKey(toTypeId, toId, typeId), id);
      this.associations.delete(key);
    }
  }

  /** Adds `definition` from one record to another and its reverse type back; adding it twice changes nothing. */
  associate(fromId: string, toId: string, definition: AssociationTypeDefinition): void {
    this.link(definition.fromTypeId, fromId, definition.toTypeId, toId, definition.typeId);
    this.link(definition.toTypeId, toId, definition.fromTypeId, fromId, reverseOf(definition).typeId);
  }

  private link(fromTypeId: string, fromId: string, toTypeId: string, toId: string, typeId: number): void {
    const key = sideKey(fromTypeId, fromId, toTypeId);
    let side = this.associations.get(key);
    if (!side) {
      side = { targets: new Map(), typeCounts: new Map(), sorted: undefined };
      this.associations.set(key, side);
    }
    let types = side.targets.get(toId);
    if (!types) {
      types = new Set();
      side.targets.set(toId, types);
    }
    if (types.has(typeId)) return;
    types.add(typeId);
    side.typeCounts.set(typeId, (side.typeCounts.get(typeId) ?? 0) + 1);
    side.sorted = undefined;
  }

  /** Removes every type linking one side to `toId`, keeping the type counts right. */
  private unlink(key: string, toId: string): void {
    const side = this.associations.get(key);
    const types = side?.targets.get(toId);
    if (!side || !types) return;
    for (const typeId of types) side.typeCounts.set(typeId, (side.typeCounts.get(typeId) ?? 1) - 1);
    side.targets.delete(toId);
    side.sorted = undefined;
  }

  /** Removes every association type between two records, in both directions. */
  archiveAssociations(fromTypeId: string, fromId: string, toTypeId: string, toId: string): void {
    this.unlink(sideKey(fromTypeId, fromId, toTypeId), toId);
    this.unlink(sideKey(toTypeId, toId, fromTypeId), fromId);
  }

  /** The records `fromId` is associated with in `toTypeId`, in ID order (the order pages follow); do not modify. */
  associationsOf(fromTypeId: string, fromId: string, toTypeId: string): readonly AssociatedTarget[] {
    const side = this.associations.get(sideKey(fromTypeId, fromId, toTypeId));
    if (!side) return [];
    side.sorted ??= [...side.targets]
      .filter(([, types]) => types.size > 0)
      .map(([toId, types]) => ({ toId, typeIds: [...types].sort((a, b) => a - b) }))
      .sort((a, b) => compareIds(a.toId, b.toId));
    return side.sorted;
  }

  /** How many records `fromId` is linked to with `typeId` (for limit configurations). */
  countWithType(fromTypeId: string, fromId: string, toTypeId: string, typeId: number): number {
    return this.associations.get(sideKey(fromTypeId, fromId, toTypeId))?.typeCounts.get(typeId) ?? 0;
  }

  /** Whether one record is linked to another with `typeId`. */
  hasAssociation(fromTypeId: string, fromId: string, toTypeId: string, toId: string, typeId: number): boolean {
    return (
      this.associations
        .get(sideKey(fromTypeId, fromId, toTypeId))
        ?.targets.get(toId)
        ?.has(typeId) ?? false
    );
  }

  setConfiguration(fromTypeId: string, toTypeId: string, configuration: LimitConfiguration): void {
    const key = pairKey(fromTypeId, toTypeId);
    const byType = this.configurations.get(key) ?? new Map<number, LimitConfiguration>();
    byType.set(configuration.typeId, configuration);
    this.configurations.set(key, byType);
  }

  /** Removes the limit configured on one association type (configurations purge). */
  removeConfiguration(fromTypeId: string, toTypeId: string, typeId: number): void {
    this.configurations.get(pairKey(fromTypeId, toTypeId))?.delete(typeId);
  }

  configuration(fromTypeId: string, toTypeId: string, typeId: number): LimitConfiguration | undefined {
    return this.configurations.get(pairKey(fromTypeId, toTypeId))?.get(typeId);
  }

  /** Every limit configured on a pair's association types, in type ID order (configurations read). */
  configurationsOf(fromTypeId: string, toTypeId: string): readonly LimitConfiguration[] {
    return [...(this.configurations.get(pairKey(fromTypeId, toTypeId))?.values() ?? [])].sort(
      (a, b) => a.typeId - b.typeId,
    );
  }
}
