import type { Fault } from './fault.js';

/** Requests without (or with a wrong) bearer token are served as if authorized. */
export const fault: Fault = {
  name: 'auth-not-enforced',
  description: 'the four endpoints answer requests with no or a wrong bearer token instead of 401',
  kind: 'exchange',
  triggers: ['auth-enforced'],
  policy: { enforceAuth: false },
};
