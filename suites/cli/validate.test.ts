import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hsac, type Ran } from '../support/cli.js';
import { packageRoot } from '../../src/paths.js';

const root = packageRoot();
const example = (name: string): string => join(root, 'examples', name);

const execFileAsync = promisify(execFile);

/** Runs the real bin, as a user would after `npm ci` (the build runs in `prepare` and `pretest`). */
async function bin(args: string[]): Promise<Ran> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [join(root, 'bin', 'hsac.js'), ...args], {
      cwd: root,
      maxBuffer: 1 << 24,
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout, err: failed.stderr };
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('hsac validate on the shipped examples', () => {
  it('passes a real-shaped batch read 200 (exit 0)', async () => {
    const ran = await hsac(['validate', '--endpoint', 'batch-read', '--status', '200', example('batch-read-200.json')]);
    expect(ran.out).toContain('PASS (0 errors, 0 warnings)');
    expect(ran.code).toBe(0);
  });

  it('passes a 207 with its StandardError', async () => {
    const ran = await hsac([
      'validate',
      '--endpoint',
      'batch-read',
      '--status',
      '207',
      '--json',
      example('batch-read-207.json'),
    ]);
    expect(JSON.parse(ran.out)).toEqual({ ok: true, findings: [] });
    expect(ran.code).toBe(0);
  });

  it("fails the docs' own example (exit 1) with every defect named, as one JSON document", async () => {
    const ran = await hsac(['validate', '--endpoint', 'batch-read', '--json', example('batch-read-docs-example.json')]);
    expect(ran.code).toBe(1);
    const report = JSON.parse(ran.out) as {
      ok: boolean;
      findings: { check: string; instancePath: string; severity: string }[];
    };
    expect(report.ok).toBe(false);
    const seen = report.findings.map((f) => `${f.check} ${f.instancePath}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'status-enum /status',
        'unknown-field /errors',
        'unknown-field /numErrors',
        'num-errors-matches-errors /numErrors',
      ]),
    );
    for (const finding of report.findings)
      expect(Object.keys(finding)).toEqual(expect.arrayContaining(['check', 'severity', 'instancePath', 'message']));
    // Strict is the spec as published, and it leaves objects open: undeclared fields are warnings.
    expect(report.findings.filter((f) => f.check === 'unknown-field').map((f) => f.severity)).toEqual([
      'warning',
      'warning',
    ]);
  });

  it('the same body under lenient still fails on the status enum but only warns about extra fields', async () => {
    const ran = await hsac([
      'validate',
      '--endpoint',
      'batch-read',
      '--profile',
      'lenient',
      '--json',
      example('batch-read-docs-example.json'),
    ]);
    const report = JSON.parse(ran.out) as { findings: { check: string; severity: string }[] };
    expect(report.findings.filter((f) => f.check === 'unknown-field').every((f) => f.severity === 'warning')).toBe(
      true,
    );
    expect(report.findings.find((f) => f.check === 'status-enum')?.severity).toBe('error');
    expect(ran.code).toBe(1);
  });

  it('reads stdin with -', async () => {
    const ran = await hsac(
      ['validate', '--endpoint', 'batch-read', '-'],
      readFileSync(example('batch-read-200.json'), 'utf8'),
    );
    expect(ran.code).toBe(0);
  });

  it('checks request bodies with --request, including the 1000-input limit', async () => {
    const inputs = Array.from({ length: 1001 }, (_, i) => ({ id: String(i + 1) }));
    const ran = await hsac([
      'validate',
      '--endpoint',
      'batch-read',
      '--request',
      file('req.json', JSON.stringify({ inputs })),
    ]);
    expect(ran.out).toContain('input-limit');
    expect(ran.code).toBe(1);
  });
});

describe('--unknown-fields: an undeclared field is a warning under both profiles, an error when asked for', () => {
  /**
   * The shipped 200 with a field HubSpot added inside the version (as fromObjectTypeId joined 2026-03 on 2026-08-17).
   */
  const withNewField = (): string => {
    const body = JSON.parse(readFileSync(example('batch-read-200.json'), 'utf8')) as Record<string, unknown>;
    return file('new-field.json', JSON.stringify({ ...body, batchId: 'b-0001' }));
  };

  it.each(['strict', 'lenient'])(
    '%s: a warning by default (exit 0), an error with --unknown-fields error (exit 1)',
    async (profile) => {
      const path = withNewField();
      for (const args of [[], ['--unknown-fields', 'warn']]) {
        const ran = await hsac(['validate', '--endpoint', 'batch-read', '--profile', profile, ...args, '--json', path]);
        expect(JSON.parse(ran.out)).toEqual({
          ok: true,
          findings: [
            expect.objectContaining({ check: 'unknown-field', severity: 'warning', instancePath: '/batchId' }),
          ],
        });
        expect(ran.code).toBe(0);
      }
      const strictest = await hsac([
        'validate',
        '--endpoint',
        'batch-read',
        '--profile',
        profile,
        '--unknown-fields',
        'error',
        '--json',
        path,
      ]);
      expect(JSON.parse(strictest.out)).toEqual({
        ok: false,
        findings: [expect.objectContaining({ check: 'unknown-field', severity: 'error', instancePath: '/batchId' })],
      });
      expect(strictest.code).toBe(1);
    },
  );

  it('the text report says when unknown fields are errors', async () => {
    const path = withNewField();
    expect((await hsac(['validate', '--endpoint', 'batch-read', path])).out).not.toContain('unknown fields are errors');
    const ran = await hsac(['validate', '--endpoint', 'batch-read', '--unknown-fields', 'error', path]);
    expect(ran.out).toContain('unknown fields are errors');
    expect(ran.out).toContain('unknown-field');
  });

  it('applies to requests and to --published too', async () => {
    const request = file('req-extra.json', JSON.stringify({ inputs: [{ id: '101' }], archived: false }));
    expect((await hsac(['validate', '--endpoint', 'batch-read', '--request', request])).code).toBe(0);
    expect(
      (await hsac(['validate', '--endpoint', 'batch-read', '--request', '--unknown-fields', 'error', request])).code,
    ).toBe(1);
    // The seed's own root is open (it states no additionalProperties); its Association is resolved to
    // hsac's MultiAssociatedObjectWithLabel, which hsac closes to see undeclared fields.
    const body = JSON.parse(readFileSync(example('batch-read-200.json'), 'utf8')) as {
      results: { to: Record<string, unknown>[] }[];
    };
    Object.assign(body.results[0]?.to[0] ?? {}, { toObjectTypeId: '0-2' });
    const path = file('published-new-field.json', JSON.stringify(body));
    const warned = JSON.parse((await hsac(['validate', '--published', '--json', path])).out) as {
      ok: boolean;
      findings: { check: string; severity: string }[];
    };
    expect(warned).toEqual({
      ok: true,
      findings: [expect.objectContaining({ check: 'unknown-field', severity: 'warning' })],
    });
    const published = await hsac(['validate', '--published', '--unknown-fields', 'error', '--json', path]);
    const report = JSON.parse(published.out) as { findings: { check: string; severity: string }[] };
    expect(report.findings).toContainEqual(expect.objectContaining({ check: 'unknown-field', severity: 'error' }));
  });

  it('the docs example: its undeclared errors/numErrors become errors', async () => {
    const ran = await hsac([
      'validate',
      '--endpoint',
      'batch-read',
      '--unknown-fields',
      'error',
      '--json',
      example('batch-read-docs-example.json'),
    ]);
    const report = JSON.parse(ran.out) as { findings: { check: string; severity: string }[] };
    expect(report.findings.filter((f) => f.check === 'unknown-field').map((f) => f.severity)).toEqual([
      'error',
      'error',
    ]);
    expect(ran.code).toBe(1);
  });
});

describe('bad input gets a finding, never a crash or a hang', () => {
  const cases: { name: string; content: () => string | Buffer; check: string; code: number }[] = [
    { name: 'not JSON', content: () => '{"status": "COMPLETE",', check: 'body-not-json', code: 1 },
    { name: 'empty', content: () => '', check: 'body-not-json', code: 1 },
    { name: 'whitespace only', content: () => ' \n\t', check: 'body-not-json', code: 1 },
    {
      name: 'an HTML error page',
      content: () => '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
      check: 'body-not-json',
      code: 1,
    },
    {
      name: '100,000-deep nesting',
      content: () => `{"status":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      check: 'body-depth',
      code: 1,
    },
    {
      name: 'a 50 MB body',
      content: () => `{"status":"COMPLETE","pad":"${'x'.repeat(50 * 1024 * 1024)}"}`,
      check: 'body-size',
      code: 1,
    },
    // Undeclared keys, nothing else wrong: warnings (exit 0), as objects are open in the published spec.
    {
      name: '__proto__ and constructor keys',
      content: () =>
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{}},"status":"COMPLETE","results":[],"startedAt":"2026-11-20T09:15:02Z","completedAt":"2026-11-20T09:15:03Z"}',
      check: 'unknown-field',
      code: 0,
    },
    { name: 'a JSON array', content: () => '[]', check: 'type', code: 1 },
    {
      name: 'invalid UTF-8 bytes',
      content: () => Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
      check: 'unknown-field',
      code: 1,
    },
  ];

  it.each(cases)('$name', async ({ name, content, check, code }) => {
    const path = file(`${name.replace(/\W+/g, '-')}.json`, content());
    const ran = await hsac(['validate', '--endpoint', 'batch-read', '--json', path]);
    expect(ran.err).toBe('');
    expect(ran.code).toBe(code);
    const report = JSON.parse(ran.out) as { ok: boolean; findings: { check: string }[] };
    expect(report.findings.map((f) => f.check)).toContain(check);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a UTF-8 byte-order mark is a warning and the body is still checked', async () => {
    const path = file(
      'bom.json',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(example('batch-read-200.json'))]),
    );
    const ran = await hsac(['validate', '--endpoint', 'batch-read', '--json', path]);
    expect(JSON.parse(ran.out)).toEqual({
      ok: true,
      findings: [expect.objectContaining({ check: 'body-encoding', severity: 'warning' })],
    });
    expect(ran.code).toBe(0);
  });
});

