import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPropertySettings } from '../../properties/settings.js';
import { batchView, jsonId } from './batch-view.js';

const read = (text: string): unknown => JSON.parse(text);

describe('batchView: a batch read answer', () => {
  const body = {
    status: 'COMPLETE',
    numErrors: 1,
    results: [
      { from: { id: '101' }, to: [{ toObjectId: '201' }, { toObjectId: '202' }], paging: { next: { after: 'c1' } } },
      { from: { id: '102' }, to: [{ toObjectId: '203' }] },
      { from: { id: '101' }, to: [{ toObjectId: '204' }], paging: { next: { after: 'c2' } } },
    ],
    errors: [{ status: 'error', message: 'No contact with ID 999 exists', context: { ids: ['999'] } }],
  };
  // Built in each test, not while the file is collected: what runs outside a test is in none's coverage.
  const read = () => batchView(body);

  it('reads the envelope', () => {
    const view = read();
    expect(view.value).toBe(body);
    expect(view.isObject).toBe(true);
    expect(view.status).toBe('COMPLETE');
    expect(view.numErrors).toBe(1);
    expect(view.results?.map((result) => result.fromId)).toEqual(['101', '102', '101']);
    expect(view.errors).toHaveLength(1);
  });

  it('lists the targets of a record over all its results, in order, and its first cursor', () => {
    const view = read();
    expect(view.resultsOf('101')).toHaveLength(2);
    expect(view.targetsOf('101')).toEqual([{ toObjectId: '201' }, { toObjectId: '202' }, { toObjectId: '204' }]);
    expect(view.targetsOf('102')).toEqual([{ toObjectId: '203' }]);
    expect(view.nextAfter('101')).toBe('c1');
    expect(view.nextAfter('102')).toBeUndefined();
    expect(view.targetsOf('999')).toEqual([]);
    expect(view.nextAfter('999')).toBeUndefined();
  });

  it('names what the errors name, and counts what they can answer for', () => {
    const view = read();
    expect(view.errorNames.values.has('999')).toBe(true);
    expect(view.errorNames.values.has('99')).toBe(false);
    expect(view.errorCapacity).toBe(1);
  });
});

describe('batchView: an associate default answer', () => {
  it('reads `to` as one object: its id, and no targets', () => {
    const view = batchView({ results: [{ from: { id: '101' }, to: { id: '201' }, associationSpec: {} }] });
    expect(view.results?.[0]).toMatchObject({ fromId: '101', toId: '201', targets: [] });
    expect(view.resultsOf('101').map((result) => result.toId)).toEqual(['201']);
  });
});

describe("batchView: the ids errors name, HubSpot's ways (FACTS.md §5, §7.3)", () => {
  it.each([
    ['the error id', { id: '7' }, ['7']],
    ['context lists, numbers too', { context: { ids: ['8', 9], typeId: ['10'] } }, ['8', '9', '10']],
    ["context as the docs' text", { context: '{ids=[11, 12]}' }, ['11', '12']],
    [
      '`in` and details',
      { in: 'inputs[3].from.id', errors: [{ in: 'fromObjectId=13', context: { ids: ['14'] } }] },
      ['13', '14'],
    ],
    ['whole words of messages', { message: 'pair 101->202 failed' }, ['101', '202']],
  ])('%s', (_what, error, ids) => {
    const names = batchView({ errors: [error] }).errorNames;
    for (const id of ids) expect(names.values.has(id), id).toBe(true);
  });

  it('reads input positions from paths, and not as IDs', () => {
    const names = batchView({ errors: [{ in: 'inputs[3].typeId' }, { errors: [{ in: '/inputs/5' }] }] }).errorNames;
    expect([...names.positions].sort()).toEqual([3, 5]);
    expect(names.values.has('3')).toBe(false);
  });

  it('counts one input per error, or as many as it lists', () => {
    expect(batchView({ errors: [{}, { context: { ids: ['1', '2', '3'] } }, { errors: [{}, {}] }] }).errorCapacity).toBe(
      6,
    );
  });
});

