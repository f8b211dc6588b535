import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hsac, type Ran } from '../support/cli.js';
import { packageRoot } from '../../src/paths.js';
import { readDoc, requestDoc, responseDoc, type Json } from './fixtures.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-audit-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Json): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** One usage error: exit 2, one line on stderr, nothing on stdout, no stack trace. */
function expectUsageError(ran: Ran, text: string | RegExp): void {
  expect(ran.code).toBe(2);
  expect(ran.out).toBe('');
  expect(ran.err.trim().split('\n')).toHaveLength(1);
  expect(ran.err).toMatch(text);
  expect(ran.err).not.toMatch(/\n\s+at /);
}

const CATEGORY = ['HUBSPOT_DEFINED', 'INTEGRATOR_DEFINED', 'USER_DEFINED'];
const enumDoc = (side: 'old' | 'new', values: string[]): Json =>
  responseDoc(side, { type: 'object', properties: { category: { type: 'string', enum: values } } });

describe('hsac audit diff on hsac version names', () => {
  it('2026-03 -> 2026-09 reports the batch-read 207 removal and the object-type-ID removal (exit 1)', async () => {
    const ran = await hsac(['audit', 'diff', '2026-03', '2026-09']);
    expect(ran.code).toBe(1);
    expect(ran.out).toContain('hsac audit diff 2026-03 → 2026-09: FAIL');
    expect(ran.out).toContain('POST /crm/associations/{version}/{fromObjectType}/{toObjectType}/batch/read');
    expect(ran.out).toMatch(/breaking +response-success-status-removed +response +207/);
    expect(ran.out).toMatch(
      /breaking +response-optional-property-removed +response +200 +\/properties\/results\/items\/properties\/to\/items\/properties\/associationTypes\/items\/properties\/fromObjectTypeId/,
    );
    expect(ran.out).toMatch(/breaking +response-success-status-changed +response +201→200/);
  });

  it('v4 -> 2026-03: hsac documents the same bodies for the four endpoints (exit 0)', async () => {
    const ran = await hsac(['audit', 'diff', 'v4', '2026-03']);
    expect(ran.code).toBe(0);
    expect(ran.out).toContain('OK (0 breaking, 0 warnings, 0 info, 0 ignored');
    expect(ran.out).toContain('no changes');
  });

  it('a version document given as a file is the same as its version name', async () => {
    const ran = await hsac([
      'audit',
      'diff',
      '--json',
      join(packageRoot(), 'schemas', '2026-03', 'associations.struct.json'),
      '2026-09',
    ]);
    const byName = await hsac(['audit', 'diff', '--json', '2026-03', '2026-09']);
    const rules = (text: string): string[] =>
      (JSON.parse(text) as { changes: { rule: string }[] }).changes.map((change) => change.rule);
    expect(rules(ran.out)).toEqual(rules(byName.out));
  });

  it('--json prints one document: ok, summary, changes and DESIGN.md findings', async () => {
    const ran = await hsac(['audit', 'diff', '--json', '2025-09', '2026-03']);
    expect(ran.code).toBe(1);
    const doc = JSON.parse(ran.out) as {
      ok: boolean;
      summary: Record<string, number>;
      changes: Record<string, unknown>[];
      findings: Record<string, unknown>[];
    };
    expect(doc.ok).toBe(false);
    expect(doc.summary.breaking).toBeGreaterThan(0);
    expect(doc.changes).toContainEqual(
      expect.objectContaining({
        rule: 'response-success-status-changed',
        severity: 'breaking',
        direction: 'response',
        operation:
          'POST /crm/associations/{version}/definitions/configurations/{fromObjectType}/{toObjectType}/batch/create',
        status: '200→201',
      }),
    );
    expect(doc.findings).toContainEqual(
      expect.objectContaining({ check: 'response-success-status-changed', severity: 'error' }),
    );
    expect(
      doc.findings.every((finding) => typeof finding.instancePath === 'string' && typeof finding.message === 'string'),
    ).toBe(true);
  });

  it('--markdown prints a table', async () => {
    const ran = await hsac(['audit', 'diff', '--markdown', '2026-03', '2026-09']);
    expect(ran.code).toBe(1);
    expect(ran.out).toContain('| severity | rule | direction | operation | status | at | old → new | message |');
    expect(ran.out).toContain('| breaking | `response-errors-merged` | response |');
  });

  it('--help lists the rules with direction and default severity', async () => {
    const ran = await hsac(['audit', 'diff', '--help']);
    expect(ran.code).toBe(0);
    expect(ran.out).toMatch(/response-enum-value-added +response +warning/);
    expect(ran.out).toMatch(/operation-removed +operation +breaking/);
  });
});

