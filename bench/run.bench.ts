import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../provider/index.js';
import { buildPath, ENDPOINT_IDS, isErrorStatus, operation } from '../src/catalogue/index.js';
import { run } from '../src/runner/run.js';
import { Session } from '../src/runner/session.js';
import { HubSpotClient } from '../src/transport/index.js';
import { createValidator } from '../src/validate/index.js';
import type { Bench, Figure } from './bench.js';

const REQUESTS = 3000;
const LIMITED_REQUESTS = 150;
const LIMIT = { max: 50, intervalMs: 1000 };

/**
 * The runner's own cost and its throttling, measured side by side against the sandbox:
 * 1. exchanges fully checked per second (send, record, every exchange check) against the
 *    unthrottled sandbox, divided by the rate at which the same sandbox answers bare `fetch`es of
 *    the same request in the same run, one at a time both (goal >= 0.5: checking at most doubles
 *    the cost of an exchange);
 * 2. the request rate the client achieves against a rate-limited sandbox, as a fraction of the
 *    limit (goal >= 0.9), with the failed exchanges and the 429s that were not retried (goal 0);
 * 3. what reaching every check costs: in a default run (seed 42, 5 sequences) against sandboxes
 *    paging at 5, 50, 200 and 500, the requests spent on the wide record and the invalid bodies
 *    as a share of all requests of the same run, with every check exercised (goal: paging
 *    exercised at every page size, coverage at most half the run).
 */
