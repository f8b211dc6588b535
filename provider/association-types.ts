/** The association category enum of every version's schema (FACTS §5). */
export type AssociationCategory = 'HUBSPOT_DEFINED' | 'INTEGRATOR_DEFINED' | 'USER_DEFINED' | 'WORK';

/**
 * The association types the sandbox knows, per ordered pair of object types. HubSpot-defined
 * IDs follow HubSpot's published table of default association type IDs (e.g. contact → company
 * 279, company → contact 280, primary 1/2, deal → contact 3 / 4, ...). The custom type's IDs
 * (861-870) and the user-defined labels (142-147) are invented: they are portal-specific in
 * HubSpot. Each label pair has one ID per direction, as in HubSpot.
 */
export interface AssociationTypeDefinition {
  readonly fromTypeId: string;
  readonly toTypeId: string;
  readonly category: AssociationCategory;
  readonly typeId: number;
  /** Absent for the unlabeled default type. */
  readonly label?: string;
  /** True for the one default (unlabeled) type of the pair, the one "associate default" uses. */
  readonly isDefault: boolean;
}

type Pair = readonly [from: string, to: string];

/** Default (unlabeled) type per direction: [from, to, forward ID, reverse ID, category]. */
const DEFAULTS: readonly (readonly [string, string, number, number, AssociationCategory])[] = [
  ['0-1', '0-2', 279, 280, 'HUBSPOT_DEFINED'],
  ['0-3', '0-1', 3, 4, 'HUBSPOT_DEFINED'],
  ['0-3', '0-2', 341, 342, 'HUBSPOT_DEFINED'],
  ['0-5', '0-1', 16, 15, 'HUBSPOT_DEFINED'],
  ['0-5', '0-2', 339, 340, 'HUBSPOT_DEFINED'],
  ['0-3', '0-5', 27, 28, 'HUBSPOT_DEFINED'],
  ['0-1', '0-1', 449, 449, 'HUBSPOT_DEFINED'],
  ['0-2', '0-2', 450, 450, 'HUBSPOT_DEFINED'],
  ['0-3', '0-3', 451, 451, 'HUBSPOT_DEFINED'],
  ['0-5', '0-5', 452, 452, 'HUBSPOT_DEFINED'],
  ['0-1', '2-4417271', 861, 862, 'USER_DEFINED'],
  ['0-2', '2-4417271', 863, 864, 'USER_DEFINED'],
  ['0-3', '2-4417271', 865, 866, 'USER_DEFINED'],
  ['0-5', '2-4417271', 867, 868, 'USER_DEFINED'],
  ['2-4417271', '2-4417271', 869, 869, 'USER_DEFINED'],
];

/** Labeled types per direction: [from, to, forward ID, reverse ID, category, forward label, reverse label]. */
const LABELS: readonly (readonly [string, string, number, number, AssociationCategory, string, string])[] = [
  ['0-1', '0-2', 1, 2, 'HUBSPOT_DEFINED', 'Primary', 'Primary'],
  ['0-3', '0-2', 5, 6, 'HUBSPOT_DEFINED', 'Primary', 'Primary'],
  ['0-5', '0-2', 26, 25, 'HUBSPOT_DEFINED', 'Primary', 'Primary'],
  // Unicode on purpose: labels are user text (accents, CJK, emoji), and clients must keep them intact.
  ['0-1', '0-2', 142, 143, 'USER_DEFINED', 'Décideur · 決定者', 'Employeur 🏢'],
  ['0-3', '0-1', 144, 145, 'USER_DEFINED', 'Champion ✓', 'Champion ✓'],
  ['2-4417271', '0-2', 146, 147, 'USER_DEFINED', 'Maître d’œuvre', 'Projet géré'],
];

function build(): AssociationTypeDefinition[] {
  const out: AssociationTypeDefinition[] = [];
  for (const [from, to, forward, reverse, category] of DEFAULTS) {
    out.push({ fromTypeId: from, toTypeId: to, category, typeId: forward, isDefault: true });
    if (from !== to) out.push({ fromTypeId: to, toTypeId: from, category, typeId: reverse, isDefault: true });
  }
  for (const [from, to, forward, reverse, category, label, reverseLabel] of LABELS) {
    out.push({ fromTypeId: from, toTypeId: to, category, typeId: forward, label, isDefault: false });
    out.push({ fromTypeId: to, toTypeId: from, category, typeId: reverse, label: reverseLabel, isDefault: false });
  }
  return out;
}

/** Every built-in association type, both directions. */
export const ASSOCIATION_TYPES: readonly AssociationTypeDefinition[] = build();

const key = ([from, to]: Pair): string => `${from}>${to}`;
const BY_PAIR = new Map<string, AssociationTypeDefinition[]>();
for (const definition of ASSOCIATION_TYPES) {
  const pairKey = key([definition.fromTypeId, definition.toTypeId]);
  const list = BY_PAIR.get(pairKey) ?? [];
  if (list.some((other) => other.typeId === definition.typeId))
    throw new Error(`association type ${definition.typeId} defined twice for ${pairKey}`);
  list.push(definition);
  BY_PAIR.set(pairKey, list);
}

/** The types defined from one object type to another (one direction). */
export function typesForPair(fromTypeId: string, toTypeId: string): readonly AssociationTypeDefinition[] {
  return BY_PAIR.get(key([fromTypeId, toTypeId])) ?? [];
}

/** The default (unlabeled) type of a direction; every pair of the sandbox's types has one. */
export function defaultTypeFor(fromTypeId: string, toTypeId: string): AssociationTypeDefinition {
  const found = typesForPair(fromTypeId, toTypeId).find((definition) => definition.isDefault);
  if (!found) throw new Error(`no default association type from ${fromTypeId} to ${toTypeId}`);
  return found;
}

/** The type of the opposite direction that pairs with `definition` (same label pair or default). */
export function reverseOf(definition: AssociationTypeDefinition): AssociationTypeDefinition {
  if (definition.isDefault) return defaultTypeFor(definition.toTypeId, definition.fromTypeId);
  if (definition.fromTypeId === definition.toTypeId) return definition;
  for (const [from, to, forward, reverse] of LABELS) {
    if (from === definition.fromTypeId && to === definition.toTypeId && forward === definition.typeId)
      return find(to, from, reverse);
    if (to === definition.fromTypeId && from === definition.toTypeId && reverse === definition.typeId)
      return find(from, to, forward);
  }
  throw new Error(`association type ${definition.typeId} has no reverse`);
}

function find(from: string, to: string, typeId: number): AssociationTypeDefinition {
  const found = typesForPair(from, to).find((definition) => definition.typeId === typeId);
  if (!found) throw new Error(`no association type ${typeId} from ${from} to ${to}`);
  return found;
}
