import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../provider/index.js';
import type { Finding } from '../../src/registry/finding.js';
import { policyFor, replayFindings, selectFindings } from '../../src/runner/replay/index.js';
import type { RunResult } from '../../src/runner/result.js';
import { hsac } from '../support/cli.js';

// One small fault run of the embedded sandbox, then `hsac replay` of its findings: against a sandbox started as the
// run's (the fault still there: exit 1), against the clean one (`--fault none`: exit 0), against sandboxes that only
// fail (never a fix: exit 3), against a clean sandbox of the test's own by URL, a portal (writes refused), a server
// that never answers and one that is not there. Each replay starts its own sandbox, so they run side by side.

const FAULTS = ['missing-completedAt', 'paging-not-advancing'];
const SEED = 3;
const PAGE_SIZE = 5;

let dir: string;
let reportPath: string;
let report: RunResult;
/** A clean sandbox started as the run's (its seed and page size), reached by URL. */
let clean: Sandbox;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-replay-'));
  const ran = await hsac([
    'run',
    ...['--seed', String(SEED), '--runs', '2', '--endpoints', 'batch-read,batch-associate-default'],
    ...FAULTS.flatMap((fault) => ['--fault', fault]),
    ...['--sandbox-page-size', String(PAGE_SIZE), '--report-dir', dir],
  ]);
  expect(ran.code, ran.err).toBe(1);
  reportPath = join(dir, 'report.json');
  report = JSON.parse(readFileSync(reportPath, 'utf8')) as RunResult;
  // Generous rate limit: the replay re-sends the run's history, the rate-limit probe's burst included.
  clean = await startSandbox({ seed: SEED, pageSize: PAGE_SIZE, rateLimit: { max: 1000, intervalMs: 1000 } });
});

