import { describe, expect, it } from 'vitest';
import { compareDecoded } from './compare.js';
import { modelView } from './model-view.js';

/** The gate's comparison of a body with an SDK's decoded model. */

class PublicObjectId {
  static attributeTypeMap = [{ name: 'id', baseName: 'id' }];
  constructor(readonly id: string) {}
}
class PublicDefaultAssociation {
  static attributeTypeMap = [
    { name: '_from', baseName: 'from' },
    { name: 'to', baseName: 'to' },
    { name: 'associationSpec', baseName: 'associationSpec' },
  ];
  constructor(
    readonly _from: PublicObjectId,
    readonly to: PublicObjectId,
    readonly associationSpec: { associationCategory: string; associationTypeId: number },
  ) {}
}

const body = {
  status: 'COMPLETE',
  results: [
    {
      from: { id: '5434402448' },
      to: { id: '31907' },
      associationSpec: { associationCategory: 'WORK', associationTypeId: 279 },
    },
  ],
  startedAt: '2026-03-30T09:15:02.118456Z',
  completedAt: '2026-03-30T09:15:03+05:30',
  requestedAt: null,
  batchId: 'undeclared, so nobody may be blamed for dropping it',
};

function decoded(overrides: Partial<Record<string, unknown>> = {}): unknown {
  return {
    status: 'COMPLETE',
    results: [
      new PublicDefaultAssociation(new PublicObjectId('5434402448'), new PublicObjectId('31907'), {
        associationCategory: 'WORK',
        associationTypeId: 279,
      }),
    ],
    startedAt: new Date('2026-03-30T09:15:02.118Z'),
    completedAt: new Date('2026-03-30T03:45:03Z'),
    requestedAt: null,
    ...overrides,
  };
}

describe('compareDecoded over modelView', () => {
  it('finds nothing when the model holds every declared field (renamed `_from`, dates to the millisecond, null kept, undeclared field ignored)', () => {
    expect(compareDecoded('v4', 'BatchResponsePublicDefaultAssociation', body, modelView(decoded()))).toEqual([]);
  });

  it('an ID above 2^31 squeezed through int32 is corrupted; a dropped field is lost; a null that became undefined is lost', () => {
    const broken = decoded({
      results: [
        new PublicDefaultAssociation(new PublicObjectId(String(5434402448 | 0)), new PublicObjectId('31907'), {
          associationCategory: 'WORK',
          associationTypeId: 279,
        }),
      ],
      requestedAt: undefined,
      completedAt: new Date(Number.NaN),
    });
    expect(compareDecoded('v4', 'BatchResponsePublicDefaultAssociation', body, modelView(broken))).toEqual([
      {
        kind: 'corrupted',
        pointer: '/results/0/from/id',
        required: true,
        expected: '5434402448',
        actual: '1139435152',
      },
      {
        kind: 'corrupted',
        pointer: '/completedAt',
        required: true,
        expected: '2026-03-30T09:15:03+05:30',
        actual: 'Invalid Date',
      },
      { kind: 'lost', pointer: '/requestedAt', required: false, expected: null },
    ]);
  });

  it('a shorter array is corrupted at the array', () => {
    expect(
      compareDecoded('v4', 'BatchResponsePublicDefaultAssociation', body, modelView(decoded({ results: [] }))),
    ).toEqual([
      { kind: 'corrupted', pointer: '/results', required: true, expected: 'an array of 1', actual: 'an array of 0' },
    ]);
  });
});
