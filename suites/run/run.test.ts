import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { startSandbox, type Sandbox } from '../../provider/index.js';
import { main } from '../../src/cli.js';
import { ENDPOINT_IDS } from '../../src/catalogue/index.js';
import { ALL_CHECKS, appliesTo } from '../../src/checks/index.js';
import { leftovers, readJournal } from '../../src/runner/journal.js';
import type { RunResult } from '../../src/runner/result.js';
import { hsacChild } from '../support/cli.js';
import { parseJunit } from '../support/junit-xml.js';
import { matchers } from '../support/matchers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-run-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ran {
  code: number;
  out: string;
  err: string;
}

async function hsac(argv: string[], cwd?: string): Promise<Ran> {
  let out = '';
  let err = '';
  const previous = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await main(argv, {
      out: (t) => void (out += t),
      err: (t) => void (err += t),
      stdin: () => Buffer.alloc(0),
    });
    return { code, out, err };
  } finally {
    process.chdir(previous);
  }
}

function report(reportDir: string): RunResult {
  return JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunResult;
}

/**
 * A sandbox of the calling test's own (HubSpot's burst window: 50 requests a second), stopped when the test ends: the
 * tests that use one run side by side, and several compare its contents before and after their run.
 */
async function ownSandbox(onTestFinished: TestContext['onTestFinished']): Promise<Sandbox> {
  const sandbox = await startSandbox({ rateLimit: { max: 50, intervalMs: 1000 } });
  onTestFinished(() => sandbox.stop());
  return sandbox;
}

// Most tests run side by side (`concurrent`): a run mostly waits (its rate budget, the probe's 429), so overlapping
// runs cut the file's time to its CPU work. The last describe runs alone, after them: its tests change the working
// directory or the environment, which the whole process shares, or compare the requests of runs, which a busy event
// loop would make differ (the rate-limit probe bursts until a 429, and how many reads fit depends on timing).

describe('hsac run reports', { concurrent: true }, () => {
  it('writes report.json (verdict, seed, findings with replay) and junit.xml (one testcase per endpoint x check)', async () => {
    const reportDir = join(dir, 'reports');
    const ran = await hsac([
      'run',
      '--seed',
      '11',
      '--runs',
      '1',
      '--profile',
      'strict',
      '--fault',
      'status-cancelled',
      '--report-dir',
      reportDir,
    ]);
    expect(ran.code).toBe(1);
    expect(ran.out).toContain('Reproduce with: hsac run --seed 11');
    const result = report(reportDir);
    expect(result.summary).toMatchObject({ verdict: 'fail', seed: 11 });
    const finding = result.findings.find((f) => f.check === 'status-enum');
    expect(finding).toMatchObject({
      severity: 'error',
      endpoint: matchers.any(String),
      apiVersion: '2026-03',
      instancePath: '/status',
      replay: matchers.stringContaining('--fault status-cancelled'),
    });
    const junit = parseJunit(readFileSync(join(reportDir, 'junit.xml'), 'utf8'));
    expect(junit.cases).toHaveLength(result.checks.length);
    // One row per endpoint x check where the check applies, and one per check that judges auxiliary calls.
    const rows = ENDPOINT_IDS.flatMap((endpoint) =>
      ALL_CHECKS.filter((check) => appliesTo(check, endpoint)).map((check) => `${endpoint} ${check.id}`),
    );
    const auxiliaryRows = ALL_CHECKS.filter(
      (check) => check.scope === 'exchange' && check.checkAuxiliary !== undefined,
    ).map((check) => `auxiliary ${check.id}`);
    expect(result.checks.map((c) => `${c.endpoint} ${c.check}`).sort()).toEqual([...rows, ...auxiliaryRows].sort());
    const bodyCase = junit.cases.find((c) => c.name === 'response-body' && c.classname === 'hsac.2026-03.batch-read');
    expect(bodyCase?.failure?.attributes.message).toContain('status-enum');
    const caseTexts = junit.cases.flatMap((c) => [c.failure?.text ?? '', c.systemOut ?? '']);
    expect(caseTexts.join('\n')).toContain('Reproduce with: hsac run --seed 11');
  });
});

