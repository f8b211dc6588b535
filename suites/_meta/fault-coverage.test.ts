import { describe, expect, it } from 'vitest';
import { FAULTS } from '../../provider/faults/index.js';
import { ALL_CHECKS } from '../../src/checks/index.js';

/**
 * The two declarations agree: each sandbox fault names the checks that must catch it, and each
 * check names the faults it must catch (issue 5: "each check lists the sandbox faults that must
 * trigger it"). Body-level ids (required, status-enum, ...) are reported through the
 * `response-body` check, so a fault naming one is listed there.
 */
const exchangeIds = new Set(ALL_CHECKS.map((check) => check.id));
const checkFor = (id: string): string => (exchangeIds.has(id) ? id : 'response-body');

describe('fault coverage: faults and checks name each other', () => {
  it.each(FAULTS.map((fault) => ({ name: fault.name, triggers: fault.triggers })))('$name is listed by every check it names', ({ name, triggers }) => {
    for (const id of triggers) {
      const check = ALL_CHECKS.find((c) => c.id === checkFor(id));
      expect(check?.caughtFaults, `${checkFor(id)} should list ${name}`).toContain(name);
    }
  });

  it.each(ALL_CHECKS.map((check) => ({ id: check.id, faults: check.caughtFaults })))('$id lists only faults that name it', ({ id, faults }) => {
    for (const name of faults) {
      const fault = FAULTS.find((f) => f.name === name);
      expect(fault, `fault ${name} exists`).toBeDefined();
      expect(fault?.triggers.map(checkFor), `${name} names ${id}`).toContain(id);
    }
  });

  it('every check is triggered by at least one fault', () => {
    const triggered = new Set(FAULTS.flatMap((fault) => fault.triggers.map(checkFor)));
    expect(ALL_CHECKS.map((c) => c.id).filter((id) => !triggered.has(id))).toEqual([]);
  });
});
