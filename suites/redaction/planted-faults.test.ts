import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { plantRedactionFault } from '../../src/transport/redact.js';
import { startEchoProvider, type EchoProvider } from './echo-provider.js';
import { ENCODINGS, gridEcho, PLACEMENTS, type Echo } from './encodings.js';
import { timeoutForRuns } from '../../properties/settings.js';
import { failureMessage, redactionProperty, runCase, safe, SETTINGS, SHOW_CASE, type CaseRun } from './harness.js';
import { legacyRedactor } from './legacy-redactor.js';
import { leaksIn } from './oracle.js';

/**
 * The checks can fail. With hsac's old raw-text redactor planted and the final scan switched off
 * (the test-only seam in src/transport/redact.ts), the end-to-end property fails: the oracle finds
 * the token in the reports, as the hostile tester did. With the old redactor and the scan on, hsac
 * fails closed: every echo the old redactor misses makes the artifact that would hold it unwritten
 * (exit 3, a message naming it, a stale file of that name removed) and nothing written holds the
 * token. The console guard is shown the same way on a command that prints what it reads.
 */

const FILE = 'suites/redaction/planted-faults.test.ts';
const TOKEN = 'pat-na1-7c1f0e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';

let provider: EchoProvider;
let dir: string;

// Each hook returns the teardown of what it made, so a teardown runs only when there is something to undo.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-redaction-planted-'));
  return () => rmSync(dir, { recursive: true, force: true });
});
beforeAll(async () => {
  provider = await startEchoProvider();
  return () => provider.stop();
});

/** Runs `fn` with a planted redaction fault, restored whatever happens. */
async function planted<T>(fault: Parameters<typeof plantRedactionFault>[0], fn: () => Promise<T>): Promise<T> {
  const restore = plantRedactionFault(fault);
  try {
    return await fn();
  } finally {
    restore();
  }
}

function echoOf(encoding: Echo['encoding'], placement: Echo['placement']): Echo {
  const echo = gridEcho(encoding, placement, TOKEN);
  if (!echo) throw new Error(`${encoding} cannot be sent in the ${placement}`);
  return echo;
}

/** The artifacts a run did not write, as its stderr names them. */
function withheld(run: CaseRun): string[] {
  return [
    ...(run.outputs.stderr ?? '').matchAll(
      /hsac(?: run)?: ([^\n]*?) (?:was|were) not written: (?:it|they) would have held the access token in an encoded form/g,
    ),
  ].flatMap((match) => (match[1] ?? '').split(', '));
}

describe('planted: the old redactor without the final scan leaks, and the property says so', () => {
  it(
    'the end-to-end property fails, with a report that holds no token',
    async () => {
      const details = await planted({ redactor: legacyRedactor, finalScan: 'off' }, () =>
        fc.check(redactionProperty(provider, dir), {
          seed: SETTINGS.seed,
          numRuns: SETTINGS.runs * 2,
          endOnFailure: true,
        }),
      );
      expect(details.failed).toBe(true);
      const message = failureMessage({ name: 'planted', file: FILE }, details, SHOW_CASE, SETTINGS.runs * 2);
      expect(message.includes('the token is in the outputs: ')).toBe(true);
      console.info(
        `planted (old redactor, scan off): the property failed after ${details.numRuns} run(s): ${message
          .split('\n')
          .filter((line) => /Counterexample|Because/.test(line))
          .join(' / ')}`,
      );
      if (details.counterexample) expect(leaksIn({ message }, details.counterexample[0])).toEqual([]);
      // A hang guard that grows with the runs (an end-to-end run: ~80 ms idle), never a speed check.
    },
    timeoutForRuns(SETTINGS.runs * 2, 80, 60_000),
  );

  it("the hostile tester's case: a body field of \\u escapes is in clear in report.json (a finding's actual), report.html, junit.xml and exchanges.har", async () => {
    const run = await planted({ redactor: legacyRedactor, finalScan: 'off' }, () =>
      runCase(provider, dir, TOKEN, { ...echoOf('json-escape', 'body-field'), bearer: false }),
    );
    const leaked = new Set(run.leaks.map((leak) => leak.output));
    for (const name of ['report.json', 'report.html', 'junit.xml', 'exchanges.har'])
      expect(leaked.has(name), name).toBe(true);
    expect(run.leaks.some((leak) => leak.output === 'report.json' && leak.level === 0)).toBe(true);
  });
});

