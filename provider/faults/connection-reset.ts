import type { Fault } from './fault.js';

/** The connection is reset (TCP RST) instead of answered. */
export const fault: Fault = {
  name: 'connection-reset',
  description: 'resets the connection instead of answering',
  kind: 'transport',
  triggers: ['transport'],
  delivery: (delivery) => ({ ...delivery, reset: true }),
};
