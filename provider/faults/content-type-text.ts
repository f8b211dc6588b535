import type { Fault } from './fault.js';
import { withHeader } from './kit.js';

/** JSON labelled text/plain: clients that check the media type before parsing refuse it. */
export const fault: Fault = {
  name: 'content-type-text',
  description: 'JSON bodies are sent with Content-Type text/plain;charset=utf-8',
  kind: 'exchange',
  triggers: ['content-type'],
  response: (response) =>
    response.payload.type === 'json' ? withHeader(response, 'Content-Type', 'text/plain;charset=utf-8') : response,
};
