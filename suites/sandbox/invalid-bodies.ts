import type { EndpointId } from '../../src/catalogue/index.js';

/** The endpoints under test that take a request body (PUT default has none). */
export type BodyEndpoint = Exclude<EndpointId, 'associate-default'>;

/** One request body the version's request definition makes invalid, and what the 400 names. */
export interface InvalidBody {
  readonly what: string;
  readonly body: unknown;
  /** What the 400's message must match. */
  readonly message: RegExp;
}

const NOT_COERCIBLE = [
  ['an object', {}],
  ['an array', []],
  ['a boolean', true],
] as const;

/** Every way to break the envelope, the same for every batch body. */
const ENVELOPE: readonly InvalidBody[] = [
  { what: 'no body', body: undefined, message: /expected a JSON object with "inputs", got no body/ },
  {
    what: 'a body that is an array',
    body: [{ id: '1' }],
    message: /expected a JSON object with "inputs", got an array/,
  },
  { what: 'a body that is a string', body: 'inputs', message: /expected a JSON object/ },
  { what: 'a body that is a number', body: 42, message: /expected a JSON object/ },
  { what: 'a body that is null', body: null, message: /expected a JSON object/ },
  { what: 'no inputs', body: {}, message: /inputs is required/ },
  { what: 'inputs null', body: { inputs: null }, message: /inputs is required/ },
  { what: 'inputs an object', body: { inputs: { id: '1' } }, message: /inputs must be an array, got an object/ },
  { what: 'inputs a string', body: { inputs: '1' }, message: /inputs must be an array/ },
  { what: 'an input that is a string', body: { inputs: ['1'] }, message: /inputs\[0\] must be an object/ },
  { what: 'an input that is a number', body: { inputs: [1] }, message: /inputs\[0\] must be an object/ },
  { what: 'an input that is null', body: { inputs: [null] }, message: /inputs\[0\] must be an object, got null/ },
  { what: 'an input that is an array', body: { inputs: [[]] }, message: /inputs\[0\] must be an object, got an array/ },
];

const READ: readonly InvalidBody[] = [
  { what: 'an input without id', body: { inputs: [{}] }, message: /inputs\[0\]\.id is required/ },
  { what: 'an input with only after', body: { inputs: [{ after: 'MQ' }] }, message: /inputs\[0\]\.id is required/ },
  { what: 'id null', body: { inputs: [{ id: null }] }, message: /inputs\[0\]\.id is required/ },
  { what: 'the second input without id', body: { inputs: [{ id: '1' }, {}] }, message: /inputs\[1\]\.id is required/ },
  ...NOT_COERCIBLE.map(([kind, value]): InvalidBody => ({
    what: `id ${kind}`,
    body: { inputs: [{ id: value }] },
    message: /inputs\[0\]\.id must be a string/,
  })),
  ...NOT_COERCIBLE.map(([kind, value]): InvalidBody => ({
    what: `after ${kind}`,
    body: { inputs: [{ id: '1', after: value }] },
    message: /inputs\[0\]\.after must be a string/,
  })),
];

const side = (from: unknown, to: unknown): unknown => ({ inputs: [{ from, to }] });

const ASSOCIATE: readonly InvalidBody[] = [
  { what: 'an input without from', body: { inputs: [{ to: { id: '1' } }] }, message: /inputs\[0\]\.from is required/ },
  { what: 'an input without to', body: { inputs: [{ from: { id: '1' } }] }, message: /inputs\[0\]\.to is required/ },
  { what: 'from null', body: side(null, { id: '1' }), message: /inputs\[0\]\.from is required/ },
  { what: 'from without id', body: side({}, { id: '1' }), message: /inputs\[0\]\.from\.id is required/ },
  { what: 'to without id', body: side({ id: '1' }, {}), message: /inputs\[0\]\.to\.id is required/ },
  { what: 'from.id null', body: side({ id: null }, { id: '1' }), message: /inputs\[0\]\.from\.id is required/ },
  {
    what: 'from a string (the ID itself)',
    body: side('1', { id: '1' }),
    message: /inputs\[0\]\.from must be an object/,
  },
  { what: 'to a number (the ID itself)', body: side({ id: '1' }, 1), message: /inputs\[0\]\.to must be an object/ },
  { what: 'from an array', body: side([{ id: '1' }], { id: '1' }), message: /inputs\[0\]\.from must be an object/ },
  { what: 'to a boolean', body: side({ id: '1' }, true), message: /inputs\[0\]\.to must be an object/ },
  ...NOT_COERCIBLE.map(([kind, value]): InvalidBody => ({
    what: `from.id ${kind}`,
    body: side({ id: value }, { id: '1' }),
    message: /inputs\[0\]\.from\.id must be a string/,
  })),
  ...NOT_COERCIBLE.map(([kind, value]): InvalidBody => ({
    what: `to.id ${kind}`,
    body: side({ id: '1' }, { id: value }),
    message: /inputs\[0\]\.to\.id must be a string/,
  })),
];

