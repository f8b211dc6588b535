import type { GateCheck } from './gate-check.js';
import { onlyRequest } from './support.js';

/** The request carries the bearer token, accepts JSON, and labels a JSON body as JSON. */
export const sdkRequestHeaders: GateCheck = {
  id: 'sdk-request-headers',
  request({ op, request, call, gate }, report) {
    const sent = onlyRequest(call);
    // More or fewer than one request is sdk-request-path's finding; there are no headers to judge.
    if (!sent) return;
    const header = (name: string, ok: boolean, message: string): void => {
      if (ok) return;
      report.observe({
        endpoint: op.endpoint,
        apiVersion: op.apiVersion,
        caseName: JSON.stringify(request.params),
        severity: 'error',
        instancePath: '',
        pattern: name,
        message,
        actual: gate.redactor.text(sent.headers[name] ?? '(absent)'),
      });
    };
    const bearer = sent.headers.authorization === `Bearer ${gate.token}`;
    header('authorization', bearer, 'the bearer token is not sent as "Authorization: Bearer <token>"');
    header('accept', /application\/json|\*\/\*/.test(sent.headers.accept ?? ''), 'does not accept application/json');
    if (sent.body !== undefined) {
      const json = /^application\/json\b/.test(sent.headers['content-type'] ?? '');
      header('content-type', json, 'a JSON body without Content-Type application/json');
    }
  },
};
