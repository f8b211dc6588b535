import type { Fault } from './fault.js';

/** Every answer held back longer than a client timeout (the delay comes from `faultOptions.slowResponseMs`). */
export const fault: Fault = {
  name: 'slow-response',
  description: 'holds every answer for faultOptions.slowResponseMs (default 35 s, past a 30 s client timeout)',
  kind: 'transport',
  triggers: ['transport'],
  delivery: (delivery, context) => ({ ...delivery, delayMs: delivery.delayMs + context.options.slowResponseMs }),
};
