import { describe, expect, it } from 'vitest';
import { operation } from '../../catalogue/index.js';
import type { Observation } from '../collector.js';
import type { GateReport } from './gate-check.js';
import { errorText, observeDifferences } from './support.js';

/** The observations one check made, with the report it made them through. */
function collecting(): { report: GateReport; observed: Omit<Observation, 'check'>[] } {
  const observed: Omit<Observation, 'check'>[] = [];
  return { report: { ran: () => undefined, observe: (observation) => void observed.push(observation) }, observed };
}

describe('gate check support', () => {
  it('says what an SDK threw on one line, whatever it threw (a value whose toString is data included)', () => {
    expect(errorText(new TypeError('bad\nsecond\nthird'))).toBe('TypeError: bad second');
    expect(errorText('text')).toBe('string: text');
    expect(errorText({ toString: 1 })).toBe('object: {"toString":1}');
  });

  it('reads a difference pointer as RFC 6901 tokens: a read field is an error, an escaped name is not a path', () => {
    const { report, observed } = collecting();
    const site = { op: operation('batch-read', '2026-03'), status: 200, caseName: 'complete' };
    observeDifferences(report, site, [
      { kind: 'lost', pointer: '/results/0/to/1/toObjectId', required: false },
      // `~1` is one token holding a slash, never two levels: `results[].to/toObjectId` is read by no consumer.
      { kind: 'lost', pointer: '/results/0/to~1toObjectId', required: false },
      { kind: 'lost', pointer: 'not a pointer', required: false },
    ]);
    expect(observed.map((observation) => observation.severity)).toEqual(['error', 'warning', 'warning']);
  });
});
