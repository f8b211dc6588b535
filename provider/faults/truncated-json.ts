import type { Fault } from './fault.js';

/**
 * The body cut in half, with a Content-Length that matches the cut: a complete HTTP message whose
 * JSON ends mid-value, as when a proxy buffer is flushed early.
 */
export const fault: Fault = {
  name: 'truncated-json',
  description: 'sends only the first half of every body (Content-Length of the half)',
  kind: 'transport',
  // The answer arrives whole as far as HTTP knows (its Content-Length matches), so it is judged: not JSON.
  triggers: ['body-not-json'],
  delivery: (delivery) => ({ ...delivery, body: delivery.body.subarray(0, Math.floor(delivery.body.length / 2)) }),
};
