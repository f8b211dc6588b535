import type { Fault } from './fault.js';

/**
 * The configurations read always answers that no limit is set, whatever was set, by the user or
 * by the run: a read hsac relies on to journal the portal's original limit and to verify its
 * restore. A run must notice that the read does not show what it has just written, rather than
 * "restore" the user's limit from a lie and pass.
 */
export const fault: Fault = {
  name: 'configurations-read-empty',
  description:
    'the limit configurations read always answers an empty list (it never shows a limit, also one just created)',
  kind: 'exchange',
  triggers: ['read-after-write'],
  auxiliaryIntercept: (context) =>
    context.operation.id === 'configurations-read'
      ? { status: 200, headers: {}, payload: { type: 'json', value: { results: [] } } }
      : undefined,
};
