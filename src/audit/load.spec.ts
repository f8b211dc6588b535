import { describe, expect, it } from 'vitest';
import { parseSpecText } from './load.js';

describe('parseSpecText', () => {
  it('reads JSON (with a BOM) and YAML', () => {
    expect(parseSpecText('\ufeff{"openapi": "3.1.0"}', 'a.json')).toEqual({ openapi: '3.1.0' });
    expect(parseSpecText('openapi: 3.0.3\npaths: {}\n', 'a.yaml')).toEqual({ openapi: '3.0.3', paths: {} });
  });

  it('names the YAML line and column of a syntax error', () => {
    expect(() => parseSpecText('openapi: 3.0.3\npaths:\n  a: [1,\n', 'a.yaml')).toThrow(
      /a\.yaml is not valid YAML \(line \d+, column \d+\)/,
    );
  });

  it('refuses duplicate YAML keys (which value would be compared?)', () => {
    expect(() => parseSpecText('openapi: 3.0.3\nopenapi: 3.1.0\n', 'a.yaml')).toThrow(/not valid YAML .*unique/i);
  });
});
