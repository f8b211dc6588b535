import type { Operation } from '../../catalogue/index.js';
import type { Observation } from '../collector.js';
import { responseCases } from '../cases.js';
import { compareDecoded, type Difference } from '../compare.js';
import { modelView } from '../model-view.js';
import type { GateCheck } from './gate-check.js';
import { errorText, observeDifferences } from './support.js';

/** The other code of the 200/201 pair, or undefined for any other status. */
function otherCode(status: number): number | undefined {
  return status === 200 ? 201 : status === 201 ? 200 : undefined;
}

/** The finding of an SDK that threw on the other code of the family. */
function thrownOn(
  op: Operation,
  answered: number,
  declared: number,
  caseName: string,
  error: unknown,
): Omit<Observation, 'check'> {
  return {
    endpoint: op.endpoint,
    apiVersion: op.apiVersion,
    status: answered,
    caseName,
    severity: 'error',
    instancePath: '',
    pattern: String(answered),
    message: `answered ${answered} where ${op.apiVersion} declares ${declared}, the SDK throws ${errorText(error)}`,
  };
}

/**
 * 200 where 201 is declared, and the reverse (FACTS §8: the 2025 change that broke every SDK): the
 * SDK decodes the other code of the family as the declared one. Only what the other code changes
 * is reported: a field the SDK loses whatever the code is, the decode checks report. In-process the
 * gate serves the other code itself (`exposed`); over HTTP the provider decides, and an answer with
 * the other code is judged as it comes (`decoded`: in-process every answer has a declared code).
 */
export const sdkStatusTolerance: GateCheck = {
  id: 'sdk-status-tolerance',
  decoded({ op, status, served, call }, report) {
    const declared = otherCode(status);
    if (declared === undefined || op.responses.some((r) => r.status === status)) return;
    if (!op.responses.some((r) => r.status === declared)) return;
    report.ran(op.endpoint, op.apiVersion);
    if (call.threw) report.observe(thrownOn(op, status, declared, served.name, call.error));
  },
  async exposed({ op, method, request, gate }, report) {
    for (const declared of op.responses) {
      const other = otherCode(declared.status);
      if (other === undefined) continue;
      const [complete] = responseCases(op, declared.status, gate.seed, 0);
      if (!complete) continue;
      const call = await gate.call(op, method, request, { ...complete, status: other });
      report.ran(op.endpoint, op.apiVersion);
      if (call.threw) {
        report.observe(thrownOn(op, other, declared.status, complete.name, call.error));
        continue;
      }
      const asDeclared = await gate.call(op, method, request, complete);
      const differences = (value: unknown): Difference[] =>
        compareDecoded(op.apiVersion, declared.definition, complete.body, modelView(value));
      const known = new Set(asDeclared.threw ? [] : differences(asDeclared.value).map((d) => `${d.kind} ${d.pointer}`));
      const changed = differences(call.value).filter((d) => !known.has(`${d.kind} ${d.pointer}`));
      const prefix = `answered ${other} for ${declared.status}: `;
      observeDifferences(report, { op, status: other, caseName: complete.name, prefix }, changed);
    }
  },
};
