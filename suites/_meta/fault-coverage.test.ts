import { describe, expect, it } from 'vitest';
import { FAULTS } from '../../provider/faults/index.js';
import { CHECKS, checkDeclaration, type CheckDeclaration } from '../../src/registry/index.js';

/**
 * The two declarations agree: each sandbox fault names the checks that must catch it
 * (`triggers`), and each check of the registry names the faults that must trigger it (`faults`),
 * or says why none can (`noFaultWhy`: the gate's checks are proven on SDK fixtures, cleanup by the
 * portal suites, the request checks on requests). Body-level ids (required, status-enum, ...) are
 * registry checks of their own, so a fault naming one is listed by that one.
 */
const faultCases = FAULTS.map((fault) => ({ name: fault.name, triggers: fault.triggers }));
const checkCases = CHECKS.map((check) => ({ id: check.id, faults: check.faults }));

describe('fault coverage: faults and checks name each other', () => {
  it.each(faultCases)('$name is listed by every check it names', ({ name, triggers }) => {
    for (const id of triggers) {
      expect(checkDeclaration(id).faults as readonly string[], `${id} should list ${name}`).toContain(name);
    }
  });

  it.each(checkCases)('$id lists only faults that name it', ({ id, faults }) => {
    for (const name of faults) {
      const fault = FAULTS.find((f) => f.name === name);
      expect(fault, `fault ${name} exists`).toBeDefined();
      expect(fault?.triggers, `${name} names ${id}`).toContain(id);
    }
  });

  it('every check is triggered by at least one fault, or says why none can and is named by none', () => {
    const triggered = new Set<string>(FAULTS.flatMap((fault) => fault.triggers));
    const checks: readonly CheckDeclaration[] = CHECKS;
    for (const check of checks) {
      if (check.faults.length > 0) {
        expect(triggered.has(check.id), `${check.id} is named by a fault`).toBe(true);
      } else {
        expect(check.noFaultWhy?.length ?? 0, `${check.id} says why no fault triggers it`).toBeGreaterThan(10);
        expect(triggered.has(check.id), `${check.id} lists no fault, yet one names it`).toBe(false);
      }
    }
  });
});
