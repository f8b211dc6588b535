import { reverseOf, type AssociationTypeDefinition } from './association-types.js';
import { OBJECT_TYPES } from './object-types.js';
import type { Random } from './random.js';

/** The association category enum of every version's schema (FACTS §5). */
export type AssociationCategory = 'HUBSPOT_DEFINED' | 'INTEGRATOR_DEFINED' | 'USER_DEFINED' | 'WORK';

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
 * The sandbox's in-memory CRM: records, associations (stored in both directions, as HubSpot
 * reports them) and limit configurations. Every write is visible to the next read at once.
 */
export class Store {
  private readonly records = new Map<string, CrmRecord>();
  /** `from type | from id | to type` -> to id -> association type IDs. */
  private readonly associations = new Map<string, Map<string, Set<number>>>();
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
  contents(): { readonly records: readonly string[]; readonly associations: readonly string[]; readonly configurations: readonly string[] } {
    const records = [...this.records.values()].map((record) => `${record.typeId}:${record.id}`).sort();
    const associations: string[] = [];
    for (const [side, targets] of this.associations) for (const [toId, types] of targets) for (const typeId of types) associations.push(`${side}>${toId}:${typeId}`);
    const configurations: string[] = [];
    for (const [pair, byType] of this.configurations) for (const [typeId, configuration] of byType) configurations.push(`${pair}:${typeId}:${JSON.stringify(configuration)}`);
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
      for (const toId of this.associations.get(key)?.keys() ?? []) this.associations.get(sideKey(toTypeId, toId, typeId))?.delete(id);
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
    let targets = this.associations.get(key);
    if (!targets) {
      targets = new Map();
      this.associations.set(key, targets);
    }
    let types = targets.get(toId);
    if (!types) {
      types = new Set();
      targets.set(toId, types);
    }
    types.add(typeId);
  }

  /** Removes every association type between two records, in both directions. */
  archiveAssociations(fromTypeId: string, fromId: string, toTypeId: string, toId: string): void {
    this.associations.get(sideKey(fromTypeId, fromId, toTypeId))?.delete(toId);
    this.associations.get(sideKey(toTypeId, toId, fromTypeId))?.delete(fromId);
  }

  /** The records `fromId` is associated with in `toTypeId`, in ID order (the order pages follow). */
  associationsOf(fromTypeId: string, fromId: string, toTypeId: string): AssociatedTarget[] {
    const targets = this.associations.get(sideKey(fromTypeId, fromId, toTypeId));
    if (!targets) return [];
    return [...targets]
      .filter(([, types]) => types.size > 0)
      .map(([toId, types]) => ({ toId, typeIds: [...types].sort((a, b) => a - b) }))
      .sort((a, b) => compareIds(a.toId, b.toId));
  }

  /** How many records `fromId` is linked to with `typeId` (for limit configurations). */
  countWithType(fromTypeId: string, fromId: string, toTypeId: string, typeId: number): number {
    let count = 0;
    for (const types of this.associations.get(sideKey(fromTypeId, fromId, toTypeId))?.values() ?? []) if (types.has(typeId)) count += 1;
    return count;
  }

  /** Whether one record is linked to another with `typeId`. */
  hasAssociation(fromTypeId: string, fromId: string, toTypeId: string, toId: string, typeId: number): boolean {
    return this.associations.get(sideKey(fromTypeId, fromId, toTypeId))?.get(toId)?.has(typeId) ?? false;
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
}
