import type { Fault } from './fault.js';
import { onSuccess } from './kit.js';

/** A 207 whose failures were lost: the inputs that failed are nowhere (the symptom of hubspot-api-php#619). */
export const fault: Fault = {
  name: 'multi-status-without-errors',
  description: 'a 207 keeps its status but its errors become [] and numErrors 0',
  kind: 'exchange',
  triggers: ['multi-status-has-errors', 'inputs-accounted'],
  response: onSuccess((body, response, context) => {
    const partial = context.operation.responses.find((declared) => declared.kind === 'partial');
    if (response.status !== partial?.status) return;
    body.errors = [];
    body.numErrors = 0;
  }),
};
