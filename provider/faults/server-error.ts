import { errorBody } from '../bodies.js';
import { CORRELATION_HEADER, type SandboxResponse } from '../http-types.js';
import type { Fault } from './fault.js';

/**
 * Builds a 5xx fault: every answer replaced by `status` with an `Error` body (same correlation id,
 * same rate-limit headers), as HubSpot's gateway answers when a backend fails.
 */
export function serverErrorFault(name: string, status: number, category: string, message: string): Fault {
  return {
    name,
    description: `every answer becomes ${status} with an Error body (category ${category})`,
    kind: 'transport',
    // A persistent 5xx is retried and then leaves the exchange unchecked: the run is inconclusive (exit 3), not a
    // family error.
    triggers: ['transport'],
    response: (response): SandboxResponse => ({
      status,
      headers: response.headers,
      payload: {
        type: 'json',
        value: errorBody({ correlationId: response.headers[CORRELATION_HEADER] ?? '', category, message }),
      },
    }),
  };
}
