/**
 * The JSON view of a decoded SDK model: property names mapped back to the wire names with the
 * model's own attribute table (`attributeTypeMap`: the SDK calls `from` `_from`), Dates kept as
 * Dates, everything else as it is. The comparison reads the view, so a renamed property is not
 * taken for a lost field, and a property the model dropped really is missing.
 */

interface Attribute {
  readonly name: string;
  readonly baseName: string;
}

function attributesOf(value: object): readonly Attribute[] | undefined {
  const table = (value.constructor as { attributeTypeMap?: unknown } | undefined)?.attributeTypeMap;
  if (!Array.isArray(table)) return undefined;
  return table.filter(
    (entry): entry is Attribute =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as Attribute).name === 'string' &&
      typeof (entry as Attribute).baseName === 'string',
  );
}

/** The view of a decoded value. */
export function modelView(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(modelView);
  const toWire = new Map((attributesOf(value) ?? []).map((attribute) => [attribute.name, attribute.baseName]));
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    if (field === undefined) continue;
    out[toWire.get(name) ?? name] = modelView(field);
  }
  return out;
}
