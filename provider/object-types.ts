/**
 * The CRM object types the sandbox holds. Paths name a type by name ("contacts", "contact"), by
 * type ID ("0-1") or, for the custom type, by its fully qualified name ("p48213907_projects"):
 * FACTS §0 "fromObjectType/toObjectType accept names or type IDs".
 */

/** One object type. */
export interface ObjectType {
  /** Type ID: `0-n` for HubSpot's types, `2-n` for custom ones. */
  readonly id: string;
  /** Plural name, as in `/crm/v3/objects/contacts`. */
  readonly name: string;
  /** Every other spelling a path may use (case-insensitive). */
  readonly aliases: readonly string[];
  /** The property every created record gets a value for, so records read as real ones. */
  readonly primaryProperty: string;
}

/** The sandbox's portal ID; custom type names are qualified with it (`p<portalId>_<name>`). */
export const PORTAL_ID = 48213907;

/** Contacts, companies, deals, tickets (HubSpot's type IDs) and one custom type. */
export const OBJECT_TYPES: readonly ObjectType[] = [
  { id: '0-1', name: 'contacts', aliases: ['contact'], primaryProperty: 'email' },
  { id: '0-2', name: 'companies', aliases: ['company'], primaryProperty: 'domain' },
  { id: '0-3', name: 'deals', aliases: ['deal'], primaryProperty: 'dealname' },
  { id: '0-5', name: 'tickets', aliases: ['ticket'], primaryProperty: 'subject' },
  // The custom type's ID is invented (custom type IDs are portal-specific).
  {
    id: '2-4417271',
    name: 'projects',
    aliases: ['project', `p${PORTAL_ID}_projects`],
    primaryProperty: 'project_name',
  },
];

const BY_SPELLING = new Map<string, ObjectType>();
for (const type of OBJECT_TYPES) {
  for (const spelling of [type.id, type.name, ...type.aliases]) {
    const key = spelling.toLowerCase();
    if (BY_SPELLING.has(key)) throw new Error(`object type spelling "${spelling}" is used twice`);
    BY_SPELLING.set(key, type);
  }
}

/** The type a path segment names, or undefined for an unknown one. */
export function resolveObjectType(spelling: string): ObjectType | undefined {
  return BY_SPELLING.get(spelling.toLowerCase());
}