describe('batchView: tolerant of any shape (hostile input)', () => {
  it.each([
    ['nothing read', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'COMPLETE'],
    ['an array', [{ from: { id: '1' } }]],
  ])('an empty view for %s', (_what, value) => {
    const view = batchView(value);
    expect(view.isObject).toBe(false);
    expect(view.results).toBeUndefined();
    expect(view.errors).toEqual([]);
    expect(view.targetsOf('1')).toEqual([]);
    expect(view.nextAfter('1')).toBeUndefined();
    expect(view.errorCapacity).toBe(0);
  });

  it('reads wrong types as absent: results an object, errors a string, status a number, cursor a number', () => {
    const view = batchView({ status: 1, numErrors: '1', results: { from: { id: '1' } }, errors: 'none' });
    expect(view).toMatchObject({
      isObject: true,
      status: undefined,
      numErrors: undefined,
      results: undefined,
      errors: [],
    });
    const odd = batchView({
      results: [null, 7, [], { from: [], to: 'x', paging: { next: { after: 5 } } }, { from: { id: {} } }],
    });
    expect(odd.results?.map(({ fromId, toId, targets, after }) => ({ fromId, toId, targets, after }))).toEqual(
      Array.from({ length: 5 }, () => ({ fromId: undefined, toId: undefined, targets: [], after: undefined })),
    );
  });

  it('takes numbers as IDs (a lenient provider), and nothing else', () => {
    const view = batchView({ results: [{ from: { id: 101 }, to: { id: 201 } }] });
    expect(view.resultsOf('101').map((result) => result.toId)).toEqual(['201']);
    expect([jsonId('7'), jsonId(7), jsonId(true), jsonId(null), jsonId(Number.NaN), jsonId({})]).toEqual([
      '7',
      '7',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('never reads through a prototype: `__proto__` and `constructor` are keys like any other', () => {
    const text =
      '{"__proto__":{"results":[{"from":{"id":"1"}}]},' +
      '"results":[{"from":{"id":"__proto__"},"to":[1]},{"from":{"__proto__":{"id":"2"}}}]}';
    const view = batchView(read(text));
    expect(view.results?.map((result) => result.fromId)).toEqual(['__proto__', undefined]);
    expect(view.targetsOf('__proto__')).toEqual([1]);
    expect(view.targetsOf('constructor')).toEqual([]);
    expect(view.nextAfter('toString')).toBeUndefined();
    expect(batchView(read('{"__proto__":{"status":"COMPLETE"}}')).status).toBeUndefined();
  });

  it('never throws, whatever JSON it is given', () => {
    const { seed } = readPropertySettings();
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const view = batchView(value);
        for (const result of view.results ?? []) view.targetsOf(result.fromId ?? 'x');
        const cursor = typeof view.nextAfter('1');
        return (
          view.errorCapacity >= 0 && view.errorNames.values instanceof Set && ['undefined', 'string'].includes(cursor)
        );
      }),
      { seed, numRuns: 200 },
    );
  });
});

describe('batchView: the names in errors, exactly', () => {
  const valuesOf = (error: unknown): string[] => [...batchView({ errors: [error] }).errorNames.values].sort();

  it('splits texts into whole tokens of letters, digits, _ and -, also without trailing hyphens', () => {
    expect(valuesOf({ message: 'pair 101->202; id_5 failed (Ab-9).' })).toEqual(
      ['101', '101-', '202', 'Ab-9', 'failed', 'id_5', 'pair'].sort(),
    );
    expect(valuesOf({ message: '--- 7--' })).toEqual(['---', '7', '7--']);
    expect(valuesOf({ message: '' })).toEqual([]);
    expect(valuesOf({ message: 42 })).toEqual([]);
  });

  it('reads a context map: every item of every list, a lone value as a list of one, IDs only', () => {
    expect(valuesOf({ context: { ids: ['1', 2], typeId: '3', other: [{}, null, true, Number.NaN] } })).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(valuesOf({ context: ['4'] })).toEqual([]);
    expect(valuesOf({ context: '{fromObjectId=[5]}' })).toEqual(['5', 'fromObjectId']);
    expect(valuesOf({ context: 6 })).toEqual([]);
  });

  it('reads `in` as a whole value, its positions, and the tokens beside them (not the position digits)', () => {
    const names = batchView({ errors: [{ in: 'inputs[1].typeId' }] }).errorNames;
    expect([...names.values].sort()).toEqual(['inputs[1].typeId', 'typeId']);
    expect([...names.positions]).toEqual([1]);
    const many = batchView({
      errors: [{ in: 'inputs[2] and inputs.3, /inputs/40 or myinputs[5] or inputs[x]' }],
    }).errorNames;
    expect([...many.positions].sort((a, b) => a - b)).toEqual([2, 3, 40]);
    expect(many.values.has('40')).toBe(false);
    expect(many.values.has('myinputs')).toBe(true);
    expect(batchView({ errors: [{ in: 7 }] }).errorNames.values.size).toBe(0);
    // A position between two words leaves them apart.
    const between = batchView({ errors: [{ in: 'x-inputs[1]y' }] }).errorNames;
    expect([...between.values].sort()).toEqual(['x', 'x-', 'x-inputs[1]y', 'y']);
  });

  it('reads every ErrorDetail: its context, `in` and message', () => {
    const names = batchView({
      errors: [{ errors: [{ context: { ids: ['11'] }, in: '/inputs/12', message: 'No record 13' }, 'text'] }],
    }).errorNames;
    expect([...names.values].sort()).toEqual(['/inputs/12', '11', '13', 'No', 'record'].sort());
    expect([...names.positions]).toEqual([12]);
    expect(batchView({ errors: [{ errors: 'none', message: 'x' }] }).errorNames.values).toEqual(new Set(['x']));
  });

  it('takes only string and finite number IDs', () => {
    expect([jsonId(Number.POSITIVE_INFINITY), jsonId(-3), jsonId(''), jsonId(0.5)]).toEqual([
      undefined,
      '-3',
      '',
      '0.5',
    ]);
    expect(valuesOf({ id: 12 })).toEqual(['12']);
    expect(valuesOf({ id: {} })).toEqual([]);
  });

  it('is computed once per view', () => {
    const view = batchView({ errors: [{ id: '1' }] });
    expect(view.errorNames).toBe(view.errorNames);
  });
});

describe('batchView: how many inputs the errors answer for', () => {
  const capacity = (...errors: unknown[]): number => batchView({ errors }).errorCapacity;

  it('one per error, at least', () => {
    expect(capacity({}, 'text', null)).toBe(3);
    expect(capacity({ context: { ids: [] } })).toBe(1);
    expect(capacity({ context: '{ids=[1, 2, 3]}' })).toBe(1);
  });

  it('as many as its context lists (a lone value counts one), or as many ErrorDetails, whichever is more', () => {
    expect(capacity({ context: { ids: ['1', '2'], typeId: '5' } })).toBe(3);
    expect(capacity({ context: { ids: ['1', '2'] }, errors: [{}, {}, {}, {}] })).toBe(4);
    expect(capacity({ context: { ids: ['1', '2', '3'] }, errors: [{}] })).toBe(3);
    expect(capacity({ errors: 'many' })).toBe(1);
    expect(capacity({ context: { a: ['1'] } }, { context: { b: ['2', '3'] } })).toBe(3);
  });
});

describe('batchView: results by record', () => {
  it('skips results without a readable from id, keeps the order of the rest', () => {
    const view = batchView({
      results: [{ to: [1] }, { from: { id: '1' }, to: [2] }, { from: {}, to: [3] }, { from: { id: '1' }, to: [4] }],
    });
    expect(view.targetsOf('1')).toEqual([2, 4]);
    expect(view.resultsOf('undefined')).toEqual([]);
  });

  it("a record with one result: that result's own targets", () => {
    const view = batchView({ results: [{ from: { id: '1' }, to: [{ toObjectId: '2' }] }] });
    expect(view.targetsOf('1')).toBe(view.results?.[0]?.targets);
    expect(view.resultsOf('1')).toBe(view.resultsOf('1'));
  });

  it('reads a cursor only as a string, and only of the first result of a record', () => {
    const view = batchView({
      results: [
        { from: { id: '1' }, to: [], paging: { next: { after: 7 } } },
        { from: { id: '1' }, to: [], paging: { next: { after: 'c2' } } },
        { from: { id: '2' }, to: [], paging: { next: {} } },
        { from: { id: '3' }, to: [], paging: { after: 'c3' } },
      ],
    });
    expect(view.nextAfter('1')).toBeUndefined();
    expect(view.results?.[1]?.after).toBe('c2');
    expect(view.nextAfter('2')).toBeUndefined();
    expect(view.nextAfter('3')).toBeUndefined();
  });
});
