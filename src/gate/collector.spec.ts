import { describe, expect, it } from 'vitest';
import { Collector } from './collector.js';

/** The cells the collector makes: compatible only where the SDK was judged at work both ways. */

const CELL = [{ endpoint: 'batch-read', apiVersion: 'v4' }] as const;

describe('Collector.cells', () => {
  it('is not-exercised with nothing judged, or with only the SDK shape judged', () => {
    const collector = new Collector('replay');
    expect(collector.cells(CELL)[0]?.outcome).toBe('not-exercised');
    collector.ran('sdk-endpoint-missing', 'batch-read', 'v4');
    collector.ran('sdk-enum-values', 'batch-read', 'v4');
    expect(collector.cells(CELL)[0]?.outcome).toBe('not-exercised');
  });

  it('is not-exercised with a request judged and no answer decoded (a provider that never answered)', () => {
    const collector = new Collector('replay');
    collector.ran('sdk-request-path', 'batch-read', 'v4');
    expect(collector.cells(CELL)[0]?.outcome).toBe('not-exercised');
    collector.ran('sdk-field-lost', 'batch-read', 'v4');
    expect(collector.cells(CELL)[0]?.outcome).toBe('compatible');
    // Judged in another version only: this cell is still what it was.
    expect(collector.cells([{ endpoint: 'batch-read', apiVersion: '2026-03' }])[0]?.outcome).toBe('not-exercised');
  });

  it('is incompatible on an error, and missing when the client has no method, whatever else was judged', () => {
    const collector = new Collector('replay');
    const observed = { endpoint: 'batch-read', apiVersion: 'v4', instancePath: '', pattern: '', message: 'm' };
    collector.observe({ ...observed, check: 'sdk-decode-throws', severity: 'error' });
    expect(collector.cells(CELL)[0]?.outcome).toBe('incompatible');
    collector.observe({ ...observed, check: 'sdk-endpoint-missing', severity: 'warning' });
    expect(collector.cells(CELL)[0]?.outcome).toBe('missing');
  });
});