describe('hsac audit diff on files', () => {
  it('reads YAML and OpenAPI 3.1, and --fail-on warning turns a warning into exit 1', async () => {
    const old = file(
      'enum-old.yaml',
      `openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths:\n  /crm/v4/associations/{a}/{b}/batch/read:\n    post:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  category: { type: string, enum: [${CATEGORY.join(', ')}] }\n`,
    );
    const next = file('enum-new.json', enumDoc('new', [...CATEGORY, 'WORK']));
    const lenient = await hsac(['audit', 'diff', old, next]);
    expect(lenient.code).toBe(0);
    expect(lenient.out).toMatch(/warning +response-enum-value-added +response +200 +\/properties\/category/);
    const strict = await hsac(['audit', 'diff', '--fail-on', 'warning', old, next]);
    expect(strict.code).toBe(1);
  });

  it('a config raises enum additions to breaking, switches rules off, and ignores with a reason', async () => {
    const old = file('c-old.json', enumDoc('old', CATEGORY));
    const next = file('c-new.json', enumDoc('new', [...CATEGORY, 'WORK']));
    const raise = file('raise.json', { audit: { enumAdditions: 'breaking' } });
    expect((await hsac(['audit', 'diff', '--config', raise, old, next])).code).toBe(1);
    const off = file('off.json', {
      audit: { enumAdditions: 'breaking', rules: { 'response-enum-value-added': 'off' } },
    });
    const quiet = await hsac(['audit', 'diff', '--config', off, old, next]);
    expect(quiet.code).toBe(0);
    expect(quiet.out).toContain('no changes');
    const ignore = file('ignore.json', {
      audit: {
        enumAdditions: 'breaking',
        ignore: [
          {
            rule: 'response-enum-value-added',
            operation: 'POST /crm/v4/associations/{a}/{b}/batch/read',
            path: '/properties/category',
            reason: 'our SDK decodes categories as strings',
          },
        ],
      },
    });
    const ignored = await hsac(['audit', 'diff', '--config', ignore, old, next]);
    expect(ignored.code).toBe(0);
    expect(ignored.out).toContain('1 ignored');
    expect(ignored.out).toContain('because: our SDK decodes categories as strings');
  });

  it('joins files with commas and reads directories as one API', async () => {
    mkdirSync(join(dir, 'two'), { recursive: true });
    writeFileSync(
      join(dir, 'two', 'a.json'),
      JSON.stringify(requestDoc('new', { type: 'object', properties: { id: { type: 'string' } } })),
    );
    const archive = {
      openapi: '3.0.3',
      info: { title: 'b', version: '1' },
      paths: {
        '/crm/associations/2026-09/{a}/{b}/batch/archive': { post: { responses: { '204': { description: 'none' } } } },
      },
    };
    writeFileSync(join(dir, 'two', 'b.json'), JSON.stringify(archive));
    const single = file('single.json', requestDoc('old', { type: 'object', properties: { id: { type: 'string' } } }));
    const ran = await hsac(['audit', 'diff', single, join(dir, 'two')]);
    expect(ran.code).toBe(0);
    expect(ran.out).toMatch(/info +operation-added +operation +- +-/);
    const listed = await hsac(['audit', 'diff', single, `${join(dir, 'two', 'a.json')},${join(dir, 'two', 'b.json')}`]);
    expect(listed.out).toBe(ran.out.replace(`${join(dir, 'two')} (a.json + b.json)`, 'two/a.json + two/b.json'));
  });

  it('follows an external $ref into another file (bundled by json-schema-ref-parser)', async () => {
    file('common.json', {
      components: {
        schemas: { Spec: { type: 'object', properties: { category: { type: 'string', enum: CATEGORY } } } },
      },
    });
    const old = file('ext-old.json', responseDoc('old', { $ref: './common.json#/components/schemas/Spec' }));
    const next = file('ext-new.json', enumDoc('new', CATEGORY.slice(0, 2)));
    const ran = await hsac(['audit', 'diff', old, next]);
    expect(ran.code).toBe(0);
    expect(ran.out).toMatch(/info +response-enum-value-removed/);
  });

  it('terminates on recursive $refs, finding a change below the recursion', async () => {
    const tree = (leaf: Json): Json => ({
      schemas: {
        Node: {
          type: 'object',
          properties: { value: leaf, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
        },
      },
    });
    const old = file(
      'rec-old.json',
      readDoc(
        'old',
        {
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } },
            },
          },
        },
        tree({ type: 'integer', format: 'int32' }),
      ),
    );
    const next = file(
      'rec-new.json',
      readDoc(
        'new',
        {
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } },
            },
          },
        },
        tree({ type: 'string' }),
      ),
    );
    const ran = await hsac(['audit', 'diff', '--json', old, next]);
    expect(ran.code).toBe(1);
    const pointers = (JSON.parse(ran.out) as { changes: { pointer: string }[] }).changes.map(
      (change) => change.pointer,
    );
    expect(pointers).toEqual(['/properties/value']);
    const aliases = { schemas: { A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/A' } } };
    const loop = file(
      'alias-loop.json',
      readDoc(
        'old',
        {
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } },
            },
          },
        },
        aliases,
      ),
    );
    expect((await hsac(['audit', 'diff', loop, loop])).code).toBe(0);
  });

  it('compares bare JSON Structure documents definition by definition', async () => {
    const doc = (extra: Json): Json => ({
      $schema: 'https://json-structure.org/meta/core/v0/#',
      $id: 'https://example.com/p.struct.json',
      name: 'P',
      definitions: { Pet: { type: 'object', properties: { id: { type: 'int32' }, ...extra } } },
    });
    const old = file('p-old.struct.json', doc({ name: { type: 'string' } }));
    const next = file('p-new.struct.json', doc({}));
    const ran = await hsac(['audit', 'diff', old, next]);
    expect(ran.code).toBe(1);
    expect(ran.out).toContain('definition Pet');
    expect(ran.out).toMatch(/breaking +response-optional-property-removed +response +- +\/properties\/name/);
  });
});

