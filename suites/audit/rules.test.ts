import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/audit/diff.js';
import { loadDocument } from '../../src/audit/load.js';
import { diffModels } from '../../src/audit/diff.js';
import { AUDIT_RULES, type AnyRule, type Direction } from '../../src/audit/rules/index.js';
import { changesBetween, requestDoc, responseDoc, type Json } from './fixtures.js';
import { RULE_CASES, RULE_VARIATIONS, type Pair, type Reported, type RuleCase } from './rule-cases.js';

/** The documents of a pair, a schema pair placed in `direction` (its own unless told). */
function documents(pair: Pair, direction?: Direction): { old: Json; new: Json } {
  if (pair.kind !== 'schema') return { old: pair.old, new: pair.new };
  const place = (direction ?? pair.direction) === 'request' ? requestDoc : responseDoc;
  return { old: place('old', pair.old, pair.components), new: place('new', pair.new, pair.components) };
}

/** A change as the cases state it: located, its values, its severity where not the rule's default. */
function reported(change: Change, rule: AnyRule): Reported {
  const { status, pointer, instancePath, old, new: next, severity } = change;
  return { status, pointer, instancePath, old, new: next, ...(severity === rule.defaultSeverity ? {} : { severity }) };
}

async function changes(oldDoc: Json, newDoc: Json): Promise<Change[]> {
  const [before, after] = await Promise.all([loadDocument(oldDoc, 'old'), loadDocument(newDoc, 'new')]);
  return diffModels(before, after);
}

function caseOf(rule: AnyRule): RuleCase {
  const found = RULE_CASES[rule.id];
  if (!found) throw new Error(`no case for rule ${rule.id} in suites/audit/rule-cases.ts`);
  return found;
}

describe('the rule catalogue', () => {
  it('has at least 30 rules, each with an id, a direction, a default severity and a description', () => {
    expect(AUDIT_RULES.length).toBeGreaterThanOrEqual(30);
    for (const rule of AUDIT_RULES) {
      expect(rule.id).toMatch(/^[a-z]+(?:-[a-z0-9]+)*$/);
      expect(['request', 'response', 'both', 'operation']).toContain(rule.direction);
      expect(['breaking', 'warning', 'info']).toContain(rule.defaultSeverity);
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });

  it('has a case for every rule and no case for a rule that does not exist', () => {
    const ids = AUDIT_RULES.map((rule) => rule.id).sort();
    expect(Object.keys(RULE_CASES).sort()).toEqual(ids);
    for (const id of Object.keys(RULE_VARIATIONS)) expect(ids).toContain(id);
  });
});

describe.each(AUDIT_RULES.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
  const ruleCase = caseOf(rule);

  it(`fires on its minimal pair, as ${rule.defaultSeverity}, where and with the values the case states`, async () => {
    const { old, new: next } = documents(ruleCase);
    const fired = (await changes(old, next)).filter((change) => change.rule === rule.id);
    expect(fired.length).toBeGreaterThan(0);
    for (const change of fired) {
      expect(change.severity).toBe(rule.defaultSeverity);
      expect(change.message.length).toBeGreaterThan(0);
      expect(change.operation).not.toBe('');
      if (rule.direction === 'request' || rule.direction === 'response') expect(change.direction).toBe(rule.direction);
    }
    expect(fired.map((change) => reported(change, rule))).toEqual(ruleCase.reports);
    if (ruleCase.messages) expect(fired.map((change) => change.message)).toEqual(ruleCase.messages);
  });

  it('fires no other rule on its minimal pair but those the case names', async () => {
    const { old, new: next } = documents(ruleCase);
    const others = (await changes(old, next)).filter((change) => change.rule !== rule.id).map((change) => change.rule);
    expect([...new Set(others)].sort()).toEqual([...(ruleCase.alsoFires ?? [])].sort());
  });

  it('stays silent when nothing changed (old vs old, new vs new)', async () => {
    const { old, new: next } = documents(ruleCase);
    expect((await changes(old, old)).filter((change) => change.rule === rule.id)).toEqual([]);
    expect((await changes(next, next)).filter((change) => change.rule === rule.id)).toEqual([]);
  });

  const variations = RULE_VARIATIONS[rule.id] ?? [];
  if (variations.length > 0) {
    it.each(variations.map((variation) => [variation.name, variation] as const))('%s', async (_name, variation) => {
      const { old, new: next } = documents(variation.pair);
      const fired = (await changes(old, next)).filter((change) => change.rule === rule.id);
      expect(fired.map((change) => reported(change, rule))).toEqual(variation.reports);
      if (variation.messages) expect(fired.map((change) => change.message)).toEqual(variation.messages);
    });
  }

  if (ruleCase.kind === 'schema' && rule.direction !== 'both') {
    const other: Direction = ruleCase.direction === 'request' ? 'response' : 'request';
    it(`stays silent when the same schema change is in the ${other}`, async () => {
      const { old, new: next } = documents(ruleCase, other);
      const all = await changes(old, next);
      expect(all.filter((change) => change.rule === rule.id)).toEqual([]);
    });
  }
});