describe('the oracle sees every encoding (else a clean result would mean nothing)', () => {
  it('with the old redactor and no scan, every encoding but raw leaks from a body field, and every one from a header name', async () => {
    const seen: string[] = [];
    await planted({ redactor: legacyRedactor, finalScan: 'off' }, async () => {
      for (const placement of ['body-field', 'header-name'] as const) {
        for (const encoding of ENCODINGS) {
          const echo = gridEcho(encoding, placement, TOKEN);
          if (!echo) continue;
          const run = await runCase(provider, dir, TOKEN, echo);
          // The old redactor did catch the raw token in a body; it never looked at header names.
          const expected = encoding === 'raw' && placement === 'body-field' ? 0 : 1;
          expect(Math.min(1, run.leaks.length), `${encoding} in the ${placement}`).toBe(expected);
          if (run.leaks.length > 0)
            seen.push(`${encoding}/${placement}: ${[...new Set(run.leaks.map((leak) => leak.form))].join('+')}`);
        }
      }
    });
    console.info(`oracle (old redactor, scan off) found: ${seen.join(', ')}`);
  });
});

describe('planted: the old redactor with the final scan on fails closed', () => {
  it('every encoding x placement: nothing written holds the token; what the old redactor misses is withheld with exit 3', async () => {
    const table: string[] = [];
    const withheldCells = new Map<string, string[]>();
    await planted({ redactor: legacyRedactor }, async () => {
      for (const placement of PLACEMENTS) {
        const row: string[] = [];
        for (const encoding of ENCODINGS) {
          const echo = gridEcho(encoding, placement, TOKEN);
          if (!echo) {
            row.push(`${encoding} n/a`);
            continue;
          }
          const run = await runCase(provider, dir, TOKEN, echo);
          expect(run.leaks, `${encoding} in the ${placement}`).toEqual([]);
          const names = withheld(run);
          if (names.length > 0) {
            expect(run.code, `${encoding} in the ${placement}`).toBe(3);
            withheldCells.set(`${encoding}/${placement}`, names);
          }
          row.push(`${encoding} ${names.length > 0 ? `withheld ${names.join('+')}` : 'ok'}`);
        }
        table.push(`  ${placement}: ${row.join(', ')}`);
      }
    });
    console.info(`planted (old redactor, scan on): what the final scan withheld\n${table.join('\n')}`);
    // What the hostile tester found left in the files, each now withheld rather than written.
    expect(withheldCells.get('json-escape/body-field')).toEqual(
      expect.arrayContaining(['report.json', 'report.html', 'junit.xml', 'exchanges.har']),
    );
    for (const cell of [
      'base64/header-value',
      'hex/body-field',
      'case/header-value',
      'case/header-name',
      'percent/error-message',
      'json-escape/record-id',
      'json-escape/rate-limit-error',
    ])
      expect(withheldCells.has(cell), cell).toBe(true);
    // The reason of a run cut short by a 429 quotes the provider's policy name: report.json keeps it.
    expect(withheldCells.get('json-escape/rate-limit-error')).toEqual(
      expect.arrayContaining(['report.json', 'summary.md']),
    );
  }, 60_000);

  it('a report withheld is not left behind from an earlier run: a stale file of its name is removed', async () => {
    const reportDir = join(dir, 'stale');
    mkdirSync(reportDir, { recursive: true });
    writeFileSync(join(reportDir, 'report.json'), '{"stale":true}\n');
    const echo = echoOf('json-escape', 'body-field');
    await planted({ redactor: legacyRedactor }, async () => {
      provider.plan(TOKEN, echo);
      let stderr = '';
      const code = await main(
        [
          'run',
          '--target',
          provider.url,
          `--token=${TOKEN}`,
          '--seed',
          '1',
          '--endpoints',
          'batch-read',
          '--runs',
          '0',
          '--invalid-requests',
          '0',
          '--paging-budget',
          '0',
          '--rate-limit',
          '1000000/1s',
          '--report-dir',
          reportDir,
        ],
        {
          out: () => undefined,
          err: (text) => void (stderr += text),
          stdin: () => Buffer.alloc(0),
        },
      );
      expect(code).toBe(3);
      expect(safe(stderr, TOKEN)).toMatch(
        /report\.json.* not written: .*would have held the access token in an encoded form/,
      );
    });
    expect(existsSync(join(reportDir, 'report.json'))).toBe(false);
    // The clean reports were written.
    expect(existsSync(join(reportDir, 'summary.md'))).toBe(true);
  });
});

