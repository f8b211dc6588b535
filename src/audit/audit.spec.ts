import { describe, expect, it } from 'vitest';
import { applyConfig, countBySeverity, fails } from './audit.js';
import { DEFAULT_AUDIT_CONFIG, type AuditConfig } from './config.js';
import type { Change } from './diff.js';

const change = (rule: string, severity: Change['severity'], extra: Partial<Change> = {}): Change => ({
  rule,
  severity,
  direction: 'response',
  operation: 'POST /crm/associations/{version}/{fromObjectType}/{toObjectType}/batch/read',
  status: '200',
  pointer: '/properties/category',
  instancePath: '/category',
  message: 'm',
  ...extra,
});

const config = (parts: Partial<AuditConfig>): AuditConfig => ({ ...DEFAULT_AUDIT_CONFIG, ...parts });

describe('applyConfig', () => {
  it('overrides severities and drops rules set to off', () => {
    const { changes } = applyConfig(
      [change('response-enum-value-added', 'warning'), change('parameter-removed', 'warning')],
      config({ rules: { 'response-enum-value-added': 'error', 'parameter-removed': 'off' } }),
    );
    expect(changes.map((c) => [c.rule, c.severity])).toEqual([['response-enum-value-added', 'breaking']]);
  });

  it('ignores by rule, operation in any version form, and pointer or instance path, keeping the reason', () => {
    const changes = [
      change('response-enum-value-added', 'warning'),
      change('response-enum-value-added', 'warning', { pointer: '/properties/other', instancePath: '/other' }),
    ];
    for (const operation of [
      'POST /crm/v4/associations/{a}/{b}/batch/read',
      'post /crm/associations/2026-09/{fromObjectType}/{toObjectType}/batch/read',
      'POST /crm/associations/{version}/{x}/{y}/batch/read',
    ]) {
      for (const path of ['/properties/category', '/category']) {
        const result = applyConfig(
          changes,
          config({ ignore: [{ rule: 'response-enum-value-added', operation, path, reason: 'known' }] }),
        );
        expect(result.ignored).toEqual([{ change: changes[0], reason: 'known' }]);
        expect(result.changes).toEqual([changes[1]]);
      }
    }
    const elsewhere = applyConfig(
      changes,
      config({
        ignore: [
          {
            rule: 'response-enum-value-added',
            operation: 'POST /crm/v4/associations/{a}/{b}/batch/archive',
            reason: 'known',
          },
        ],
      }),
    );
    expect(elsewhere.ignored).toEqual([]);
  });
});

describe('verdict', () => {
  it('fails on breaking by default and on warnings when asked', () => {
    const counts = countBySeverity([change('a', 'warning'), change('b', 'info')]);
    expect(counts).toEqual({ breaking: 0, warning: 1, info: 1 });
    expect(fails({ counts }, 'breaking')).toBe(false);
    expect(fails({ counts }, 'warning')).toBe(true);
    expect(fails({ counts: { breaking: 1, warning: 0, info: 0 } }, 'breaking')).toBe(true);
  });
});
