import { describe, expect, it } from 'vitest';
import type { AuditResult } from './audit.js';
import { renderHuman, renderJson, renderMarkdown } from './output.js';

const READ = 'POST /crm/associations/{version}/{fromObjectType}/{toObjectType}/batch/read';

const RESULT: AuditResult = {
  old: '2026-03',
  new: '2026-09',
  compared: { old: 4, new: 4, unit: 'operations' },
  changes: [
    {
      rule: 'response-success-status-removed',
      severity: 'breaking',
      direction: 'response',
      operation: READ,
      status: '207',
      old: '207',
      message: 'success status 207 is no longer declared',
    },
    {
      rule: 'response-enum-value-added',
      severity: 'warning',
      direction: 'response',
      operation: READ,
      status: '200',
      pointer: '/properties/category',
      instancePath: '/category',
      old: '[A]',
      new: '[A, B]',
      message: 'response enum value [B] added',
    },
  ],
  ignored: [
    {
      change: {
        rule: 'operation-removed',
        severity: 'breaking',
        direction: 'operation',
        operation: 'POST /crm/objects/{version}/{objectType}/search',
        old: '/crm/objects/2026-03/{objectType}/search',
        message: 'removed',
      },
      reason: 'not used | by us',
    },
  ],
  counts: { breaking: 1, warning: 1, info: 0 },
};

describe('audit writers', () => {
  it('human: a verdict line, then per operation a row and an old → new line per change, then the ignored', () => {
    expect(renderHuman(RESULT, 'breaking', false)).toBe(
      [
        'hsac audit diff 2026-03 → 2026-09: FAIL (1 breaking, 1 warning, 0 info, 1 ignored; fail on breaking; 4 → 4 operations)',
        '',
        READ,
        '  SEVERITY  RULE                             DIRECTION  STATUS  AT',
        '  breaking  response-success-status-removed  response   207     -',
        '      207 → (none): success status 207 is no longer declared',
        '  warning   response-enum-value-added        response   200     /properties/category',
        '      [A] → [A, B]: response enum value [B] added',
        '',
        'Ignored (audit.ignore in the config):',
        '  breaking operation-removed POST /crm/objects/{version}/{objectType}/search  -',
        '      because: not used | by us',
        '',
      ].join('\n'),
    );
  });

  it('Markdown: escapes pipes and lists the ignored with their reason', () => {
    const markdown = renderMarkdown(RESULT, 'breaking', false);
    expect(markdown).toContain('## hsac audit diff `2026-03` → `2026-09`: ❌ FAIL');
    expect(markdown).toContain(
      `| warning | \`response-enum-value-added\` | response | \`${READ}\` | 200 | \`/properties/category\` | [A] → [A, B] | response enum value [B] added |`,
    );
    expect(markdown).toContain(
      '| `operation-removed` | `POST /crm/objects/{version}/{objectType}/search` | `-` | not used \\| by us |',
    );
  });

  it('JSON: the changes as they are, and breaking/warning ones as DESIGN.md findings', () => {
    const doc = JSON.parse(renderJson(RESULT, 'warning', false)) as Record<string, unknown>;
    expect(doc).toMatchObject({
      ok: false,
      failOn: 'warning',
      summary: { breaking: 1, warning: 1, info: 0, ignored: 1 },
    });
    expect(doc.findings).toEqual([
      {
        check: 'response-success-status-removed',
        severity: 'error',
        instancePath: '',
        message: 'success status 207 is no longer declared',
        endpoint: READ,
        status: '207',
        expected: '207',
      },
      {
        check: 'response-enum-value-added',
        severity: 'warning',
        instancePath: '/properties/category',
        message: 'response enum value [B] added',
        endpoint: READ,
        status: '200',
        expected: '[A]',
        actual: '[A, B]',
      },
    ]);
    expect(doc.ignored).toEqual([expect.objectContaining({ rule: 'operation-removed', reason: 'not used | by us' })]);
  });

  it('says so when nothing changed', () => {
    expect(
      renderHuman(
        { ...RESULT, changes: [], ignored: [], counts: { breaking: 0, warning: 0, info: 0 } },
        'breaking',
        true,
      ),
    ).toContain(': OK (0 breaking, 0 warnings, 0 info, 0 ignored');
  });
});
