import { describe, expect, it } from 'vitest';
import { FAULTS, faultsByName, indexFaults, UnknownFaultError } from './index.js';
import type { Fault } from './fault.js';

const sample = (name: string, extra: Partial<Fault> = {}): Fault => ({
  name,
  description: 'd',
  kind: 'schema',
  triggers: ['required'],
  response: (r) => r,
  ...extra,
});

describe('the fault registry', () => {
  it('throws at load on a duplicate name, naming it', () => {
    expect(() => indexFaults([sample('missing-x'), sample('missing-x')])).toThrow('duplicate fault name "missing-x"');
  });

  it('refuses names that are not kebab-case, faults without a check, unknown checks and faults that change nothing', () => {
    expect(() => indexFaults([sample('Missing_X')])).toThrow(/kebab-case/);
    expect(() => indexFaults([sample('a', { triggers: [] })])).toThrow(/names no check/);
    expect(() => indexFaults([sample('a', { triggers: ['no-such-check' as never] })])).toThrow(
      /unknown check "no-such-check"/,
    );
    expect(() => indexFaults([{ name: 'a', description: 'd', kind: 'schema', triggers: ['required'] }])).toThrow(
      /changes nothing/,
    );
  });

  it('counts every hook as a change, the auxiliary ones included', () => {
    const bare = { name: 'a', description: 'd', kind: 'exchange', triggers: ['required'] } as const;
    expect(indexFaults([{ ...bare, intercept: () => undefined }]).size).toBe(1);
    expect(indexFaults([{ ...bare, auxiliaryPolicy: { applyAssociationArchives: false } }]).size).toBe(1);
    expect(indexFaults([{ ...bare, auxiliaryIntercept: () => undefined }]).size).toBe(1);
  });

  it('indexes the shipped registry', () => {
    expect(indexFaults(FAULTS).size).toBe(FAULTS.length);
  });

  it('returns faults in registry order whatever order they are asked in, and refuses unknown names', () => {
    expect(faultsByName(['connection-reset', 'missing-status']).map((f) => f.name)).toEqual([
      'missing-status',
      'connection-reset',
    ]);
    expect(() => faultsByName(['nope'])).toThrow(UnknownFaultError);
  });
});
