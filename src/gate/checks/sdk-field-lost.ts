import type { GateCheck } from './gate-check.js';
import { decodedDifferences, observeDifferences } from './support.js';

/** No field the schema declares, present in the body served, is missing from the decoded model. */
export const sdkFieldLost: GateCheck = {
  id: 'sdk-field-lost',
  decoded(answer, report) {
    const decoded = decodedDifferences(answer);
    if (!decoded) return;
    const site = { op: answer.op, status: answer.status, caseName: answer.served.name, prefix: decoded.prefix };
    observeDifferences(
      report,
      site,
      decoded.differences.filter((difference) => difference.kind === 'lost'),
    );
  },
};