describe('the journal guard', () => {
  it('a target URL that holds the token (an API key in the query): the journal refuses its first line, and the run does not start (exit 3)', async () => {
    provider.plan(TOKEN, echoOf('raw', 'status-text'));
    const reportDir = join(dir, 'journal');
    let stderr = '';
    let stdout = '';
    const code = await main(
      [
        'run',
        '--target',
        `${provider.url}/?hapikey=${TOKEN}`,
        `--token=${TOKEN}`,
        '--seed',
        '1',
        '--endpoints',
        'batch-read',
        '--runs',
        '0',
        '--report-dir',
        reportDir,
      ],
      {
        out: (text) => void (stdout += text),
        err: (text) => void (stderr += text),
        stdin: () => Buffer.alloc(0),
      },
    );
    expect(code).toBe(3);
    expect(safe(stderr, TOKEN)).toMatch(
      /journal\.jsonl was not written: it would have held the access token in an encoded form/,
    );
    // Nothing was sent: the journal is written before any write, and it could not be.
    expect(provider.authorized()).toBe(0);
    expect(
      leaksIn({ stdout, stderr, journal: existsSync(join(reportDir, 'journal.jsonl')) ? 'present' : '' }, TOKEN),
    ).toEqual([]);
    expect(existsSync(join(reportDir, 'journal.jsonl'))).toBe(false);
  });
});

describe('planted: the console guard', () => {
  /** `hsac validate` of a body whose `status` is the token as \u escapes: the finding quotes the decoded value. */
  async function validateHostileBody(): Promise<{ code: number; stdout: string; stderr: string }> {
    const file = join(dir, 'hostile-body.json');
    const escaped = [...TOKEN].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    writeFileSync(
      file,
      `{"status":"${escaped}","results":[],"startedAt":"2026-11-20T09:15:02Z","completedAt":"2026-11-20T09:15:03Z"}`,
    );
    let stdout = '';
    let stderr = '';
    const before = process.env.HUBSPOT_ACCESS_TOKEN;
    // The token as CI passes it; every command guards it.
    process.env.HUBSPOT_ACCESS_TOKEN = TOKEN;
    try {
      const code = await main(['validate', '--endpoint', 'batch-read', file], {
        out: (text) => void (stdout += text),
        err: (text) => void (stderr += text),
        stdin: () => Buffer.alloc(0),
      });
      return { code, stdout, stderr };
    } finally {
      if (before === undefined) delete process.env.HUBSPOT_ACCESS_TOKEN;
      else process.env.HUBSPOT_ACCESS_TOKEN = before;
    }
  }

  it('a line that would show the token is not printed, the run says so and exits 3; with the scan off the line shows it', async () => {
    const guarded = await validateHostileBody();
    expect(guarded.code).toBe(3);
    expect(safe(guarded.stderr, TOKEN)).toMatch(
      /a line on stdout was not written: it would have held the access token in an encoded form/,
    );
    expect(leaksIn({ stdout: guarded.stdout, stderr: guarded.stderr }, TOKEN)).toEqual([]);
    const unguarded = await planted({ finalScan: 'off' }, validateHostileBody);
    expect(unguarded.code).toBe(1);
    expect(leaksIn({ stdout: unguarded.stdout }, TOKEN).length).toBeGreaterThan(0);
  });

  it("commander's own usage errors pass the guard too (an option value that is the token)", async () => {
    let stderr = '';
    const code = await main(['run', `--token=${TOKEN}`, '--api-version', TOKEN], {
      out: () => undefined,
      err: (text) => void (stderr += text),
      stdin: () => Buffer.alloc(0),
    });
    expect(code).toBe(3);
    expect(leaksIn({ stderr }, TOKEN)).toEqual([]);
    expect(safe(stderr, TOKEN)).toMatch(/not written/);
  });
});
