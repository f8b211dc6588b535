import type { Fault } from './fault.js';
import { onSuccess, each } from './kit.js';

/**
 * StandardError.subCategory as a string, as HubSpot sends it for "no associations found", where
 * the spec types it as an object (FACTS §7.4): an error under strict, a warning under lenient.
 */
export const fault: Fault = {
  name: 'standard-error-subCategory-string',
  description:
    'adds subCategory "crm.associations.NO_ASSOCIATIONS_FOUND" (a string; the schema says object) to every StandardError',
  kind: 'schema',
  triggers: ['error-shape'],
  response: onSuccess((body) => {
    each(body, ['errors', '*'], (error) => {
      error.subCategory = 'crm.associations.NO_ASSOCIATIONS_FOUND';
    });
  }),
};
