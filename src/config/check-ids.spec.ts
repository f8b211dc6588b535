import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';
import { CHECKS, checkIdsOf } from '../registry/index.js';
import { exercisableCheckIds, gradableCheckIds, readCheckIds, readSeverityOverrides, unknownIds } from './check-ids.js';
import { CONFIG_SCHEMA_PATH } from './run-config.js';

/** The ids the config may name come from the check registry, and the config schema names no other. */
describe('config check ids', () => {
  it('run.checks may grade every check hsac run reports (every kind but the gate), no other', () => {
    const gradable = new Set(gradableCheckIds());
    for (const check of CHECKS) expect(gradable.has(check.id), check.id).toBe(check.kind !== 'gate');
    expect(gradableCheckIds()).toEqual([...gradableCheckIds()].sort());
  });

  it('--require-exercised may name the exchange and sequence checks, in the registry order', () => {
    expect(exercisableCheckIds()).toEqual(checkIdsOf('exchange', 'sequence'));
  });

  it('an unknown id is named with the nearest known one', () => {
    expect(unknownIds(['requird', 'required'], gradableCheckIds())).toEqual(['"requird" (did you mean "required"?)']);
  });

  it('ids read from text come back typed, and the unknown ones named for the usage error', () => {
    expect(readCheckIds(['idempotent', 'idempotnt'], exercisableCheckIds())).toEqual({
      known: ['idempotent'],
      unknown: ['"idempotnt" (did you mean "idempotent"?)'],
    });
    // A gradable id that counts no exercised cases is not one --require-exercised may name.
    expect(readCheckIds(['required'], exercisableCheckIds()).known).toEqual([]);
  });

  it('run.checks is read into grades by registry id, an unknown key named and left out', () => {
    expect(readSeverityOverrides({ cleanup: 'off', 'status-enum': 'warn', requird: 'error' })).toEqual({
      overrides: { cleanup: 'off', 'status-enum': 'warn' },
      unknown: ['"requird" (did you mean "required"?)'],
    });
    // The gate's checks are graded by `hsac gate sdk`, not by run.checks.
    expect(readSeverityOverrides({ 'sdk-field-lost': 'off' }).overrides).toEqual({});
  });

  it("the config schema's examples of check ids are ids run.checks may grade", () => {
    const schema = JSON.parse(readFileSync(join(packageRoot(), CONFIG_SCHEMA_PATH), 'utf8')) as {
      properties: { run: { properties: { checks: { description: string } } } };
    };
    const { description } = schema.properties.run.properties.checks;
    const examples = /e\.g\. ([a-z0-9, -]+)\)/.exec(description)?.[1]?.split(', ') ?? [];
    expect(examples.length).toBeGreaterThan(0);
    expect(unknownIds(examples, gradableCheckIds())).toEqual([]);
  });
});
