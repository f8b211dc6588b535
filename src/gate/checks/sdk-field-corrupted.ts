import type { GateCheck } from './gate-check.js';
import { observeDecodedDifferences } from './support.js';

/** No field the schema declares has another value in the decoded model (IDs, dates to the millisecond, nulls). */
export const sdkFieldCorrupted: GateCheck = {
  id: 'sdk-field-corrupted',
  judgesBrokenAnswers: true,
  decoded: observeDecodedDifferences('corrupted'),
};