afterAll(async () => {
  await clean.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The number (1-based position in findings[]) of the first finding that matches. */
function numberOf(matches: (finding: Finding) => boolean): number {
  const index = report.findings.findIndex(matches);
  if (index < 0) throw new Error('the fault run has no such finding');
  return index + 1;
}

const exchangeFinding = (): number =>
  numberOf((f) => f.check === 'required' && f.endpoint === 'batch-read' && f.instancePath === '/completedAt');
const sequenceFinding = (): number => numberOf((f) => f.check === 'paging-terminates');
const writeFinding = (): number => numberOf((f) => f.check === 'required' && f.endpoint === 'batch-associate-default');

describe('the run says how its embedded sandbox was started', () => {
  it("run.sandbox: the faults and the page size (the seed is the run's)", () => {
    expect(report.run.sandbox).toEqual({ faults: FAULTS, pageSize: PAGE_SIZE });
  });
});

describe.concurrent('hsac replay against the embedded sandbox', () => {
  it("an exchange finding reproduces with the run's faults (exit 1), not on the clean sandbox (exit 0)", async () => {
    const n = exchangeFinding();
    const faulty = await hsac(['replay', reportPath, '--finding', String(n)]);
    expect(faulty.code, faulty.err).toBe(1);
    expect(faulty.out).toContain(`finding ${n} (required, batch-read): reproduced`);
    expect(faulty.out).toMatch(
      /exchange \d+ POST \/crm\/associations\/2026-03\/contacts\/companies\/batch\/read: 20\d/,
    );
    const fixed = await hsac(['replay', reportPath, '--finding', String(n), '--fault', 'none']);
    expect(fixed.code, fixed.err).toBe(0);
    expect(fixed.out).toContain(`finding ${n} (required, batch-read): no longer reproduced`);
  });

  it('a sequence finding (paging that does not advance) is judged on the pages re-sent: 1 with the fault, 0 clean', async () => {
    const n = sequenceFinding();
    const faulty = await hsac(['replay', reportPath, '--finding', String(n)]);
    expect(faulty.code, faulty.err).toBe(1);
    expect(faulty.out).toContain(`finding ${n} (paging-terminates, batch-read): reproduced`);
    expect(faulty.out).toMatch(/now: page 2 of \d+ returns after="[^"]+" again/);
    const fixed = await hsac(['replay', reportPath, '--finding', String(n), '--fault', 'none']);
    expect(fixed.code, fixed.err).toBe(0);
    expect(fixed.out).toContain(`finding ${n} (paging-terminates, batch-read): no longer reproduced`);
  });

  it('the same check at another path is another finding: not this one reproduced, but said beside it', async () => {
    const n = exchangeFinding();
    // The sandbox now leaves out `status`, not `completedAt`: a `required` finding at /status, none at /completedAt.
    const ran = await hsac(['replay', reportPath, '--finding', String(n), '--fault', 'missing-status']);
    expect(ran.code, ran.out + ran.err).toBe(0);
    expect(ran.out).toContain(`finding ${n} (required, batch-read): no longer reproduced`);
    expect(ran.out).toMatch(/now: other findings of this check: \/status: /);
  });

  it("--json: { ok, findings, replayed } with each finding's outcome and its exchanges re-sent", async () => {
    const n = exchangeFinding();
    const ran = await hsac(['replay', reportPath, '--finding', String(n), '--json']);
    expect(ran.code).toBe(1);
    const document = JSON.parse(ran.out) as {
      ok: boolean;
      findings: Finding[];
      replayed: { finding: number; outcome: string; exchanges: { id: number; status?: number }[] }[];
    };
    expect(document.ok).toBe(false);
    expect(document.findings.some((f) => f.check === 'required' && f.endpoint === 'batch-read')).toBe(true);
    expect(document.replayed).toHaveLength(1);
    expect(document.replayed[0]).toMatchObject({ finding: n, outcome: 'reproduced' });
    expect(document.replayed[0]?.exchanges).toEqual([
      expect.objectContaining({ id: report.findings[n - 1]?.exchangeId }) as unknown,
    ]);
  });
});

describe.concurrent('hsac replay against a target by URL', () => {
  it("a clean sandbox on loopback: the run's history is re-sent first, the finding does not reproduce (exit 0)", async () => {
    const n = sequenceFinding();
    const ran = await hsac([
      'replay',
      reportPath,
      '--finding',
      String(n),
      '--target',
      clean.url,
      '--token',
      clean.token,
    ]);
    expect(ran.code, ran.out + ran.err).toBe(0);
    expect(ran.out).toContain(`finding ${n} (paging-terminates, batch-read): no longer reproduced`);
    expect(ran.err).toContain("the run's earlier exchanges re-sent first");
    // The token given is sent, never shown.
    expect(ran.out + ran.err).not.toContain(clean.token);
  });

  it('a portal (any name but loopback) is sent reads only: a finding judged on a write, or on the records the run created, is not replayed', async ({
    onTestFinished,
  }) => {
    // A sandbox of this test's own, so the requests it answers are this test's alone, driven under the policy the CLI
    // gives a portal: a portal is reached over https, which a suite on loopback cannot serve, so the replay is called
    // as the CLI calls it (--target https://... gets policyFor's answer).
    const own = await startSandbox({ seed: SEED, pageSize: PAGE_SIZE });
    onTestFinished(() => own.stop());
    const policy = policyFor('https://api.hubapi.com');
    expect(policy).toBe('reads-only');
    const replay = async (finding: number) =>
      replayFindings(report, selectFindings(report, { finding }), {
        baseUrl: own.url,
        token: own.token,
        policy,
        replayCommand: (n) => `hsac replay ${reportPath} --finding ${n}`,
      });
    const write = writeFinding();
    const refused = await replay(write);
    expect(refused.replayed[0]).toMatchObject({ finding: write, check: 'required', outcome: 'not-replayed' });
    expect(refused.replayed[0]?.why).toMatch(/^exchange \d+ .* writes/);
    const created = await replay(sequenceFinding());
    expect(created.replayed[0]?.outcome).toBe('not-replayed');
    expect(created.replayed[0]?.why).toContain('reads records the run created');
    expect(own.requestCount()).toBe(0);
    // A read of no record of the run's (the rate-limit probe's) is sent, alone: none of the run's history before it.
    const read = await replay(exchangeFinding());
    expect(read.replayed[0]?.outcome).toBe('no longer reproduced');
    expect(read).toMatchObject({ resent: 1, earlier: 0 });
    expect(own.requestCount()).toBe(1);
  });

  it("a report's target is trusted only on loopback: elsewhere --target must name it, and plain http never carries the token (exit 2, nothing sent)", async ({
    onTestFinished,
  }) => {
    const own = await startSandbox({ seed: SEED, pageSize: PAGE_SIZE });
    onTestFinished(() => own.stop());
    // This machine, by a name that is not loopback by definition: a host the token must not reach unasked, or in clear.
    const elsewhere = own.url.replace('127.0.0.1', '0.0.0.0');
    const edited = editedReport('remote-target.json', (copy) => ({
      ...copy,
      run: { ...withoutSandbox(copy.run), target: elsewhere },
    }));
    const n = String(exchangeFinding());
    const unasked = await hsac(['replay', edited, '--finding', n, '--token', own.token]);
    expect(unasked.code, unasked.err).toBe(2);
    expect(unasked.err).toContain(`the report's target is ${elsewhere}, not this machine`);
    expect(unasked.err).toContain(`give --target ${elsewhere}`);
    const inClear = await hsac(['replay', edited, '--finding', n, '--target', elsewhere, '--token', own.token]);
    expect(inClear.code, inClear.err).toBe(2);
    expect(inClear.err).toContain(`--target ${elsewhere} is plain http to a host that is not this machine`);
    expect(own.requestCount()).toBe(0);
    // A report whose target is on loopback is replayed there without --target: the run's history first.
    const local = editedReport('loopback-target.json', (copy) => ({
      ...copy,
      run: { ...withoutSandbox(copy.run), target: own.url },
    }));
    const there = await hsac(['replay', local, '--finding', n, '--token', own.token]);
    expect(there.code, there.out + there.err).toBe(0);
    expect(there.err).toContain(`against ${own.url}, the run's earlier exchanges re-sent first`);
    expect(own.requestCount()).toBeGreaterThan(1);
  });

  it('a sandbox that numbers records otherwise (another seed): the replay stops where ids part (exit 3)', async ({
    onTestFinished,
  }) => {
    const other = await startSandbox({
      seed: SEED + 1,
      pageSize: PAGE_SIZE,
      rateLimit: { max: 1000, intervalMs: 1000 },
    });
    onTestFinished(() => other.stop());
    const n = sequenceFinding();
    const ran = await hsac([
      'replay',
      reportPath,
      '--finding',
      String(n),
      '--target',
      other.url,
      '--token',
      other.token,
    ]);
    expect(ran.code, ran.out + ran.err).toBe(3);
    expect(ran.out).toMatch(
      new RegExp(
        `finding ${n} \\(paging-terminates, batch-read\\): not-replayed \\(exchange \\d+ created records with ids`,
      ),
    );
    expect(ran.out).toContain(`hsac sandbox --seed ${SEED}`);
  });

  it('--timeout-ms bounds each attempt at a server that never answers, and every retry is said on stderr', async ({
    onTestFinished,
  }) => {
    const url = await serve(onTestFinished, () => {
      // Never answers: the client's timeout ends each attempt.
    });
    const ran = await hsac([
      ...['replay', reportPath, '--finding', String(exchangeFinding())],
      ...['--target', url, '--token', TOKEN, '--timeout-ms', '200', '--max-wait', '5'],
    ]);
    expect(ran.code, ran.out + ran.err).toBe(3);
    expect(ran.out).toContain('got no answer (timeout: ');
    const retries = ran.err.match(
      /^hsac replay: waiting \d+\.\d s before GET \S+: timeout, retry \d \(Ctrl-C ends the wait\)$/gm,
    );
    expect(retries).toHaveLength(3);
  });

  it('a target that is not there: inconclusive (exit 3), saying so', async () => {
    const ran = await hsac([
      'replay',
      reportPath,
      '--finding',
      String(exchangeFinding()),
      '--target',
      `http://127.0.0.1:${await closedPort()}`,
      '--token',
      'pat-na1-not-a-real-token',
    ]);
    expect(ran.code, ran.out + ran.err).toBe(3);
    expect(ran.out).toContain('the target is unreachable or down');
  });
});

// Its own batch of tests side by side, after the others: one in-process hsac at a time each watches for Ctrl-C, and
// more than ten at once would pass node's listener bound.
describe('an answer the check cannot judge is never a fix: not-replayed, exit 3', () => {
  /** How the run's answer to the exchange finding's exchange was said: its status. */
  const runStatus = (): number => {
    const judged = report.exchanges.find(
      (exchange) => exchange.id === report.findings[exchangeFinding() - 1]?.exchangeId,
    );
    return judged?.response?.status ?? 0;
  };

  it.concurrent.each([
    ['status-500', '500'],
    ['status-503', '503'],
    ['html-error-page', '502'],
    ['truncated-json', '207'],
    ['status-family-4xx', '400'],
  ])("the run's fault with %s: %s", async (fault, status) => {
    const n = exchangeFinding();
    const ran = await hsac([
      'replay',
      reportPath,
      '--finding',
      String(n),
      '--fault',
      'missing-completedAt',
      '--fault',
      fault,
    ]);
    expect(ran.code, ran.out + ran.err).toBe(3);
    expect(ran.out).toContain(
      `finding ${n} (required, batch-read): not-replayed (the answer cannot be judged: ${status}, was ${runStatus()} `,
    );
    expect(ran.out).toContain('INCONCLUSIVE (0 reproduced, 0 no longer reproduced, 1 not replayed');
  });

  it.concurrent('a server on loopback that answers the read with a 500', async ({ onTestFinished }) => {
    const url = await serve(onTestFinished, (request, response) => {
      const failing = request.url?.endsWith('/batch/read') === true;
      response.writeHead(failing ? 500 : 200, { 'content-type': 'application/json' });
      response.end(failing ? '{"status":"error","message":"internal error"}' : '{}');
    });
    const n = exchangeFinding();
    const ran = await hsac(['replay', reportPath, '--finding', String(n), '--target', url, '--token', TOKEN]);
    expect(ran.code, ran.out + ran.err).toBe(3);
    expect(ran.out).toContain(`not-replayed (the answer cannot be judged: 500, was ${runStatus()} `);
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['--finding', '999'], /has no finding 999/],
    [['--finding', '1', '--exchange', '1'], /give one of them/],
    [['--exchange', '99999'], /no exchange 99999/],
    [['--fault', 'none', '--fault', 'status-500'], /--fault none means the clean sandbox/],
    [['--timeout-ms', '5'], /--timeout-ms must be >= 100, got 5/],
  ])('%j', async (flags, message) => {
    const ran = await hsac(['replay', reportPath, ...flags]);
    expect(ran.code).toBe(2);
    expect(ran.err).toMatch(message);
  });

  it('a report whose finding names another endpoint than its exchange, or a check that does not apply there', async () => {
    const n = exchangeFinding();
    const moved = editedReport('moved-finding.json', (copy) => ({
      ...copy,
      findings: copy.findings.map((f, index) => (index === n - 1 ? { ...f, endpoint: 'batch-associate-default' } : f)),
    }));
    const exchangeId = String(report.findings[n - 1]?.exchangeId);
    const ran = await hsac(['replay', moved, '--finding', String(n), '--fault', 'none']);
    expect(ran.code).toBe(2);
    expect(ran.err).toContain(
      `moved-finding.json is not an hsac report: finding ${n} names endpoint batch-associate-default but exchange ${exchangeId} is batch-read`,
    );
    const w = writeFinding();
    const misjudged = editedReport('misjudged-finding.json', (copy) => ({
      ...copy,
      findings: copy.findings.map((f, index) => (index === w - 1 ? { ...f, check: 'input-limit-enforced' } : f)),
    }));
    const refused = await hsac(['replay', misjudged, '--finding', String(w)]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      `finding ${w} is of check input-limit-enforced, which does not apply to batch-associate-default`,
    );
  });

  it('a sandbox the report says was started in a way no sandbox can be (run.sandbox out of its bounds)', async () => {
    const huge = editedReport('huge-page.json', (copy) => ({
      ...copy,
      run: { ...copy.run, sandbox: { faults: [], pageSize: 1e12, timeoutMs: 1 } },
    }));
    const ran = await hsac(['replay', huge, '--finding', '1']);
    expect(ran.code).toBe(2);
    expect(ran.err).toContain('/run/sandbox/pageSize: must be <= 10000');
    expect(ran.err).toContain('/run/sandbox/timeoutMs: must be >= 100');
  });

  it('a file that is not a report', async () => {
    const ran = await hsac(['replay', join(dir, 'junit.xml'), '--finding', '1']);
    expect(ran.code).toBe(2);
    expect(ran.err).toMatch(/is not JSON/);
  });
});

/** A token a server of the test's own takes (it checks none). */
const TOKEN = 'pat-na1-not-a-real-token';

/** The run's report as edited by hand (`edit`), written beside it: its path. */
function editedReport(name: string, edit: (copy: RunResult) => RunResult): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(edit(structuredClone(report))));
  return path;
}

/** A run without `run.sandbox`: the report of a run against a target by URL. */
function withoutSandbox(run: RunResult['run']): RunResult['run'] {
  const { sandbox: _sandbox, ...rest } = run;
  return rest;
}

/** A server of the test's own on loopback answering as `listener` does, closed when the test ends: its URL. */
async function serve(onTestFinished: (stop: () => Promise<void>) => void, listener: RequestListener): Promise<string> {
  const server = createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
}

/** A loopback port nothing listens on (taken, then freed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
