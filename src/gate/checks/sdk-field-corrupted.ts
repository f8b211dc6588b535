import type { GateCheck } from './gate-check.js';
import { decodedDifferences, observeDifferences } from './support.js';

/** No field the schema declares has another value in the decoded model (IDs, dates to the millisecond, nulls). */
export const sdkFieldCorrupted: GateCheck = {
  id: 'sdk-field-corrupted',
  decoded(answer, report) {
    const decoded = decodedDifferences(answer);
    if (!decoded) return;
    const site = { op: answer.op, status: answer.status, caseName: answer.served.name, prefix: decoded.prefix };
    observeDifferences(
      report,
      site,
      decoded.differences.filter((difference) => difference.kind === 'corrupted'),
    );
  },
};
