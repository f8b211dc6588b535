import { responseCases } from '../cases.js';
import { compareDecoded, type Difference } from '../compare.js';
import { modelView } from '../model-view.js';
import type { GateCheck } from './gate-check.js';
import { errorText, observeDifferences } from './support.js';

/**
 * 200 where 201 is declared, and the reverse (FACTS §8: the 2025 change that broke every SDK): the
 * SDK decodes the other code of the family as the declared one. Only what the other code changes
 * is reported: a field the SDK loses whatever the code is, the decode checks report.
 */
export const sdkStatusTolerance: GateCheck = {
  id: 'sdk-status-tolerance',
  async exposed({ op, method, request, gate }, report) {
    for (const declared of op.responses) {
      const other = declared.status === 200 ? 201 : declared.status === 201 ? 200 : undefined;
      if (other === undefined) continue;
      const [complete] = responseCases(op, declared.status, gate.seed, 0);
      if (!complete) continue;
      const call = await gate.call(op, method, request, { ...complete, status: other });
      report.ran(op.endpoint, op.apiVersion);
      if (call.threw) {
        const thrown = errorText(call.error);
        report.observe({
          endpoint: op.endpoint,
          apiVersion: op.apiVersion,
          status: other,
          caseName: complete.name,
          severity: 'error',
          instancePath: '',
          pattern: String(other),
          message: `answered ${other} where ${op.apiVersion} declares ${declared.status}, the SDK throws ${thrown}`,
        });
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
