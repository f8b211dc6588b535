import { describe, expect, it } from 'vitest';
import { leftovers, nothingLeft, type ConfigurationOriginal, type JournalEntry } from './journal.js';
import { entriesForTarget, targetsWithLeftovers } from './provision.js';

const PORTAL = 'https://api.hubapi.com';
const ELSEWHERE = 'http://127.0.0.1:4010';
const run = (baseUrl: string, runId = 'r'): JournalEntry => ({
  kind: 'run',
  runId,
  baseUrl,
  apiVersion: '2026-03',
  at: '2026-12-01T00:00:00.000Z',
});
const before = (original: ConfigurationOriginal, typeId = 279): JournalEntry => ({
  kind: 'configuration-before',
  fromObjectType: 'contacts',
  toObjectType: 'companies',
  typeId,
  original,
});
const restored = (typeId = 279): JournalEntry => ({
  kind: 'configuration-restored',
  fromObjectType: 'contacts',
  toObjectType: 'companies',
  typeId,
  how: 'updated',
});
const max = (maxToObjectIds: number): ConfigurationOriginal => ({
  category: 'HUBSPOT_DEFINED',
  typeId: 279,
  maxToObjectIds,
});

describe('leftovers: the limit configurations to put back', () => {
  it('keeps the first original journaled: a later run reads what an unfinished earlier one left', () => {
    // Run 1 read max 2, set 200 and died; run 2 read 200 as "its" original.
    const left = leftovers([run(PORTAL, 'one'), before(max(2)), run(PORTAL, 'two'), before(max(200))]);
    expect([...left.configurations.values()]).toEqual([
      { fromObjectType: 'contacts', toObjectType: 'companies', typeId: 279, original: max(2) },
    ]);
    expect(nothingLeft(left)).toBe(false);
  });

  it('forgets an original once restored, and takes the next one journaled after that', () => {
    expect(leftovers([run(PORTAL), before(max(2)), restored()]).configurations.size).toBe(0);
    expect(nothingLeft(leftovers([run(PORTAL), before(max(2)), restored()]))).toBe(true);
    const later = leftovers([run(PORTAL, 'one'), before(max(2)), restored(), run(PORTAL, 'two'), before(max(7))]);
    expect([...later.configurations.values()].map((item) => item.original)).toEqual([max(7)]);
  });

  it('keeps originals per association type', () => {
    const left = leftovers([run(PORTAL), before('none', 279), before(max(2), 142), restored(142)]);
    expect([...left.configurations.keys()]).toEqual(['contacts|companies|279']);
  });

  it('a configure entry of an older hsac with no original is an unknown, done with once said (or purged by an older cleanup)', () => {
    const legacy: JournalEntry = {
      kind: 'configure',
      fromObjectType: 'contacts',
      toObjectType: 'companies',
      typeIds: [279],
    };
    expect([...leftovers([run(PORTAL), legacy]).unknownConfigurations]).toEqual([['contacts|companies', [279]]]);
    expect(leftovers([run(PORTAL), legacy, before(max(2))]).unknownConfigurations.size).toBe(0);
    expect(
      leftovers([
        run(PORTAL),
        legacy,
        {
          kind: 'configuration-restored',
          fromObjectType: 'contacts',
          toObjectType: 'companies',
          typeId: 279,
          how: 'original-unknown',
        },
      ]).unknownConfigurations.size,
    ).toBe(0);
    expect(
      leftovers([run(PORTAL), legacy, { kind: 'archived', what: 'configurations', keys: ['contacts|companies:279'] }])
        .unknownConfigurations.size,
    ).toBe(0);
  });
});

describe('entriesForTarget: a journal of runs against several targets', () => {
  const journal: JournalEntry[] = [
    run(PORTAL, 'portal'),
    { kind: 'records-created', objectType: 'contacts', ids: ['11'] },
    before(max(2)),
    run(ELSEWHERE, 'sandbox'),
    { kind: 'records-created', objectType: 'contacts', ids: ['22'] },
    { kind: 'archived', what: 'records', keys: ['contacts:22'] },
    { kind: 'complete', at: '2026-12-01T00:00:00.000Z' },
  ];

  it('gives each target its own entries; a trailing slash names the same target', () => {
    expect(entriesForTarget(journal, PORTAL)).toEqual({ mine: journal.slice(0, 3), otherTargets: [ELSEWHERE] });
    expect(entriesForTarget(journal, `${PORTAL}/`).mine).toEqual(journal.slice(0, 3));
    expect(entriesForTarget(journal, ELSEWHERE).mine).toEqual(journal.slice(3));
  });

  it('progress journaled after a cleanup entry belongs to the target cleaned, not to the last run', () => {
    const cleaned: JournalEntry[] = [
      ...journal,
      { kind: 'cleanup', baseUrl: PORTAL, at: '2026-12-02T00:00:00.000Z' },
      { kind: 'archived', what: 'records', keys: ['contacts:11'] },
      restored(),
    ];
    expect(nothingLeft(leftovers(entriesForTarget(cleaned, PORTAL).mine))).toBe(true);
    expect(entriesForTarget(cleaned, ELSEWHERE).mine).toEqual(journal.slice(3));
  });

  it('names only the other targets with work left', () => {
    expect(targetsWithLeftovers(journal, ELSEWHERE)).toEqual([PORTAL]);
    expect(targetsWithLeftovers(journal, PORTAL)).toEqual([]);
  });
});