describe('configuration', { concurrent: true }, () => {
  it('reads hsac.config.json, and flags override it', async () => {
    const cwd = join(dir, 'configured');
    rmSync(cwd, { recursive: true, force: true });
    await import('node:fs').then((fs) => fs.mkdirSync(cwd, { recursive: true }));
    writeFileSync(
      join(cwd, 'hsac.config.json'),
      JSON.stringify({
        run: { apiVersion: 'v4', runs: 1, seed: 21, reportDir: 'out', checks: { 'status-enum': 'warn' } },
      }),
    );
    // The built CLI started in that directory, as a user runs it: in this process the run would change the working
    // directory, which every test running beside it shares.
    const ran = await hsacChild(['run', '--fault', 'status-cancelled', '--profile', 'strict'], { cwd });
    const result = report(join(cwd, 'out'));
    expect(result.run).toMatchObject({ apiVersion: 'v4', seed: 21, runs: 1 });
    // status-enum demoted to a warning by the config: the run passes, with the warnings.
    expect(result.findings.filter((f) => f.check === 'status-enum').every((f) => f.severity === 'warning')).toBe(true);
    expect(ran.code).toBe(0);
    await hsacChild(['run', '--api-version', '2026-09', '--runs', '1'], { cwd });
    expect(report(join(cwd, 'out')).run.apiVersion).toBe('2026-09');
  });

  it.each([
    [{ run: { runz: 3 } }, 'unknown key "run.runz"'],
    [{ run: { profile: 'loose' } }, '"run.profile" must be one of "strict", "lenient"'],
    [{ run: { checks: { 'status-enum': 'fatal' } } }, 'run.checks.status-enum'],
    [{ runner: {} }, 'unknown key "runner"'],
    // A typo in a check id must not be accepted silently (the check would stay on, unnoticed).
    [{ run: { checks: { requird: 'off' } } }, '"requird" (did you mean "required"?)'],
    [{ run: { checks: { 'inputs-acounted': 'warn' } } }, '"inputs-acounted" (did you mean "inputs-accounted"?)'],
    [{ run: { requireExercised: ['paging-terminate'] } }, '"paging-terminate" (did you mean "paging-terminates"?)'],
    [{ run: { pagingBudget: 5000 } }, 'run.pagingBudget'],
  ])('a bad config %j is a usage error naming the key', async (config, says) => {
    const path = join(dir, `bad-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(config));
    const ran = await hsac(['run', '--config', path, '--report-dir', join(dir, 'unused')]);
    expect(ran.code).toBe(2);
    expect(ran.err).toContain(says);
  });

  it('an unreachable target is inconclusive (exit 3)', async () => {
    const ran = await hsac([
      'run',
      '--target',
      'http://127.0.0.1:9',
      '--token',
      'pat-na1-x',
      '--timeout-ms',
      '300',
      '--report-dir',
      join(dir, 'unreachable'),
    ]);
    expect(ran.code).toBe(3);
    expect(report(join(dir, 'unreachable')).summary).toMatchObject({
      verdict: 'inconclusive',
      reason: matchers.stringContaining('unreachable'),
    });
  });
});

describe('given records (--records FILE)', { concurrent: true }, () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ pageSize: 5 });
  });
  afterAll(() => sandbox.stop());

  it('uses them, creates none, and leaves their existing associations in place (over every page)', async () => {
    const contacts = (await (
      await fetch(`${sandbox.url}/crm/v3/objects/contacts/batch/create`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          inputs: [{ properties: { firstname: 'given-1' } }, { properties: { firstname: 'given-2' } }],
        }),
      })
    ).json()) as { results: { id: string }[] };
    const companies = (await (
      await fetch(`${sandbox.url}/crm/v3/objects/companies/batch/create`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ inputs: Array.from({ length: 7 }, (_, i) => ({ properties: { name: `given-${i}` } })) }),
      })
    ).json()) as { results: { id: string }[] };
    const fromIds = contacts.results.map((r) => r.id);
    const toIds = companies.results.map((r) => r.id);
    // The first contact already has all seven companies, more than one page (page size 5): the
    // run re-associates some of them and must archive none, also those on the second page.
    for (const toId of toIds) {
      await fetch(`${sandbox.url}/crm/objects/2026-03/contacts/${fromIds[0]}/associations/default/companies/${toId}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${sandbox.token}` },
      });
    }
    const before = sandbox.contents();
    const records = join(dir, 'records.json');
    writeFileSync(records, JSON.stringify({ fromIds, toIds }));
    const reportDir = join(dir, 'given');
    const ran = await hsac([
      'run',
      '--target',
      sandbox.url,
      '--token',
      sandbox.token,
      '--records',
      records,
      '--runs',
      '2',
      '--seed',
      '4',
      '--report-dir',
      reportDir,
    ]);
    expect(ran.code, ran.out).toBe(0);
    // The given records are used, not created: the only records created are the wide record's own
    // (hsac's, tagged, archived at cleanup), so the user's records gain nothing that stays.
    const creates = report(reportDir).exchanges.filter((e) => e.endpoint === 'objects-batch-create');
    expect(creates.length).toBeGreaterThan(0);
    expect(creates.every((e) => e.purpose === 'wide-record')).toBe(true);
    expect(sandbox.contents()).toEqual(before);
    expect(leftovers(readJournal(join(reportDir, 'journal.jsonl'))).complete).toBe(true);
  });
});

describe('exercised, not evaluated (issue 11)', { concurrent: true }, () => {
  it('a check whose condition never arose is not-exercised, said with why, and --require-exercised makes the run inconclusive', async ({
    onTestFinished,
  }) => {
    const sandbox = await ownSandbox(onTestFinished);
    // Against a target, hsac does not burst for a 429 unless asked: the 429 contract has nothing to judge.
    const reportDir = join(dir, 'no-429');
    const ran = await hsac([
      'run',
      '--target',
      sandbox.url,
      '--token',
      sandbox.token,
      '--runs',
      '1',
      '--seed',
      '3',
      '--require-exercised',
      'rate-limit-contract',
      '--report-dir',
      reportDir,
    ]);
    const result = report(reportDir);
    expect(result.exchanges.some((e) => e.response?.status === 429)).toBe(false);
    const rows = result.checks.filter((c) => c.check === 'rate-limit-contract');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(row).toMatchObject({ outcome: 'not-exercised', exercised: 0, why: matchers.stringContaining('429') });
    expect(rows.every((row) => row.evaluated > 0 || row.endpoint === 'auxiliary')).toBe(true);
    expect(result.summary.notExercised).toContainEqual({
      check: 'rate-limit-contract',
      why: matchers.stringContaining('429'),
    });
    expect(ran.out).toMatch(/NOT EXERCISED rate-limit-contract: .*429/);
    expect(ran.code).toBe(3);
    expect(result.summary).toMatchObject({
      verdict: 'inconclusive',
      reason: matchers.stringContaining('required check(s) not exercised: rate-limit-contract'),
    });
    expect(result.run.requireExercised).toEqual(['rate-limit-contract']);
    expect(result.run.replay).toContain('--require-exercised rate-limit-contract');
  });

  it('a portal with a limit configuration of 2 set beforehand: partial answers naming the from ID are not errors, and paging says why it was not reached', async () => {
    const limited = await startSandbox({ rateLimit: { max: 50, intervalMs: 1000 } });
    try {
      const configured = await fetch(
        `${limited.url}/crm/associations/2026-03/definitions/configurations/contacts/companies/batch/create`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${limited.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 2 }] }),
        },
      );
      expect(configured.status).toBeLessThan(300);
      const reportDir = join(dir, 'limited');
      const ran = await hsac([
        'run',
        '--target',
        limited.url,
        '--token',
        limited.token,
        '--runs',
        '1',
        '--seed',
        '6',
        '--report-dir',
        reportDir,
      ]);
      const result = report(reportDir);
      // HubSpot's (and the sandbox's) 207 errors name the from ID only: every input is accounted for.
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(result.exchanges.some((e) => (e.response?.body ?? '').includes('"numErrors"'))).toBe(true);
      expect(ran.code).toBe(0);
      const paging = result.checks.find((c) => c.endpoint === 'batch-read' && c.check === 'paging-terminates');
      expect(paging).toMatchObject({ outcome: 'not-exercised', why: matchers.stringContaining('refused') });
    } finally {
      await limited.stop();
    }
  });

  it('cleanup never touches work a journal records against another target (a crashed run against another portal)', async ({
    onTestFinished,
  }) => {
    const sandbox = await ownSandbox(onTestFinished);
    const reportDir = join(dir, 'foreign-journal');
    await import('node:fs').then((fs) => fs.mkdirSync(reportDir, { recursive: true }));
    // Record IDs the sandbox holds (seeded), journaled by a run against another portal: on this
    // target they are someone else's records.
    const existing = sandbox
      .contents()
      .records.filter((record) => record.startsWith('0-1:'))
      .slice(0, 2)
      .map((record) => record.split(':')[1] ?? '');
    expect(existing).toHaveLength(2);
    writeFileSync(
      join(reportDir, 'journal.jsonl'),
      [
        {
          kind: 'run',
          runId: 'hsac-elsewhere',
          baseUrl: 'https://api.hubapi.com',
          apiVersion: '2026-03',
          at: '2026-12-01T00:00:00.000Z',
        },
        { kind: 'create-records', objectType: 'contacts', tag: 'hsac-elsewhere', count: 2 },
        { kind: 'records-created', objectType: 'contacts', ids: existing },
      ]
        .map((entry) => `${JSON.stringify(entry)}\n`)
        .join(''),
    );
    const before = sandbox.contents();
    const ran = await hsac([
      'run',
      '--target',
      sandbox.url,
      '--token',
      sandbox.token,
      '--runs',
      '1',
      '--seed',
      '3',
      '--report-dir',
      reportDir,
    ]);
    expect(sandbox.contents()).toEqual(before);
    const result = report(reportDir);
    expect(
      result.exchanges
        .filter((e) => e.purpose === 'cleanup')
        .some((e) => existing.some((id) => (e.request.body ?? '').includes(`"${id}"`))),
    ).toBe(false);
    expect(result.findings).toContainEqual(
      expect.objectContaining({
        check: 'cleanup',
        severity: 'warning',
        message: matchers.stringContaining('https://api.hubapi.com'),
      }),
    );
    expect(ran.code).toBe(0);
  });

  it("what cleanup left is the cleanup check's finding, graded by the config like any check (run.checks)", async ({
    onTestFinished,
  }) => {
    const sandbox = await ownSandbox(onTestFinished);
    // A crashed run against this target that never journaled the IDs it created: cleanup cannot undo
    // it. Tickets: a type this run does not create (its own journaled contacts would settle a contacts entry).
    const crashed = [
      {
        kind: 'run',
        runId: 'hsac-crashed',
        baseUrl: sandbox.url,
        apiVersion: '2026-03',
        at: '2026-12-01T00:00:00.000Z',
      },
      { kind: 'create-records', objectType: 'tickets', tag: 'hsac-crashed', count: 2 },
    ];
    const runWith = async (name: string, checks?: Record<string, string>): Promise<RunResult> => {
      const cwd = join(dir, name);
      await import('node:fs').then((fs) => fs.mkdirSync(join(cwd, 'out'), { recursive: true }));
      writeFileSync(join(cwd, 'out', 'journal.jsonl'), crashed.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
      const config = join(cwd, 'hsac.config.json');
      writeFileSync(config, JSON.stringify({ run: checks ? { checks } : {} }));
      const argv = ['run', '--target', sandbox.url, '--token', sandbox.token, '--runs', '0', '--seed', '4'];
      // --config and --report-dir, not a working directory: this test runs beside others (the process has one cwd).
      const ran = await hsac([...argv, '--config', config, '--report-dir', join(cwd, 'out')]);
      expect(ran.code, ran.err).toBe(0);
      return report(join(cwd, 'out'));
    };
    const left = (result: RunResult): RunResult['findings'] =>
      result.findings.filter((f) => f.check === 'cleanup' && f.message.startsWith('cleanup left work'));
    expect(left(await runWith('cleanup-graded'))).toEqual([
      expect.objectContaining({ severity: 'warning', message: matchers.stringContaining('untracked') }),
    ]);
    const off = await runWith('cleanup-off', { cleanup: 'off' });
    expect(left(off)).toEqual([]);
    expect(off.run.checksOff).toEqual(['cleanup']);
  });

  it('a limit configuration that cannot be read first is not touched: the endpoint says why, and --require-exercised all is inconclusive', async ({
    onTestFinished,
  }) => {
    const sandbox = await ownSandbox(onTestFinished);
    // A proxy that answers the configurations read 500 and forwards everything else.
    const { createServer, request } = await import('node:http');
    const proxy = createServer((req, res) => {
      if (req.method === 'GET' && (req.url ?? '').includes('/definitions/configurations/')) {
        req.resume();
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(
            '{"status":"error","message":"internal","correlationId":"3f7c2a34-6a8f-4f7a-9c55-1e0f9f6e2b11","category":"INTERNAL_ERROR"}',
          );
        return;
      }
      const upstream = request(
        new URL(req.url ?? '/', sandbox.url),
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const before = sandbox.contents();
      const reportDir = join(dir, 'unreadable-limits');
      const ran = await hsac([
        'run',
        '--target',
        url,
        '--token',
        sandbox.token,
        '--runs',
        '1',
        '--seed',
        '3',
        '--probe-rate-limit',
        '--require-exercised',
        'all',
        '--report-dir',
        reportDir,
      ]);
      const result = report(reportDir);
      expect(result.exchanges.filter((e) => e.endpoint === 'configurations-batch-create')).toEqual([]);
      for (const row of result.checks.filter((c) => c.endpoint === 'configurations-batch-create'))
        expect(row).toMatchObject({
          outcome: 'not-exercised',
          why: matchers.stringContaining('could not be read first'),
        });
      expect(ran.code).toBe(3);
      expect(result.summary.reason).toContain('(every check on configurations-batch-create)');
      expect(sandbox.contents()).toEqual(before);
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it("a required check that applies to none of the run's endpoints cannot be exercised (exit 3)", async () => {
    const reportDir = join(dir, 'not-applicable');
    const ran = await hsac([
      'run',
      '--endpoints',
      'associate-default',
      '--runs',
      '0',
      '--seed',
      '3',
      '--require-exercised',
      'paging-terminates',
      '--report-dir',
      reportDir,
    ]);
    expect(ran.code).toBe(3);
    expect(report(reportDir).summary.reason).toContain(
      'paging-terminates (it applies to none of the endpoints of this run)',
    );
  });
});

/**
 * The rate-limit probe's burst: the reads it sends until the sandbox answers 429 (the probes phase's only
 * `conformance` reads; the other probes are `no-auth` and `over-limit`). How many fit in the sandbox's one-second
 * window depends on how fast the machine is, so two runs of one seed send bursts of different lengths.
 */
const isRateLimitBurst = (e: RunResult['exchanges'][number]): boolean =>
  e.purpose === 'probes' && e.intent === 'conformance';
const rateLimitBurst = (r: RunResult): number => r.exchanges.filter(isRateLimitBurst).length;

/** The requests a run of one seed must repeat exactly: every one under test but the burst (see above). */
const comparableRequests = (r: RunResult): string[] =>
  r.exchanges
    .filter((e) => e.intent !== 'auxiliary' && !isRateLimitBurst(e))
    .map((e) => `${e.request.method} ${e.request.url.replace(/127\.0\.0\.1:\d+/, 'HOST')} ${e.request.body ?? ''}`);

describe('one at a time: the working directory, the environment, the requests of several runs compared', () => {
  it('the same seed gives the same run (same requests, same findings)', async () => {
    const a = join(dir, 'same-a');
    const b = join(dir, 'same-b');
    await hsac(['run', '--seed', '5', '--runs', '3', '--report-dir', a]);
    await hsac(['run', '--seed', '5', '--runs', '3', '--report-dir', b]);
    expect(comparableRequests(report(b))).toEqual(comparableRequests(report(a)));
    expect(rateLimitBurst(report(a))).toBeGreaterThan(0);
    expect(rateLimitBurst(report(b))).toBeGreaterThan(0);
  });

  it('--shard i/n splits the sequences deterministically: the shards together run what one run does', async () => {
    const whole = join(dir, 'whole');
    await hsac([
      'run',
      '--seed',
      '9',
      '--runs',
      '4',
      '--endpoints',
      'batch-read,associate-default',
      '--report-dir',
      whole,
    ]);
    const shards = await Promise.all(
      [1, 2].map(async (i) => {
        const shardDir = join(dir, `shard-${i}`);
        await hsac([
          'run',
          '--seed',
          '9',
          '--runs',
          '4',
          '--endpoints',
          'batch-read,associate-default',
          '--shard',
          `${i}/2`,
          '--report-dir',
          shardDir,
        ]);
        return report(shardDir);
      }),
    );
    expect(shards[0]?.run.shard).toEqual({ index: 1, count: 2 });
    // Probes and the coverage sequence run in shard 1 only.
    expect(shards[1]?.exchanges.some((e) => e.intent === 'no-auth')).toBe(false);
    expect(shards[0]?.exchanges.some((e) => e.intent === 'no-auth')).toBe(true);
    const total = (r: RunResult): number => r.exchanges.filter((e) => e.intent === 'conformance').length;
    expect(total(shards[0]!) + total(shards[1]!)).toBeGreaterThanOrEqual(total(report(whole)) - 60);
  });

  it('usage errors: unknown endpoint, bad shard, --fault with --target, a target without a token', async () => {
    expect((await hsac(['run', '--endpoints', 'batch-write'])).code).toBe(2);
    expect((await hsac(['run', '--shard', '3/2'])).code).toBe(2);
    expect(
      (await hsac(['run', '--target', 'http://127.0.0.1:9', '--token', 'pat-na1-x', '--fault', 'status-500'])).err,
    ).toContain('--fault');
    // A token too short to tell from ordinary text cannot be kept out of reports: refused.
    const short = await hsac(['run', '--target', 'http://127.0.0.1:9', '--token', 'abc']);
    expect(short.code).toBe(2);
    expect(short.err).toContain('the token is 3 characters long');
    const previous = process.env.HUBSPOT_ACCESS_TOKEN;
    delete process.env.HUBSPOT_ACCESS_TOKEN;
    try {
      expect((await hsac(['run', '--target', 'http://127.0.0.1:9'])).err).toContain('token');
    } finally {
      if (previous !== undefined) process.env.HUBSPOT_ACCESS_TOKEN = previous;
    }
  });

  it('a check switched off by the config is listed as off (never pass), and the replay carries the config and every flag', async () => {
    const cwd = join(dir, 'switched-off');
    await import('node:fs').then((fs) => fs.mkdirSync(cwd, { recursive: true }));
    writeFileSync(
      join(cwd, 'hsac.config.json'),
      JSON.stringify({ run: { checks: { 'inputs-accounted': 'off' }, reportDir: 'out' } }),
    );
    const ran = await hsac(
      [
        'run',
        '--seed',
        '8',
        '--runs',
        '1',
        '--fault',
        'input-dropped',
        '--timeout-ms',
        '5000',
        '--rate-limit',
        '40/1s',
        '--paging-budget',
        '30',
        '--invalid-requests',
        '2',
      ],
      cwd,
    );
    const result = report(join(cwd, 'out'));
    // input-dropped is caught only by inputs-accounted, which is off: no finding, and it says so.
    expect(result.findings.filter((f) => f.check === 'inputs-accounted')).toEqual([]);
    expect(
      result.checks
        .filter((c) => c.check === 'inputs-accounted')
        .every((c) => c.outcome === 'off' && c.why?.includes('config')),
    ).toBe(true);
    expect(result.run.checksOff).toEqual(['inputs-accounted']);
    expect(ran.out).toContain('OFF inputs-accounted');
    const replay = result.run.replay;
    for (const part of [
      '--seed 8',
      '--runs 1',
      '--fault input-dropped',
      '--timeout-ms 5000',
      '--rate-limit 40/1s',
      '--paging-budget 30',
      '--invalid-requests 2',
      `--config ${join(cwd, 'hsac.config.json')}`,
    ]) {
      expect(replay).toContain(part);
    }
    // The replay command reproduces the run: the same requests.
    const again = join(dir, 'replayed');
    const argv = replay.split(' ').slice(1);
    await hsac([...argv, '--report-dir', again]);
    expect(comparableRequests(report(again))).toEqual(comparableRequests(result));
    expect(report(again).run.checksOff).toEqual(['inputs-accounted']);
  });
});
