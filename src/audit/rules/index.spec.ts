import { describe, expect, it } from 'vitest';
import { AUDIT_RULES, AUDIT_RULE_IDS, checkCatalogue } from './index.js';
import { operationAdded } from './operation-added.js';

describe('the rule registry', () => {
  it('throws on a duplicate id', () => {
    expect(() => checkCatalogue([operationAdded, operationAdded])).toThrow(
      'audit rule id "operation-added" is registered twice',
    );
  });

  it('throws on an id that is not kebab-case', () => {
    expect(() => checkCatalogue([{ ...operationAdded, id: 'Operation_Added' }])).toThrow('is not kebab-case');
    expect(() => checkCatalogue([{ ...operationAdded, id: 'operation_added' }])).toThrow(
      'audit rule id "operation_added" is not kebab-case',
    );
  });

  it('returns distinct kebab-case ids of any number of words as given', () => {
    const rules = [
      operationAdded,
      { ...operationAdded, id: 'deprecated-operation-removed' },
      { ...operationAdded, id: 'x' },
    ];
    expect(checkCatalogue(rules)).toBe(rules);
  });

  it('lists every rule once, ids in a set', () => {
    expect(AUDIT_RULE_IDS.size).toBe(AUDIT_RULES.length);
    expect(AUDIT_RULE_IDS.has('response-enum-value-added')).toBe(true);
  });
});