const configuration = (extra: Record<string, unknown>, drop?: string): unknown => {
  const input: Record<string, unknown> = { category: 'USER_DEFINED', typeId: 142, maxToObjectIds: 4, ...extra };
  if (drop !== undefined) delete input[drop];
  return { inputs: [input] };
};

const CONFIGURE: readonly InvalidBody[] = [
  ...['category', 'typeId', 'maxToObjectIds'].map((name): InvalidBody => ({
    what: `an input without ${name}`,
    body: configuration({}, name),
    message: new RegExp(`inputs\\[0\\]\\.${name} is required`),
  })),
  { what: 'typeId null', body: configuration({ typeId: null }), message: /inputs\[0\]\.typeId is required/ },
  {
    what: 'typeId a numeric string',
    body: configuration({ typeId: '142' }),
    message: /inputs\[0\]\.typeId must be a 32-bit integer, got string "142"/,
  },
  {
    what: 'typeId a fraction',
    body: configuration({ typeId: 142.5 }),
    message: /inputs\[0\]\.typeId must be a 32-bit integer/,
  },
  {
    what: 'typeId above int32',
    body: configuration({ typeId: 2 ** 31 }),
    message: /inputs\[0\]\.typeId must be a 32-bit integer/,
  },
  {
    what: 'typeId below int32',
    body: configuration({ typeId: -(2 ** 31) - 1 }),
    message: /inputs\[0\]\.typeId must be a 32-bit integer/,
  },
  ...NOT_COERCIBLE.map(([kind, value]): InvalidBody => ({
    what: `typeId ${kind}`,
    body: configuration({ typeId: value }),
    message: /inputs\[0\]\.typeId must be a 32-bit integer/,
  })),
  {
    what: 'maxToObjectIds a numeric string',
    body: configuration({ maxToObjectIds: '4' }),
    message: /inputs\[0\]\.maxToObjectIds must be a 32-bit integer/,
  },
  ...NOT_COERCIBLE.map(([kind, value]): InvalidBody => ({
    what: `maxToObjectIds ${kind}`,
    body: configuration({ maxToObjectIds: value }),
    message: /inputs\[0\]\.maxToObjectIds must be a 32-bit integer/,
  })),
  {
    what: 'category not in the enum',
    body: configuration({ category: 'PARTNER_DEFINED' }),
    message: /inputs\[0\]\.category must be one of HUBSPOT_DEFINED, INTEGRATOR_DEFINED, USER_DEFINED, WORK/,
  },
  {
    what: 'category in lower case',
    body: configuration({ category: 'user_defined' }),
    message: /inputs\[0\]\.category must be one of/,
  },
  { what: 'category a number', body: configuration({ category: 1 }), message: /inputs\[0\]\.category must be one of/ },
  ...NOT_COERCIBLE.map(([kind, value]): InvalidBody => ({
    what: `category ${kind}`,
    body: configuration({ category: value }),
    message: /inputs\[0\]\.category must be one of/,
  })),
];

/**
 * Every request body the spec makes invalid, per endpoint: the envelope broken, a required field
 * missing (or null), a required field of a JSON type no binding coerces (object, array or
 * boolean where a string or integer is expected; a string where an int32 is), an int32 out of
 * range, a value outside its enum. Each must get a 400 `Error`.
 */
export const INVALID_BODIES: Readonly<Record<BodyEndpoint, readonly InvalidBody[]>> = {
  'batch-read': [...ENVELOPE, ...READ],
  'batch-associate-default': [...ENVELOPE, ...ASSOCIATE],
  'configurations-batch-create': [...ENVELOPE, ...CONFIGURE],
};

/**
 * Bodies that look wrong to a strict validator but that HubSpot's binding takes (so they are not
 * refused): a number where a string ID is expected (the Java backend writes it as text; HubSpot's
 * docs send `"id": 9001`), undeclared fields (the published spec leaves objects open), an empty
 * batch. `ids` are two record IDs of the sandbox.
 */
export function acceptedBodies(ids: {
  readonly from: string;
  readonly to: string;
}): Readonly<Record<BodyEndpoint, readonly (readonly [string, unknown])[]>> {
  return {
    'batch-read': [
      ['a numeric id', { inputs: [{ id: Number(ids.from) }] }],
      ['a numeric after (a cursor never issued: a per-input error)', { inputs: [{ id: ids.from, after: 5 }] }],
      ['after null (no cursor)', { inputs: [{ id: ids.from, after: null }] }],
      ['undeclared fields', { inputs: [{ id: ids.from, archived: false }], limit: 10 }],
      ['no inputs to read', { inputs: [] }],
    ],
    'batch-associate-default': [
      ['numeric ids', { inputs: [{ from: { id: Number(ids.from) }, to: { id: Number(ids.to) } }] }],
      ['undeclared fields', { inputs: [{ from: { id: ids.from, type: 'contact' }, to: { id: ids.to } }] }],
    ],
    'configurations-batch-create': [
      ['undeclared fields', { inputs: [{ category: 'USER_DEFINED', typeId: 142, maxToObjectIds: 4, label: 'x' }] }],
    ],
  };
}
