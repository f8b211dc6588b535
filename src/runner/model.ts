import type { ObservedExchange } from '../checks/index.js';

/** An association the run made: the default type its first write reported, and that write's exchange id. */
export interface ModelAssociation {
  readonly fromId: string;
  readonly toId: string;
  readonly typeId?: number;
  readonly writtenBy?: number;
}

/**
 * What the run believes the portal holds because of what the run did: the associations it made
 * (with the default type each write reported) and the limit configurations it created. The
 * stateful commands update it, and read-after-write compares reads with it.
 */
export class RunModel {
  /** `fromId>toId` -> the association type id the first write reported (if it said). */
  readonly associations = new Map<string, ModelAssociation>();
  /** `fromId>toId` -> the first write that associated the pair, to compare repeats with (idempotency). */
  readonly firstWrites = new Map<string, ObservedExchange>();
  /** typeId -> maxToObjectIds. */
  readonly configurations = new Map<number, number>();
  /** The default association type the portal reported for the run's pair of object types. */
  defaultTypeId: number | undefined;

  associate(fromId: string, toId: string, typeId?: number, writtenBy?: number): void {
    const key = `${fromId}>${toId}`;
    const existing = this.associations.get(key);
    // The first reported type and write stand: a repeat that reports another is the idempotency check's to judge.
    const kept = existing?.typeId ?? typeId;
    const firstWrite = existing ? existing.writtenBy : writtenBy;
    this.associations.set(key, {
      fromId,
      toId,
      ...(kept !== undefined ? { typeId: kept } : {}),
      ...(firstWrite !== undefined ? { writtenBy: firstWrite } : {}),
    });
    if (typeId !== undefined) this.defaultTypeId ??= typeId;
  }

  archive(fromId: string, toId: string): void {
    this.associations.delete(`${fromId}>${toId}`);
    this.firstWrites.delete(`${fromId}>${toId}`);
  }

  /** The associations made from these records. */
  from(fromIds: readonly string[]): ModelAssociation[] {
    const wanted = new Set(fromIds);
    return [...this.associations.values()].filter((a) => wanted.has(a.fromId));
  }
}