describe('direction and severity details', () => {
  it('property-deprecated fires in the request and in the response, each with its direction', async () => {
    const ruleCase = RULE_CASES['property-deprecated']!;
    for (const direction of ['request', 'response'] as const) {
      const { old, new: next } = documents(ruleCase, direction);
      const fired = (await changes(old, next)).filter((change) => change.rule === 'property-deprecated');
      expect(fired.map((change) => change.direction)).toEqual([direction]);
    }
  });

  it('an enum value added to a response is a warning by default and breaking when enumAdditions says so', async () => {
    const { old, new: next } = documents(RULE_CASES['response-enum-value-added']!);
    const byDefault = (await changesBetween(old, next)).find((change) => change.rule === 'response-enum-value-added');
    const raised = (await changesBetween(old, next, { enumAdditions: 'breaking' })).find(
      (change) => change.rule === 'response-enum-value-added',
    );
    expect(byDefault?.severity).toBe('warning');
    expect(raised?.severity).toBe('breaking');
    expect(raised?.old).toBe('[HUBSPOT_DEFINED, INTEGRATOR_DEFINED, USER_DEFINED]');
    expect(raised?.new).toBe('[HUBSPOT_DEFINED, INTEGRATOR_DEFINED, USER_DEFINED, WORK]');
  });

  it.each([
    [
      'x-extensible-enum: true beside enum',
      { type: 'string', enum: ['A'], 'x-extensible-enum': true },
      { type: 'string', enum: ['A', 'B'], 'x-extensible-enum': true },
    ],
    [
      'x-extensible-enum as the value list',
      { type: 'string', 'x-extensible-enum': ['A'] },
      { type: 'string', 'x-extensible-enum': ['A', 'B'] },
    ],
    [
      'x-open-enum: true',
      { type: 'string', enum: ['A'], 'x-open-enum': true },
      { type: 'string', enum: ['A', 'B'], 'x-open-enum': true },
    ],
  ])(
    'an open enum (%s) lowers a response enum addition to info, even when additions are breaking',
    async (_name, before, after) => {
      const old = responseDoc('old', { type: 'object', properties: { category: before } });
      const next = responseDoc('new', { type: 'object', properties: { category: after } });
      const fired = (await changesBetween(old, next, { enumAdditions: 'breaking' })).filter(
        (change) => change.rule === 'response-enum-value-added',
      );
      expect(fired).toHaveLength(1);
      expect(fired[0]?.severity).toBe('info');
      expect(fired[0]?.message).toContain('marked open');
    },
  );

  it('locates a schema change by schema pointer and instance path', async () => {
    const { old, new: next } = documents(RULE_CASES['response-type-changed']!);
    const change = (await changesBetween(old, next)).find((candidate) => candidate.rule === 'response-type-changed');
    expect(change).toMatchObject({
      operation: 'POST /crm/associations/{version}/{fromObjectType}/{toObjectType}/batch/read',
      status: '200',
      pointer: '/properties/toObjectId',
      instancePath: '/toObjectId',
      old: 'integer/int32',
      new: 'string',
    });
  });

  it('a 201 -> 200 change compares the two bodies under the status pair', async () => {
    const { old, new: next } = documents(RULE_CASES['response-errors-merged']!);
    const all = await changesBetween(old, next);
    expect(all.find((change) => change.rule === 'response-success-status-changed')).toMatchObject({
      status: '201→200',
      old: '201',
      new: '200',
    });
    expect(
      all
        .filter((change) => change.rule === 'response-property-added')
        .map((change) => [change.status, change.pointer]),
    ).toEqual([
      ['201→200', '/properties/errors'],
      ['201→200', '/properties/numErrors'],
    ]);
  });
});
