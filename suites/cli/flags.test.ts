import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, type Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { register as registerRun } from '../../src/commands/run.js';
import { register as registerSandbox } from '../../src/commands/sandbox.js';
import { register as registerValidate } from '../../src/commands/validate.js';
import { CONFIG_SCHEMA_PATH } from '../../src/config/run-config.js';
import { packageRoot } from '../../src/paths.js';
import { hsac } from '../support/cli.js';

/**
 * Flags are bounded like the config (issue 12, item 4): one source, the `run` section of
 * schemas/config/hsac.config.schema.json. Every numeric key of that section with a bound is read
 * from the schema here, so a bound added to the schema is tested without touching this file.
 */

interface NumericKey {
  readonly type?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly string[];
  readonly items?: { readonly enum?: readonly string[] };
}

const schema = JSON.parse(readFileSync(join(packageRoot(), CONFIG_SCHEMA_PATH), 'utf8')) as {
  properties: { run: { properties: Record<string, NumericKey> } };
};
const runKeys = schema.properties.run.properties;
const flagOf = (key: string): string => `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
const bounded = Object.entries(runKeys).filter(([, node]) => node.type === 'integer');

/** An unreachable target: a run whose flags were accepted ends inconclusive (3), never a usage error (2). */
const UNREACHABLE = [
  '--target',
  'http://127.0.0.1:9',
  '--token',
  'pat-na1-flags-test-0001',
  '--endpoints',
  'batch-read',
];

describe('hsac run: every bounded flag is checked against the config schema', () => {
  it("the issue's three: --seed 4294967297, --runs 99999, --timeout-ms 0 are usage errors naming the flag and the bound", async () => {
    for (const [argv, says] of [
      [['--seed', '4294967297'], '--seed must be <= 4294967295, got 4294967297'],
      [['--runs', '99999'], '--runs must be <= 10000, got 99999'],
      [['--timeout-ms', '0'], '--timeout-ms must be >= 100, got 0'],
    ] as const) {
      const ran = await hsac(['run', ...argv]);
      expect(ran.code, ran.err).toBe(2);
      expect(ran.err).toContain(says);
      expect(ran.err).toContain('schemas/config/hsac.config.schema.json');
      expect(ran.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('lists every bounded key of the schema (the table below is not empty by accident)', () => {
    expect(bounded.map(([key]) => key)).toEqual(
      expect.arrayContaining([
        'runs',
        'seed',
        'timeoutMs',
        'maxWait',
        'pagingBudget',
        'invalidRequests',
        'sandboxPageSize',
      ]),
    );
  });

  it.each(bounded.filter(([, node]) => node.maximum !== undefined))(
    '%s: one over the maximum is a usage error naming the flag and the maximum',
    async (key, node) => {
      const over = String((node.maximum ?? 0) + 1);
      const ran = await hsac(['run', flagOf(key), over]);
      expect(ran.code, ran.err).toBe(2);
      expect(ran.err).toContain(`${flagOf(key)} must be <= ${node.maximum}, got ${over}`);
    },
  );

  it.each(bounded.filter(([, node]) => (node.minimum ?? 0) > 0))(
    '%s: one under the minimum is a usage error naming the flag and the minimum',
    async (key, node) => {
      const under = String((node.minimum ?? 0) - 1);
      const ran = await hsac(['run', flagOf(key), under]);
      expect(ran.code, ran.err).toBe(2);
      expect(ran.err).toContain(`${flagOf(key)} must be >= ${node.minimum}, got ${under}`);
    },
  );

  it('several bad flags are said together, in one line', async () => {
    const ran = await hsac(['run', '--runs', '99999', '--timeout-ms', '0']);
    expect(ran.code).toBe(2);
    expect(ran.err).toContain('--runs must be <= 10000');
    expect(ran.err).toContain('--timeout-ms must be >= 100');
    expect(ran.err.trim().split('\n')).toHaveLength(1);
  });

  it('the bounds themselves are accepted (the run goes on to meet an unreachable target: exit 3)', async () => {
    const edges = [
      '--seed',
      '4294967295',
      '--runs',
      '0',
      '--timeout-ms',
      '100',
      '--max-wait',
      '3600',
      '--paging-budget',
      '0',
      '--invalid-requests',
      '50',
      '--sandbox-page-size',
      '10000',
    ];
    const reportDir = mkdtempSync(join(tmpdir(), 'hsac-flags-'));
    try {
      const ran = await hsac(['run', ...UNREACHABLE, ...edges, '--report-dir', reportDir]);
      expect(ran.err).not.toContain('must be');
      expect(ran.code, ran.err).toBe(3);
    } finally {
      rmSync(reportDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a rate budget the schema does not allow is a usage error', async () => {
    const ran = await hsac(['run', '--rate-limit', '0/10s']);
    expect(ran.code).toBe(2);
    expect(ran.err).toContain('--rate-limit');
  });
});

describe('hsac sandbox: --seed and --page-size share run.seed and run.sandboxPageSize', () => {
  it.each([
    [['--seed', '4294967296'], '--seed must be <= 4294967295'],
    [['--page-size', '10001'], '--page-size must be <= 10000'],
  ])('%j', async (argv, says) => {
    const ran = await hsac(['sandbox', ...argv]);
    expect(ran.code, ran.err).toBe(2);
    expect(ran.err).toContain(says);
  });
});

describe("enum flags offer exactly the schema's values", () => {
  const program = new Command();
  const slot = { code: 0 };
  const io = { out: () => undefined, err: () => undefined, stdin: () => Buffer.alloc(0) };
  registerRun(program, io, slot);
  registerValidate(program, io, slot);
  registerSandbox(program, io, slot);
  const option = (command: string, flag: string): Option | undefined =>
    program.commands.find((c) => c.name() === command)?.options.find((o) => o.long === flag);

  it.each([
    ['run', '--api-version', runKeys.apiVersion?.enum],
    ['run', '--profile', runKeys.profile?.enum],
    ['validate', '--api-version', runKeys.apiVersion?.enum],
    ['validate', '--profile', runKeys.profile?.enum],
  ])('%s %s', (command, flag, values) => {
    expect(values).toBeDefined();
    expect([...(option(command, flag)?.argChoices ?? [])].sort()).toEqual([...(values ?? [])].sort());
  });

  it('--endpoints: an id the schema does not list is a usage error', async () => {
    const ran = await hsac(['run', '--endpoints', 'batch-write']);
    expect(ran.code).toBe(2);
    expect(ran.err).toContain('batch-write');
    for (const id of runKeys.endpoints?.items?.enum ?? []) expect(ran.err).toContain(id);
  });
});
