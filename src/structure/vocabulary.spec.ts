import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { addStructureVocabulary } from './index.js';

describe('addStructureVocabulary', () => {
  it('is idempotent per ajv instance', () => {
    const ajv = new Ajv2020({ strict: true });
    addStructureVocabulary(ajv);
    expect(() => addStructureVocabulary(ajv)).not.toThrow();
  });

  it('works on an instance that already has ajv-formats and its keywords', () => {
    const ajv = new Ajv2020({ strict: true });
    addFormatsModule.default(ajv);
    expect(() => addStructureVocabulary(ajv)).not.toThrow();
    expect(ajv.validate({ type: 'string', format: 'structure-duration' }, 'PT1.5S')).toBe(true);
  });

  it('reports structureInteger range errors as data ajv can map', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addStructureVocabulary(ajv);
    const validate = ajv.compile({ type: 'string', structureInteger: { type: 'uint64', maximum: '100' } });
    expect(validate('101')).toBe(false);
    expect(validate.errors).toEqual([
      expect.objectContaining({ keyword: 'structureInteger', instancePath: '', message: 'must be <= 100' }),
    ]);
    expect(validate('-1')).toBe(false);
    expect(validate.errors?.[0]?.message).toBe('must be in the uint64 range 0..18446744073709551615');
  });

  it('leaves malformed strings to the sibling pattern (one error, not two)', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addStructureVocabulary(ajv);
    const validate = ajv.compile({
      type: 'string',
      pattern: '^-?(?:0|[1-9][0-9]*)$',
      structureInteger: { type: 'int64' },
    });
    expect(validate('abc')).toBe(false);
    expect(validate.errors?.map((error) => error.keyword)).toEqual(['pattern']);
  });

  it('rejects malformed keyword values at schema compile time', () => {
    const ajv = new Ajv2020({ strict: true });
    addStructureVocabulary(ajv);
    expect(() => ajv.compile({ type: 'string', structureInteger: { type: 'int7' } })).toThrow();
    expect(() => ajv.compile({ type: 'string', structureDecimal: { precision: 0 } })).toThrow();
  });

  it.each([
    ['idn-email', 'ü@exämple.de', 'no-at-sign'],
    ['idn-hostname', 'exämple.de', 'has space.de'],
    ['iri', 'https://exämple.de/ü', 'no-scheme'],
    ['iri-reference', '/ü/path', 'has space'],
  ])('registers the %s format loosely', (format, valid, invalid) => {
    const ajv = new Ajv2020({ strict: true });
    addStructureVocabulary(ajv);
    const validate = ajv.compile({ type: 'string', format });
    expect(validate(valid)).toBe(true);
    expect(validate(invalid)).toBe(false);
  });
});
