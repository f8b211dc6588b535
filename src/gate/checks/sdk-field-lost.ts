import type { GateCheck } from './gate-check.js';
import { observeDecodedDifferences } from './support.js';

/** No field the schema declares, present in the body served, is missing from the decoded model. */
export const sdkFieldLost: GateCheck = {
  id: 'sdk-field-lost',
  judgesBrokenAnswers: true,
  decoded: observeDecodedDifferences('lost'),
};
