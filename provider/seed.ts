import { defaultTypeFor, typesForPair } from './association-types.js';
import { OBJECT_TYPES, type ObjectType } from './object-types.js';
import type { Store } from './state.js';

/** What to seed; every field has a documented default. */
export interface SeedDataOptions {
  /** Records per object type (default 24; contacts get at least `hubAssociations + 1`). */
  readonly recordsPerType?: number;
  /**
   * How many contacts the first company is associated with (default 620): more than a page of
   * HubSpot's 500, so reading that company's contacts pages with `after`.
   */
  readonly hubAssociations?: number;
}

/** What was seeded, so tests and runs can name real records without listing them first. */
export interface SeedSummary {
  /** Record IDs by object type name, in creation order. */
  readonly records: Readonly<Record<string, readonly string[]>>;
  /** The company associated with `hubAssociations` contacts (its contacts read in pages). */
  readonly hubCompanyId: string;
  /** Per type name, a record with no association at all. */
  readonly unassociated: Readonly<Record<string, string>>;
}

const FIRST_NAMES = ['Zoë', 'Ada', 'Łukasz', 'Søren', 'Amélie', '美咲', 'José', 'Nnamdi'];
const LAST_NAMES = ['Okafor', 'Lovelace', 'Nowak', 'Kierkegaard', 'Poulain', '岡田', 'Muñoz', 'Eze'];

function propertiesFor(type: ObjectType, index: number): Record<string, string> {
  const first = FIRST_NAMES[index % FIRST_NAMES.length] ?? 'Ada';
  const last = LAST_NAMES[(index * 3) % LAST_NAMES.length] ?? 'Lovelace';
  switch (type.name) {
    case 'contacts':
      return { email: `contact${index}@example.com`, firstname: first, lastname: last };
    case 'companies':
      return { domain: `company${index}.example.com`, name: `${last} & Fils ${index}` };
    case 'deals':
      return {
        dealname: `Renouvellement ${index} — ${last}`,
        amount: String(1000 + index * 250),
        dealstage: 'appointmentscheduled',
      };
    case 'tickets':
      return { subject: `Ticket ${index}: ça ne marche pas`, hs_pipeline_stage: '1' };
    default:
      return { [type.primaryProperty]: `Projet ${index} ${first}` };
  }
}

function requireRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`seedData.${name} must be a whole number in ${min}..${max}, got ${String(value)}`);
  return value;
}

/** Validated seed options with defaults applied; bad values throw a RangeError naming them. */
export function seedDefaults(options: SeedDataOptions = {}): Required<SeedDataOptions> {
  return {
    recordsPerType: requireRange('recordsPerType', options.recordsPerType ?? 24, 3, 100_000),
    hubAssociations: requireRange('hubAssociations', options.hubAssociations ?? 620, 1, 100_000),
  };
}

/**
 * Fills the store: records of every type (digit-string IDs, half above 2^31), default
 * associations between them, labeled ones (unicode labels, a primary company), one company with
 * more contacts than a page, one unassociated record per type, and two limit configurations.
 */
export function seedStore(store: Store, options: Required<SeedDataOptions>, now: number): SeedSummary {
  const records: Record<string, string[]> = {};
  const byType = new Map<string, string[]>();
  for (const type of OBJECT_TYPES) {
    const count =
      type.name === 'contacts' ? Math.max(options.recordsPerType, options.hubAssociations + 1) : options.recordsPerType;
    const ids = Array.from({ length: count }, (_, i) => store.createRecord(type.id, propertiesFor(type, i), now).id);
    records[type.name] = ids;
    byType.set(type.id, ids);
  }
  const ids = (typeId: string): string[] => byType.get(typeId) ?? [];
  const at = (typeId: string, index: number): string => {
    const id = ids(typeId)[index];
    if (id === undefined) throw new Error(`seed: no record ${index} of ${typeId}`);
    return id;
  };
  const label = (from: string, to: string, typeId: number) => {
    const found = typesForPair(from, to).find((definition) => definition.typeId === typeId);
    if (!found) throw new Error(`seed: no association type ${typeId} from ${from} to ${to}`);
    return found;
  };

  // The hub company: more contacts than a page.
  const hub = at('0-2', 0);
  for (let i = 0; i < options.hubAssociations; i++) store.associate(at('0-1', i), hub, defaultTypeFor('0-1', '0-2'));
  store.associate(at('0-1', 0), hub, label('0-1', '0-2', 1));
  store.associate(at('0-1', 0), hub, label('0-1', '0-2', 142));

  // Every other record but the last of its type is linked to the record of the same index.
  const linked = options.recordsPerType - 1;
  for (let i = 1; i < linked; i++) {
    store.associate(at('0-3', i), at('0-1', i), defaultTypeFor('0-3', '0-1'));
    store.associate(at('0-3', i), at('0-2', i), defaultTypeFor('0-3', '0-2'));
    store.associate(at('0-5', i), at('0-1', i), defaultTypeFor('0-5', '0-1'));
    store.associate(at('0-5', i), at('0-2', i), defaultTypeFor('0-5', '0-2'));
    store.associate(at('2-4417271', i), at('0-2', i), defaultTypeFor('2-4417271', '0-2'));
    store.associate(at('0-1', i), at('2-4417271', i), defaultTypeFor('0-1', '2-4417271'));
  }
  store.associate(at('0-3', 0), at('0-1', 0), label('0-3', '0-1', 144));
  store.associate(at('0-3', 0), hub, label('0-3', '0-2', 5));
  store.associate(at('0-5', 0), hub, label('0-5', '0-2', 26));
  store.associate(at('2-4417271', 0), hub, label('2-4417271', '0-2', 146));

  store.setConfiguration('0-1', '0-2', { category: 'USER_DEFINED', typeId: 142, maxToObjectIds: 5 });
  store.setConfiguration('0-3', '0-1', { category: 'USER_DEFINED', typeId: 144, maxToObjectIds: 3 });

  const unassociated: Record<string, string> = {};
  for (const type of OBJECT_TYPES) {
    const last = ids(type.id).at(-1);
    if (last !== undefined) unassociated[type.name] = last;
  }
  return { records, hubCompanyId: hub, unassociated };
}
