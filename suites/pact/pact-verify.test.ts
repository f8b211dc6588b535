import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../provider/index.js';
import { isSuccess } from '../../src/catalogue/index.js';
import type { PactFinding } from '../../src/commands/pact-verify.js';
import { HSAC_CONSUMER, SDK_CONSUMER } from '../../src/pact/names.js';
import { startVerificationSandbox } from '../../src/pact/verification-sandbox.js';
import { hsac } from '../support/cli.js';
import { interactionsOf } from './consumer.js';
import { ALL_PACT_FILES, pactFile } from './provider.js';

/**
 * `hsac pact verify`, in-process through the CLI's entry (`suites/support/cli.ts`): the shipped
 * pacts pass against the embedded sandbox it starts (exit 0); a planted fault the contracts rely on
 * fails exactly the interactions that rely on it, each named (exit 1); a state the provider will
 * not set up leaves its interactions not verified, each said, never passed (exit 3); a provider
 * given by URL and token is verified the same way, the token never printed; usage errors exit 2;
 * an unreachable provider exits 3.
 */

interface VerifyJson {
  readonly ok: boolean;
  readonly findings: readonly PactFinding[];
}

const interactionCount = ALL_PACT_FILES.map(
  (file) => (JSON.parse(readFileSync(file, 'utf8')) as { interactions: unknown[] }).interactions.length,
).reduce((a, b) => a + b, 0);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-pact-verify-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hsac pact verify against the embedded sandbox', () => {
  it('the shipped pacts (the default) all verify: exit 0, every pact and interaction counted', async () => {
    const ran = await hsac(['pact', 'verify']);
    expect(ran.code, ran.out + ran.err).toBe(0);
    expect(ran.out).toMatch(
      new RegExp(`^hsac pact verify: PASS \\(${interactionCount} interactions: ${interactionCount} verified, 0 failed`),
    );
    expect(ran.out).toMatch(/\n {2}provider {2}embedded sandbox http:\/\/127\.0\.0\.1:\d+\n/);
    for (const file of ALL_PACT_FILES) expect(ran.out).toContain(`  pact      ${file} (`);
  });

  it('--fault missing-completedAt --json: exit 1, one finding per 2xx interaction, named, for that field', async () => {
    const ran = await hsac([
      'pact',
      'verify',
      '--fault',
      'missing-completedAt',
      '--pact',
      pactFile(SDK_CONSUMER),
      '--json',
    ]);
    expect(ran.code, ran.err).toBe(1);
    const doc = JSON.parse(ran.out) as VerifyJson;
    expect(doc.ok).toBe(false);
    const expected = interactionsOf(SDK_CONSUMER)
      .filter((spec) => isSuccess(spec.response.status))
      .map((spec) => spec.description)
      .sort();
    expect(doc.findings.map((f) => f.interaction).sort()).toEqual(expected);
    for (const finding of doc.findings) {
      expect(finding).toMatchObject({ check: 'pact-mismatch', severity: 'error', consumer: SDK_CONSUMER });
      expect(finding.message).toContain(`${SDK_CONSUMER}: ${finding.interaction}: `);
      expect(finding.differences.join('\n')).toMatch(/missing the following keys: completedAt/);
    }
  });

  it('a state the provider refuses: its interactions are not verified, each said (exit 3), the rest pass', async () => {
    // hsac's configurations interactions, the limit state asked for on a type the provider does not have.
    const state = 'a limit configuration exists for {fromObjectType}/{toObjectType}';
    const pact = JSON.parse(readFileSync(pactFile(HSAC_CONSUMER), 'utf8')) as {
      interactions: { description: string; providerStates?: { name: string; params?: Record<string, unknown> }[] }[];
    };
    pact.interactions = pact.interactions.filter((i) => i.description.startsWith('configurations-batch-create'));
    for (const interaction of pact.interactions)
      for (const named of interaction.providerStates ?? [])
        if (named.name === state) named.params = { ...named.params, typeId: 999_999 };
    const file = join(dir, 'refused-state.json');
    writeFileSync(file, JSON.stringify(pact));

    const ran = await hsac(['pact', 'verify', '--pact', file, '--json']);
    expect(ran.code, ran.err).toBe(3);
    const doc = JSON.parse(ran.out) as VerifyJson;
    expect(doc.ok).toBe(false);
    const expected = interactionsOf(HSAC_CONSUMER)
      .filter((spec) => spec.state?.name === state)
      .map((spec) => spec.description)
      .sort();
    expect(doc.findings.map((f) => f.interaction).sort()).toEqual(expected);
    for (const finding of doc.findings) {
      expect(finding.check).toBe('pact-not-verified');
      expect(finding.message).toMatch(/provider state "a limit configuration exists .*" was not set up: /);
      expect(finding.message).toMatch(/Association type 999999 does not exist/);
    }
  });
});