describe('hsac audit diff: bad input is a usage error (exit 2, one line)', () => {
  it('an unknown version name', async () => {
    expectUsageError(
      await hsac(['audit', 'diff', '2027-03', '2026-09']),
      /"2027-03" is neither an API version \(v4, 2025-09, 2026-03, 2026-09\) nor a readable file/,
    );
  });

  it('malformed JSON, malformed YAML, an empty file', async () => {
    expectUsageError(
      await hsac(['audit', 'diff', file('bad.json', '{"openapi": "3.0.3",'), '2026-03']),
      /bad\.json is not valid JSON/,
    );
    expectUsageError(
      await hsac(['audit', 'diff', file('bad.yaml', 'openapi: 3.0.3\npaths: [unclosed\n'), '2026-03']),
      /bad\.yaml is not valid YAML \(line \d+, column \d+\)/,
    );
    expectUsageError(await hsac(['audit', 'diff', file('empty.json', '  \n'), '2026-03']), /empty\.json is empty/);
  });

  it('a document that is neither OpenAPI 3.x nor JSON Structure; Swagger 2; OpenAPI 2.x numbers', async () => {
    expectUsageError(
      await hsac(['audit', 'diff', file('neither.json', { hello: 'world' }), '2026-03']),
      /neither OpenAPI 3\.x .* nor JSON Structure/,
    );
    expectUsageError(
      await hsac(['audit', 'diff', file('array.json', '[1, 2]'), '2026-03']),
      /top level is not an object/,
    );
    expectUsageError(
      await hsac(['audit', 'diff', file('swagger.json', { swagger: '2.0', paths: {} }), '2026-03']),
      /Swagger 2\.0/,
    );
    expectUsageError(
      await hsac(['audit', 'diff', file('oas4.json', { openapi: '4.0.0', paths: {} }), '2026-03']),
      /OpenAPI version "4\.0\.0" is not supported/,
    );
  });

  it('an invalid JSON Structure document (the published seed)', async () => {
    const seed = join(packageRoot(), 'schemas', 'published', 'batch-association-response.struct.json');
    expectUsageError(
      await hsac(['audit', 'diff', seed, seed]),
      /is not a valid JSON Structure document: .*hsac audit structure/,
    );
  });

  it('an unresolved $ref, an http $ref, a schema that is not an object', async () => {
    expectUsageError(
      await hsac([
        'audit',
        'diff',
        file('dangling.json', responseDoc('old', { $ref: '#/components/schemas/Nope' })),
        '2026-03',
      ]),
      /points to nothing/,
    );
    expectUsageError(
      await hsac([
        'audit',
        'diff',
        file('http.json', responseDoc('old', { $ref: 'https://example.com/schema.json' })),
        '2026-03',
      ]),
      /cannot resolve an external \$ref/,
    );
    expectUsageError(
      await hsac([
        'audit',
        'diff',
        file('notschema.json', responseDoc('old', { type: 'object', properties: { a: 42 } })),
        '2026-03',
      ]),
      /schema at .*\/properties\/a is number, not a schema object/,
    );
  });

  it('nesting 10,000 deep is refused, not a stack overflow', async () => {
    // Written as text: JSON.stringify itself cannot serialise 10,000 levels.
    const depth = 10_000;
    const schema = `${'{"type":"object","properties":{"a":'.repeat(depth)}{"type":"string"}${'}}'.repeat(depth)}`;
    const doc = JSON.stringify(responseDoc('old', { $ref: '#/components/schemas/Deep' }))
      .replace(/}$/, '')
      .replace('"components":{}', `"components":{"schemas":{"Deep":${schema}}}`);
    expectUsageError(
      await hsac(['audit', 'diff', file('deep.json', `${doc}}`), '2026-03']),
      /nested deeper than 128 levels/,
    );
  });

  it('a YAML alias bomb is refused, not expanded', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++)
      lines.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
      );
    expectUsageError(
      await hsac(['audit', 'diff', file('bomb.yaml', `${lines.join('\n')}\n`), '2026-03']),
      /not usable YAML/,
    );
  });

  it('a file over 32 MiB is refused by size, unread', async () => {
    const huge = file('huge.json', '');
    truncateSync(huge, 33 * 1024 * 1024);
    expectUsageError(await hsac(['audit', 'diff', huge, '2026-03']), /is 34603008 bytes; the audit reads specs up to/);
  });

  it('an operation defined by two of the joined files', async () => {
    const a = file('dup-a.json', readDoc('old'));
    const b = file('dup-b.json', readDoc('new'));
    expectUsageError(await hsac(['audit', 'diff', `${a},${b}`, '2026-03']), /is defined in both/);
  });

  it('bad options and bad config', async () => {
    expectUsageError(
      await hsac(['audit', 'diff', '--json', '--markdown', 'v4', '2026-03']),
      /--json and --markdown are exclusive/,
    );
    expect((await hsac(['audit', 'diff', '--fail-on', 'info', 'v4', '2026-03'])).code).toBe(2);
    expectUsageError(
      await hsac(['audit', 'diff', '--config', join(dir, 'missing.json'), 'v4', '2026-03']),
      /cannot read config .*missing\.json: ENOENT/,
    );
    expectUsageError(
      await hsac(['audit', 'diff', '--config', file('cfg-bad.json', '{'), 'v4', '2026-03']),
      /is not valid JSON/,
    );
    expectUsageError(
      await hsac(['audit', 'diff', '--config', file('cfg-key.json', { audit: { rulez: {} } }), 'v4', '2026-03']),
      /unknown key "audit\.rulez"/,
    );
    expectUsageError(
      await hsac(['audit', 'diff', '--config', file('cfg-top.json', { auditt: {} }), 'v4', '2026-03']),
      /unknown key "auditt"/,
    );
    expectUsageError(
      await hsac([
        'audit',
        'diff',
        '--config',
        file('cfg-rule.json', { audit: { rules: { 'no-such-rule': 'off' } } }),
        'v4',
        '2026-03',
      ]),
      /unknown rule "no-such-rule"/,
    );
    expectUsageError(
      await hsac([
        'audit',
        'diff',
        '--config',
        file('cfg-level.json', { audit: { rules: { 'operation-removed': 'fatal' } } }),
        'v4',
        '2026-03',
      ]),
      /use "error", "warn", "info" or "off"/,
    );
    const noReason = file('cfg-reason.json', { audit: { ignore: [{ rule: 'operation-removed', reason: '  ' }] } });
    expectUsageError(
      await hsac(['audit', 'diff', '--config', noReason, 'v4', '2026-03']),
      /audit\.ignore\[0\] \(operation-removed\) has no reason/,
    );
  });
});

