import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUDIT_CONFIG, loadAuditConfig, parseAuditConfig } from './config.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function directoryWith(config?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'hsac-config-'));
  dirs.push(dir);
  if (config !== undefined) writeFileSync(join(dir, 'hsac.config.json'), JSON.stringify(config));
  return dir;
}

describe('the audit config', () => {
  it('reads overrides, enumAdditions and explained ignores', () => {
    const config = parseAuditConfig(
      {
        audit: {
          rules: { 'parameter-removed': 'off', 'response-enum-value-added': 'error' },
          enumAdditions: 'breaking',
          ignore: [{ rule: 'operation-removed', operation: 'GET /crm/v4/x', reason: 'gone on purpose' }],
        },
      },
      'cfg',
    );
    expect(config).toEqual({
      rules: { 'parameter-removed': 'off', 'response-enum-value-added': 'error' },
      enumAdditions: 'breaking',
      ignore: [{ rule: 'operation-removed', operation: 'GET /crm/v4/x', reason: 'gone on purpose' }],
    });
  });

  it('leaves other commands’ sections alone and defaults a missing audit section', () => {
    expect(parseAuditConfig({ run: { anything: true } }, 'cfg')).toBe(DEFAULT_AUDIT_CONFIG);
  });

  it.each([
    [{ audit: { enumAdditions: 'fatal' } }, 'audit.enumAdditions is "fatal"'],
    [{ audit: { ignore: [{ rule: 'operation-removed' }] } }, 'has no reason'],
    [{ audit: { ignore: [{ rule: 'operation-removed', reason: 'x', because: 'y' }] } }, 'unknown key "because"'],
    [{ audit: { ignore: [{ rule: 'nope', reason: 'x' }] } }, '.rule "nope" is not a rule id'],
    [
      { audit: { ignore: [{ rule: 'operation-removed', reason: 'x', operation: '/no/method' }] } },
      'must be "METHOD /path"',
    ],
    [{ audit: { ignore: {} } }, 'audit.ignore must be an array'],
    [{ audit: { rules: [] } }, 'audit.rules must be an object'],
    [{ audit: [] }, '"audit" must be an object'],
    [[], 'the config must be a JSON object'],
  ])('refuses %j', (value, message) => {
    expect(() => parseAuditConfig(value, 'cfg')).toThrow(message);
  });

  it('finds hsac.config.json in the directory, and uses the defaults without one', () => {
    const withFile = directoryWith({ audit: { enumAdditions: 'breaking' } });
    expect(loadAuditConfig(undefined, withFile)).toEqual({
      config: { rules: {}, enumAdditions: 'breaking', ignore: [] },
      source: join(withFile, 'hsac.config.json'),
    });
    expect(loadAuditConfig(undefined, directoryWith())).toEqual({ config: DEFAULT_AUDIT_CONFIG });
  });

  it('an explicit --config must exist', () => {
    expect(() => loadAuditConfig(join(directoryWith(), 'absent.json'), '/')).toThrow(
      /cannot read config .*absent\.json: ENOENT/,
    );
  });
});