describe('hsac pact verify against a provider given by URL', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startVerificationSandbox();
  });
  afterAll(() => sandbox.stop());

  it('verifies with the token given (swapped for the placeholder in memory), never printing it', async () => {
    const ran = await hsac([
      'pact',
      'verify',
      '--provider-base-url',
      sandbox.url,
      '--token',
      sandbox.token,
      '--pact',
      pactFile(SDK_CONSUMER),
    ]);
    expect(ran.code, ran.out + ran.err).toBe(0);
    expect(ran.out).toContain(`  provider  ${sandbox.url}\n`);
    expect(ran.out + ran.err).not.toContain(sandbox.token);
  });

  it('a provider URL needs a token (exit 2); --fault is for the embedded sandbox only (exit 2)', async () => {
    vi.stubEnv('HUBSPOT_ACCESS_TOKEN', '');
    try {
      const ran = await hsac(['pact', 'verify', '--provider-base-url', sandbox.url]);
      expect(ran).toMatchObject({ code: 2, out: '' });
      expect(ran.err).toMatch(/needs a token/);
    } finally {
      vi.unstubAllEnvs();
    }
    const faulted = await hsac([
      'pact',
      'verify',
      '--provider-base-url',
      sandbox.url,
      '--token',
      'x'.repeat(12),
      '--fault',
      'missing-completedAt',
    ]);
    expect(faulted.code).toBe(2);
    expect(faulted.err).toMatch(/--fault .* cannot go with --provider-base-url/);
  });
});

describe('hsac pact verify: usage errors (exit 2) and an unreachable provider (exit 3)', () => {
  it.each([
    [
      'a pact path that does not exist',
      () => [join(dir, 'nowhere.json')],
      /no pact file or directory at .*nowhere\.json/,
    ],
    [
      'a JSON file that is not a pact',
      () => [writeTo('not-a-pact.json', '{"hello": "world"}')],
      /is not a pact file: it has no consumer\.name/,
    ],
    ['a file that is not JSON', () => [writeTo('text.json', 'hello')], /is not a pact file: it is not JSON/],
    ['a directory without pact files', () => [mkdtempSync(join(dir, 'empty-'))], /holds no pact file/],
  ])('%s', async (_name, paths, message) => {
    const ran = await hsac(['pact', 'verify', ...paths().flatMap((path) => ['--pact', path])]);
    expect(ran.code).toBe(2);
    expect(ran.out).toBe('');
    expect(ran.err).toMatch(message);
  });

  it('an unknown fault, an URL that is none (exit 2)', async () => {
    expect((await hsac(['pact', 'verify', '--fault', 'no-such-fault'])).code).toBe(2);
    expect((await hsac(['pact', 'verify', '--provider-base-url', 'ftp://example.com'])).code).toBe(2);
  });

  it('a provider that does not answer: exit 3, nothing verified, said on stderr', async () => {
    // A port that was just free: listened on, then closed.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const ran = await hsac([
      'pact',
      'verify',
      '--provider-base-url',
      `http://127.0.0.1:${port}`,
      '--token',
      'x'.repeat(12),
    ]);
    expect(ran.code).toBe(3);
    expect(ran.out).toBe('');
    expect(ran.err).toMatch(
      new RegExp(`the provider at http://127\\.0\\.0\\.1:${port} cannot be reached .*nothing verified`),
    );
  });
});

function writeTo(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
