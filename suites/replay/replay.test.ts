import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../provider/index.js';
import type { Finding } from '../../src/registry/finding.js';
import type { RunResult } from '../../src/runner/result.js';
import { hsac, type Ran } from '../support/cli.js';

// One small fault run of the embedded sandbox, then `hsac replay` of its findings: against a sandbox started as the
// run's (the fault still there: exit 1), against the clean one (`--fault none`: exit 0), against a clean sandbox of
// the test's own by URL, a portal-like one (writes refused) and one that is not there. Each replay starts its own
// sandbox, so they run side by side.

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

  it('a portal (any name but loopback) is sent reads only: a finding judged on a write, or on the records the run created, is not replayed (exit 3)', async ({
    onTestFinished,
  }) => {
    // A sandbox of this test's own, so the requests it answers are this test's alone; named as a portal would be.
    const own = await startSandbox({ seed: SEED, pageSize: PAGE_SIZE });
    onTestFinished(() => own.stop());
    const portal = own.url.replace('127.0.0.1', '0.0.0.0');
    const replay = (finding: number): Promise<Ran> =>
      hsac(['replay', reportPath, '--finding', String(finding), '--target', portal, '--token', own.token]);
    const write = writeFinding();
    const refused = await replay(write);
    expect(refused.code, refused.out).toBe(3);
    expect(refused.out).toMatch(
      new RegExp(`finding ${write} \\(required, batch-associate-default\\): not-replayed \\(exchange \\d+ .* writes`),
    );
    const created = await replay(sequenceFinding());
    expect(created.code).toBe(3);
    expect(created.out).toContain('reads records the run created');
    expect(own.requestCount()).toBe(0);
    // A read of no record of the run's (the rate-limit probe's) is sent, alone: none of the run's history before it.
    const read = await replay(exchangeFinding());
    expect(read.code, read.out).toBe(0);
    expect(read.err).toContain('reads only');
    expect(own.requestCount()).toBe(1);
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

describe('usage errors exit 2', () => {
  it.each([
    [['--finding', '999'], /has no finding 999/],
    [['--finding', '1', '--exchange', '1'], /give one of them/],
    [['--exchange', '99999'], /no exchange 99999/],
    [['--fault', 'none', '--fault', 'status-500'], /--fault none means the clean sandbox/],
  ])('%j', async (flags, message) => {
    const ran = await hsac(['replay', reportPath, ...flags]);
    expect(ran.code).toBe(2);
    expect(ran.err).toMatch(message);
  });

  it('a file that is not a report', async () => {
    const ran = await hsac(['replay', join(dir, 'junit.xml'), '--finding', '1']);
    expect(ran.code).toBe(2);
    expect(ran.err).toMatch(/is not JSON/);
  });
});

/** A loopback port nothing listens on (taken, then freed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
