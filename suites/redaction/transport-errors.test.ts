import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/registry/finding.js';
import { writeReports } from '../../src/report/index.js';
import { sampleResult } from '../../src/report/sample.js';
import type { ReportedExchange } from '../../src/runner/result.js';
import { HubSpotClient } from '../../src/transport/client.js';
import { plantRedactionFault, RedactionFailure, withSecretScope } from '../../src/transport/redact.js';
import { anyToken, describeEcho, describeToken, echoFor, encode, ENCODINGS, type Echo } from './encodings.js';
import { timeoutForRuns } from '../../properties/settings.js';
import { holdsAsync, SETTINGS } from './harness.js';
import { legacyRedactor } from './legacy-redactor.js';
import { leaksIn, readOutputs } from './oracle.js';

/**
 * Transport error messages. undici keeps a malformed answer's bytes out of its messages (the
 * end-to-end `transport-error` placement shows the token does not get through that way), but
 * another fetch, a proxy or a future undici may quote what it was sent. Here the client is given a
 * fetch that fails with the echo in its message, its cause's message or its cause's code, and the
 * writers (inside a secret scope, as `hsac` runs them) write the reports of that exchange: no file
 * holds the token in any form. Client and writers directly, since no real server can make fetch
 * say it.
 */

const FILE = 'suites/redaction/transport-errors.test.ts';
const PROPERTY = 'a transport error message holding the token in any encoding is in no report';
const PATH = '/crm/associations/2026-03/contacts/companies/batch/read';

/** Where in the rejection the echo sits. */
type Where = 'message' | 'cause.message' | 'cause.code';

/** A fetch that fails as undici does (`TypeError('fetch failed', { cause })`), quoting `text`. */
function failingFetch(text: string, where: Where): typeof fetch {
  return () => {
    if (where === 'message') return Promise.reject(new Error(`request to the proxy failed: ${text}`));
    const cause = Object.assign(
      new Error(where === 'cause.message' ? `connect ECONNREFUSED ${text}` : 'connect failed'),
      { code: where === 'cause.code' ? text : 'ECONNREFUSED' },
    );
    return Promise.reject(new TypeError('fetch failed', { cause }));
  };
}

let dir: string;
let counter = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-redaction-transport-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One failed exchange recorded by the client, and every report of it written; what the files hold. */
async function reportsOfFailure(
  token: string,
  echo: Echo,
  where: Where,
): Promise<{ outputs: Record<string, string>; recorded: string; withheld?: RedactionFailure }> {
  const reportDir = join(dir, `case-${++counter}`);
  return withSecretScope([], async () => {
    const client = new HubSpotClient({
      baseUrl: 'http://127.0.0.1:9',
      token,
      fetch: failingFetch(encode(token, echo), where),
      retry: { maxRetries: 1, maxRateLimitRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const exchange = await client.send({ method: 'POST', path: PATH, body: { inputs: [{ id: '1' }] } });
    const reported: ReportedExchange = {
      ...exchange,
      endpoint: 'batch-read',
      apiVersion: '2026-03',
      intent: 'conformance',
      purpose: 'sequences',
    };
    // What the transport check and the runner make of it: a finding quoting the message, and the reason of an
    // unreachable target.
    const finding: Finding = {
      check: 'transport',
      severity: 'warning',
      instancePath: '',
      endpoint: 'batch-read',
      apiVersion: '2026-03',
      message: `no checkable answer: ${exchange.failure?.kind}: ${exchange.failure?.message}`,
      actual: exchange.failure?.message,
    };
    const result = sampleResult({
      exchanges: [reported],
      findings: [finding],
      summary: { verdict: 'inconclusive', reason: `target unreachable: ${exchange.failure?.message ?? ''}` },
    });
    let withheld: RedactionFailure | undefined;
    try {
      writeReports(result, reportDir);
    } catch (error) {
      if (!(error instanceof RedactionFailure)) throw error;
      withheld = error;
    }
    return { outputs: readOutputs(reportDir), recorded: JSON.stringify(exchange), ...(withheld ? { withheld } : {}) };
  });
}

const anyFailure = fc.tuple(
  anyToken,
  fc.constantFrom(...ENCODINGS).chain((encoding) => echoFor(encoding, 'transport-error')),
  fc.constantFrom<Where>('message', 'cause.message', 'cause.code'),
);

describe('transport error messages', () => {
  it(
    PROPERTY,
    async () => {
      const started = performance.now();
      const details = await holdsAsync(
        { name: PROPERTY, file: FILE },
        fc.asyncProperty(anyFailure, async ([token, echo, where]) => {
          const { outputs, recorded, withheld } = await reportsOfFailure(token, echo, where);
          const problems: string[] = [];
          if (withheld) problems.push(withheld.message);
          if (Object.keys(outputs).length !== 5)
            problems.push(`${Object.keys(outputs).length} reports written, expected 5`);
          const leaks = leaksIn({ ...outputs, 'the recorded exchange': recorded }, token);
          if (leaks.length > 0)
            problems.push(`the token is in ${leaks.map((leak) => `${leak.output} (${leak.form})`).join(', ')}`);
          if (problems.length > 0) throw new Error(problems.join('; '));
        }),
        {
          describe: ([[token, echo, where]]) =>
            `${describeToken(token)}, ${describeEcho(echo)} (in the error's ${where})`,
          tokenOf: ([[token]]) => token,
        },
        // Five per HSAC_RUNS: a case is a client send and five reports, ~15 ms.
        { runs: SETTINGS.runs * 5 },
      );
      console.info(
        `transport errors: ${details.numRuns} runs in ${((performance.now() - started) / 1000).toFixed(1)} s; seed ${SETTINGS.seed}`,
      );
      // A hang guard that grows with the runs, never a speed check.
    },
    timeoutForRuns(SETTINGS.runs * 5, 15, 60_000),
  );

  it('planted: with the old redactor the writers refuse those reports (fail closed); with the scan off too, they hold the token', async () => {
    const token = 'pat-na1-7c1f0e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
    const echo: Echo = {
      encoding: 'hex',
      placement: 'transport-error',
      bearer: true,
      prefix: [],
      suffix: [],
      upperHex: false,
      caseMode: 'lower',
      mask: [false],
    };
    const restore = plantRedactionFault({ redactor: legacyRedactor });
    try {
      const closed = await reportsOfFailure(token, echo, 'cause.message');
      expect(closed.withheld?.artifacts).toEqual(
        expect.arrayContaining(['report.json', 'report.html', 'exchanges.har']),
      );
      expect(closed.withheld?.written.length).toBe(5 - (closed.withheld?.artifacts.length ?? 0));
      expect(leaksIn(closed.outputs, token)).toEqual([]);
      const restoreScan = plantRedactionFault({ redactor: legacyRedactor, finalScan: 'off' });
      try {
        const open = await reportsOfFailure(token, echo, 'cause.message');
        expect(leaksIn(open.outputs, token).length).toBeGreaterThan(0);
      } finally {
        restoreScan();
      }
    } finally {
      restore();
    }
  });
});
