import type { Fault } from './fault.js';
import { onSuccess } from './kit.js';

/** numErrors one more than the errors listed: a client sizing its handling by the count loses one. */
export const fault: Fault = {
  name: 'num-errors-mismatch',
  description: 'numErrors is errors.length + 1 wherever a batch envelope carries numErrors',
  kind: 'exchange',
  triggers: ['num-errors-matches-errors'],
  response: onSuccess((body) => {
    if (typeof body.numErrors === 'number') body.numErrors += 1;
  }),
};