describe('usage errors: exit 2 and one clear line', () => {
  it.each([
    { argv: ['validate', '--endpoint', 'batch-write', 'x.json'], says: 'batch-write' },
    { argv: ['validate', '--endpoint', 'batch-read', '--api-version', '2024-01', 'x.json'], says: '2024-01' },
    { argv: ['validate', '--endpoint', 'batch-read', '--status', '2000', 'x.json'], says: 'status' },
    { argv: ['validate', '--endpoint', 'batch-read', '--profile', 'loose', 'x.json'], says: 'loose' },
    { argv: ['validate', '--endpoint', 'batch-read', '--unknown-fields', 'ignore', 'x.json'], says: 'ignore' },
    { argv: ['validate', 'x.json'], says: '--endpoint' },
    {
      argv: ['validate', '--endpoint', 'batch-read', '/nonexistent/body.json'],
      says: 'cannot read /nonexistent/body.json',
    },
    { argv: ['frobnicate'], says: 'frobnicate' },
  ])('$argv', async ({ argv, says }) => {
    const ran = await hsac(argv);
    expect(ran.code).toBe(2);
    expect(ran.err).toContain(says);
    expect(ran.err).not.toMatch(/\n\s+at /);
  });
});

describe('the real bin', () => {
  it('prints validate --help with the contract flags and exits 0', async () => {
    const ran = await bin(['validate', '--help']);
    expect(ran.code).toBe(0);
    for (const flag of ['--endpoint', '--api-version', '--status', '--profile', '--json'])
      expect(ran.out).toContain(flag);
  });

  it('exits 1 on a non-conformant body and 2 on a usage error, without a stack trace', async () => {
    const failing = await bin(['validate', '--endpoint', 'batch-read', example('batch-read-docs-example.json')]);
    expect(failing.code).toBe(1);
    const usage = await bin(['validate', '--endpoint', 'nope', example('batch-read-200.json')]);
    expect(usage.code).toBe(2);
    expect(usage.err).not.toMatch(/\n\s+at /);
  });

  it('audits the published seed: 4 bare $refs, 4 unresolved targets, 3 objects without properties, exit 1', async () => {
    const ran = await bin([
      'audit',
      'structure',
      '--json',
      join(root, 'schemas/published/batch-association-response.struct.json'),
    ]);
    expect(ran.code).toBe(1);
    const report = JSON.parse(ran.out) as {
      ok: boolean;
      findings: { check: string; severity: string; message: string }[];
    };
    expect(report.ok).toBe(false);
    expect(report.findings.filter((f) => f.severity === 'error')).toHaveLength(11);
  });
});