const DRIFT_BODY = {
  status: 'COMPLETE',
  startedAt: '2026-05-01T00:00:00Z',
  completedAt: '2026-05-01T00:00:01Z',
  results: [
    {
      from: { id: '1' },
      to: [{ toObjectId: '2', associationTypes: [{ category: 'NEW_CATEGORY', typeId: 1, label: null, extra: true }] }],
    },
  ],
};

function exchange(body: Json, status = 200, endpoint = 'batch-read'): Json {
  return {
    endpoint,
    apiVersion: '2026-03',
    request: {
      method: 'POST',
      url: 'https://api.hubapi.com/crm/associations/2026-03/contacts/companies/batch/read',
      body: { inputs: [{ id: '1' }] },
    },
    response: { status, headers: { 'content-type': 'application/json' }, body },
  };
}

describe('hsac audit drift', () => {
  it('reports unknown fields, unknown enum values and fields never seen, per endpoint and version (exit 1)', async () => {
    const report = file('report.json', {
      summary: { verdict: 'pass' },
      exchanges: [exchange(DRIFT_BODY), exchange({}, 201, 'objects-batch-create')],
    });
    const ran = await hsac(['audit', 'drift', report]);
    expect(ran.code).toBe(1);
    expect(ran.out).toContain('batch-read 2026-03 (1 exchange)');
    expect(ran.out).toContain('field not in schema       /results/*/to/*/associationTypes/*/extra (1×)');
    expect(ran.out).toContain(
      'enum value not in schema  /results/*/to/*/associationTypes/*/category: NEW_CATEGORY (1×)',
    );
    expect(ran.out).toMatch(/never seen +.*\/requestedAt/);
    expect(ran.out).toContain('/inputs/*/after');
    expect(ran.out).toContain('not observed: response 207');
    expect(ran.out).toContain('skipped: 1 exchange of objects-batch-create 2026-03 (no hsac schema for this endpoint)');
  });

  it('--json, and exit 0 when the schemas know everything seen', async () => {
    const clean = {
      ...DRIFT_BODY,
      results: [{ from: { id: '1' }, to: [{ toObjectId: '2', associationTypes: [{ category: 'WORK', typeId: 1 }] }] }],
    };
    const ran = await hsac(['audit', 'drift', '--json', file('clean.json', { exchanges: [exchange(clean)] })]);
    expect(ran.code).toBe(0);
    const doc = JSON.parse(ran.out) as {
      ok: boolean;
      endpoints: { bodies: { body: string; unknownFields: unknown[]; neverSeen: string[] }[] }[];
    };
    expect(doc.ok).toBe(true);
    const response = doc.endpoints[0]?.bodies.find((body) => body.body === 'response 200');
    expect(response?.unknownFields).toEqual([]);
    expect(response?.neverSeen).toContain('/results/*/to/*/associationTypes/*/label');
  });

  it('bad input is a usage error with a clear line', async () => {
    expectUsageError(await hsac(['audit', 'drift', file('drift-bad.json', 'not json')]), /is not JSON/);
    expectUsageError(
      await hsac(['audit', 'drift', file('drift-shape.json', { results: [] })]),
      /has no "exchanges" array/,
    );
    const noStatus = { exchanges: [{ ...exchange(DRIFT_BODY), response: { body: {} } }] };
    expectUsageError(
      await hsac(['audit', 'drift', file('drift-status.json', noStatus)]),
      /exchanges\[0\]\.response\.status must be an HTTP status code/,
    );
    expectUsageError(
      await hsac([
        'audit',
        'drift',
        file('drift-request.json', {
          exchanges: [{ endpoint: 'batch-read', apiVersion: '2026-03', response: { status: 200 } }],
        }),
      ]),
      /exchanges\[0\]\.request must be an object/,
    );
    expectUsageError(
      await hsac(['audit', 'drift', join(dir, 'nothing-here.json')]),
      /cannot read .*nothing-here\.json: ENOENT/,
    );
  });
});
