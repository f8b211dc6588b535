import { describe, expect, it } from 'vitest';
import { checkDeclaration } from '../registry/index.js';
import { HubSpotClient } from '../transport/index.js';
import { createValidator } from '../validate/index.js';
import type { CleanupReport } from './provision.js';
import { cleanupCheck, cleanupLeftWork, finishCleanupCommand } from './runner-checks.js';
import { Session, type SeverityOverrides } from './session.js';

const CLEAN: CleanupReport = { associations: 3, configurations: 1, records: 2, failures: [], untracked: [] };
const LEFT: CleanupReport = { ...CLEAN, failures: ['archive contacts 7 -> 9: status 500'], untracked: ['contacts x2'] };
const FINISH = finishCleanupCommand('reports/journal.jsonl', 'https://api.hubapi.com');

/** A session that sends nothing: the runner's findings are only noted. */
function session(overrides?: SeverityOverrides): Session {
  return new Session(
    new HubSpotClient({ baseUrl: 'http://127.0.0.1:9' }),
    { profile: 'strict', validator: createValidator({ profile: 'strict' }) },
    'hsac run --seed 42',
    overrides,
  );
}

describe('the cleanup check', () => {
  it('says what cleanup left, with the command that finishes it, and nothing when it left nothing', () => {
    expect(cleanupLeftWork(CLEAN)).toBe(false);
    expect(cleanupCheck.leftWork(CLEAN, FINISH)).toEqual([]);
    expect(cleanupLeftWork(LEFT)).toBe(true);
    expect(cleanupCheck.leftWork(LEFT, FINISH)).toEqual([
      {
        check: 'cleanup',
        instancePath: '',
        message:
          'cleanup left work: archive contacts 7 -> 9: status 500; untracked contacts x2 ' +
          '(re-run: hsac cleanup --journal reports/journal.jsonl --target https://api.hubapi.com)',
      },
    ]);
  });

  it('names the other targets the journal holds work of, and none when there are none', () => {
    expect(cleanupCheck.otherTargets('j.jsonl', [])).toEqual([]);
    expect(cleanupCheck.otherTargets('j.jsonl', ['https://a.example', 'https://b.example'])).toEqual([
      expect.objectContaining({
        check: 'cleanup',
        message: expect.stringContaining(
          'runs against https://a.example, https://b.example: not touched here',
        ) as string,
      }),
    ]);
  });

  it('its findings are graded by the session like any check: declared warning, the config may switch off or raise', () => {
    const [left] = cleanupCheck.leftWork(LEFT, FINISH);
    const graded = (overrides?: SeverityOverrides): Session => {
      const kept = session(overrides);
      if (left) kept.note(left);
      return kept;
    };
    expect(checkDeclaration('cleanup').severity).toBe('warning');
    expect(graded().findings).toEqual([{ ...left, severity: 'warning', replay: 'hsac run --seed 42' }]);
    expect(graded({ cleanup: 'off' }).findings).toEqual([]);
    expect(graded({ cleanup: 'error' }).findings.map((finding) => finding.severity)).toEqual(['error']);
    expect(graded({ cleanup: 'error' }).hasError('cleanup')).toBe(true);
  });
});
