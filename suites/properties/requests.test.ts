import fc from 'fast-check';
import { describe } from 'vitest';
import { arbitraries } from '../../properties/arbitraries/index.js';
import { profileCases, propertyTest, VALIDATORS } from './harness.js';
import { requestsPass } from './laws.js';

const FILE = 'suites/properties/requests.test.ts';

describe('generated requests pass the request schema', () => {
  for (const { op, profile, label } of profileCases((op) => op.requestDefinition !== undefined)) {
    propertyTest(FILE, `${label}: generated requests pass`, () => requestsPass(VALIDATORS[profile], op));
  }
  for (const { op, profile, label } of profileCases((op) => op.requestDefinition === undefined)) {
    propertyTest(FILE, `${label}: generated requests have no body and a filled path`, () =>
      fc.property(arbitraries.request({ endpoint: op.endpoint, apiVersion: op.apiVersion }), (request) => {
        if (request.body !== undefined) throw new Error('PUT default takes no body');
        if (/[{}]/.test(request.path) || !request.path.includes(`/${op.apiVersion}/`))
          throw new Error(`path not filled for ${op.apiVersion}: ${request.path}`);
        const result = VALIDATORS[profile].validateRequest({
          endpoint: op.endpoint,
          apiVersion: op.apiVersion,
          body: request.body,
        });
        if (result.findings.length > 0)
          throw new Error(`findings for an empty PUT body: ${JSON.stringify(result.findings)}`);
      }),
    );
  }
});

describe('batch read at the input limit: 0, 1 and 1000 inputs pass, 1001 is an input-limit error', () => {
  for (const { op, profile, label } of profileCases((op) => op.maxInputs !== undefined)) {
    propertyTest(
      FILE,
      `${label}: input limit boundaries`,
      () =>
        fc.property(
          arbitraries.batchReadRequestAtLimit({ apiVersion: op.apiVersion }),
          ({ inputs, withinLimit, body }) => {
            const result = VALIDATORS[profile].validateRequest({
              endpoint: op.endpoint,
              apiVersion: op.apiVersion,
              body,
            });
            const summary = result.findings.map((f) => `${f.severity} ${f.check} ${f.instancePath}`);
            const expected = withinLimit ? [] : ['error input-limit /inputs'];
            if (JSON.stringify(summary) !== JSON.stringify(expected))
              throw new Error(`${inputs} inputs: expected ${JSON.stringify(expected)}, got ${JSON.stringify(summary)}`);
          },
        ),
      // 1000-input bodies are big: a handful of runs sees all four sizes (constantFrom biases to each).
      { runs: 12 },
    );
  }
});