const bench: Bench = {
  id: 'run',
  description: 'exchanges checked per second vs bare requests; achieved rate vs a rate limit',
  async run(): Promise<readonly Figure[]> {
    const op = operation('batch-read', '2026-03');
    const params = { fromObjectType: 'contacts', toObjectType: 'companies' };
    const figures: Figure[] = [];

    const open = await startSandbox({ rateLimit: { max: 1_000_000, intervalMs: 1000, daily: 100_000_000 } });
    try {
      const body = JSON.stringify({ inputs: [{ id: open.seeded?.hubCompanyId ?? '1' }] });
      const url = `${open.url}${buildPath(op, params)}`;
      const headers = { authorization: `Bearer ${open.token}`, 'content-type': 'application/json' };
      // Warm both paths, then measure them alternately in blocks so drift affects both alike.
      const bare = async (): Promise<void> => {
        const response = await fetch(url, { method: 'POST', headers, body });
        await response.arrayBuffer();
      };
      const client = new HubSpotClient({
        baseUrl: open.url,
        token: open.token,
        rateLimit: { requests: 1_000_000, windowMs: 1000 },
      });
      const session = new Session(
        client,
        { profile: 'lenient', validator: createValidator({ profile: 'lenient' }) },
        'bench',
      );
      const sent = JSON.parse(body) as unknown;
      const checked = async (): Promise<void> => {
        await session.call(op, params, sent, 'conformance');
      };
      for (let i = 0; i < 200; i++) {
        await bare();
        await checked();
      }
      let bareMs = 0;
      let checkedMs = 0;
      const block = 250;
      for (let done = 0; done < REQUESTS; done += block) {
        let start = performance.now();
        for (let i = 0; i < block; i++) await bare();
        bareMs += performance.now() - start;
        start = performance.now();
        for (let i = 0; i < block; i++) await checked();
        checkedMs += performance.now() - start;
      }
      const bareRate = (REQUESTS * 1000) / bareMs;
      const checkedRate = (REQUESTS * 1000) / checkedMs;
      const ratio = checkedRate / bareRate;
      figures.push({
        id: 'run.checked-vs-bare',
        description: 'exchanges fully checked per second / bare requests per second, same sandbox, same run',
        value: ratio,
        unit: 'ratio',
        goal: '>= 0.5',
        met: ratio >= 0.5,
        detail: {
          checkedPerSecond: Math.round(checkedRate),
          barePerSecond: Math.round(bareRate),
          requests: REQUESTS,
          findings: session.findings.length,
        },
      });
    } finally {
      await open.stop();
    }

    const limited = await startSandbox({ rateLimit: LIMIT });
    try {
      const client = new HubSpotClient({
        baseUrl: limited.url,
        token: limited.token,
        rateLimit: { requests: LIMIT.max, windowMs: LIMIT.intervalMs },
      });
      const body = { inputs: [{ id: limited.seeded?.hubCompanyId ?? '1' }] };
      const start = performance.now();
      const exchanges = [];
      for (let i = 0; i < LIMITED_REQUESTS; i++)
        exchanges.push(await client.send({ method: 'POST', path: buildPath(op, params), body }));
      const seconds = (performance.now() - start) / 1000;
      // A rolling window lets `max` requests out at once and the next `max` one interval later, so
      // the least time N requests can take is (ceil(N / max) - 1) intervals; utilisation is that
      // ideal over the time taken (1.0: the client used every slot the limit allows).
      const idealSeconds = ((Math.ceil(LIMITED_REQUESTS / LIMIT.max) - 1) * LIMIT.intervalMs) / 1000;
      const achieved = idealSeconds / seconds;
      const failed = exchanges.filter((e) => e.failure !== undefined || isErrorStatus(e.response?.status ?? 0)).length;
      const retried429 = exchanges.reduce((sum, e) => sum + e.attempts.filter((a) => a.status === 429).length, 0);
      const unretried429 = exchanges.filter((e) => e.response?.status === 429).length;
      figures.push({
        id: 'run.rate-limit-utilisation',
        description:
          `ideal time / time taken for ${LIMITED_REQUESTS} requests under the sandbox's limit ` +
          `(${LIMIT.max} per ${LIMIT.intervalMs} ms)`,
        value: achieved,
        unit: 'fraction',
        goal: '>= 0.9 with 0 failed and 0 unretried 429',
        met: achieved >= 0.9 && failed === 0 && unretried429 === 0,
        detail: { seconds: Number(seconds.toFixed(3)), idealSeconds, failed, retried429, unretried429 },
      });
    } finally {
      await limited.stop();
    }

    for (const pageSize of [5, 50, 200, 500]) {
      const sandbox = await startSandbox({ pageSize, rateLimit: LIMIT, seed: 42 });
      const dir = mkdtempSync(join(tmpdir(), 'hsac-bench-'));
      try {
        const started = performance.now();
        const result = await run({
          baseUrl: sandbox.url,
          token: sandbox.token,
          targetLabel: 'bench sandbox',
          apiVersion: '2026-03',
          endpoints: ENDPOINT_IDS,
          runs: 5,
          seed: 42,
          profile: 'lenient',
          journalPath: join(dir, 'journal.jsonl'),
          rateLimit: { requests: LIMIT.max, windowMs: LIMIT.intervalMs },
          probeRateLimit: true,
          replay: 'bench',
        });
        const seconds = (performance.now() - started) / 1000;
        const requests = result.summary.requests;
        const total = Object.values(requests).reduce((sum, count) => sum + count, 0);
        const coverage = (requests['wide-record'] ?? 0) + (requests['invalid-requests'] ?? 0);
        const paging = result.checks.find((c) => c.endpoint === 'batch-read' && c.check === 'paging-terminates');
        figures.push({
          id: `run.coverage-cost.page-${pageSize}`,
          description:
            'requests spent reaching paging (wide record) and rejections (invalid bodies) / ' +
            `all requests of one default run, sandbox paging at ${pageSize}`,
          value: coverage / total,
          unit: 'fraction',
          goal: '<= 0.5 with paging exercised and no check left unexercised',
          met: coverage / total <= 0.5 && (paging?.exercised ?? 0) > 0 && result.summary.notExercised.length === 0,
          detail: {
            ...requests,
            total,
            pagesFollowed: paging?.exercised ?? 0,
            notExercised: result.summary.notExercised.length,
            verdict: result.summary.verdict,
            seconds: Number(seconds.toFixed(2)),
          },
        });
      } finally {
        await sandbox.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return figures;
  },
};

export default bench;
