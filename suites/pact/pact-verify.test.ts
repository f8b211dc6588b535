import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../provider/index.js';
import { isSuccess } from '../../src/catalogue/index.js';
import type { PactFinding } from '../../src/commands/pact-verify.js';
import { HSAC_CONSUMER, SDK_CONSUMER } from '../../src/pact/names.js';
import { EXAMPLE_IDS } from '../../src/pact/states/index.js';
import { startVerificationSandbox } from '../../src/pact/verification-sandbox.js';
import { BIN, holdingProxy, rateLimitedProvider, spawnNode, waitFor } from '../signals/harness.js';
import { hsac } from '../support/cli.js';
import { interactionsOf } from './consumer.js';
import { ALL_PACT_FILES, pactFile } from './provider.js';

/**
 * `hsac pact verify`, in-process through the CLI's entry (`suites/support/cli.ts`): the shipped
 * pacts pass against the embedded sandbox it starts (exit 0); a planted fault the contracts rely on
 * fails exactly the interactions that rely on it, each named (exit 1); a state the provider will
 * not set up leaves its interactions not verified, each said, never passed (exit 3); a provider
 * given by URL and token is verified the same way, the token never printed; usage errors exit 2;
 * an unreachable provider exits 3. What a hostile review found: a provider that does not say it is a
 * sandbox is refused before anything is written (exit 2, `hsac run`'s rule and flag); state parameters
 * past their bound, of the wrong type or unknown (`__proto__`) leave their interactions not verified,
 * nothing written; a Retry-After of a day and a hanging provider end inconclusive (exit 3), bounded by
 * `--max-wait` and `--timeout-ms`; one SIGINT (the built bin, in a child) ends a verification stuck on
 * the provider, undoes its states and prints the summary (exit 3).
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

describe('hsac pact verify: a state on an object type the provider refuses', () => {
  it('its interactions are not verified (exit 3); the refused set-up is not torn down, no teardown error', async () => {
    const state = 'a limit configuration exists for {fromObjectType}/{toObjectType}';
    const pact = JSON.parse(readFileSync(pactFile(HSAC_CONSUMER), 'utf8')) as {
      interactions: { description: string; providerStates?: { name: string; params?: Record<string, unknown> }[] }[];
    };
    pact.interactions = pact.interactions.filter((i) => i.providerStates?.some((named) => named.name === state));
    for (const interaction of pact.interactions)
      for (const named of interaction.providerStates ?? [])
        if (named.name === state)
          named.params = { ...named.params, fromObjectType: '../../../crm/v3/objects/contacts' };
    const ran = await hsac([
      'pact',
      'verify',
      '--pact',
      writeTo('traversal-type.json', JSON.stringify(pact)),
      '--json',
    ]);
    expect(ran.code, ran.out + ran.err).toBe(3);
    const doc = JSON.parse(ran.out) as VerifyJson;
    expect(doc.findings.map((f) => f.check)).toEqual(pact.interactions.map(() => 'pact-not-verified'));
    for (const finding of doc.findings) expect(finding.message).toMatch(/was not set up: .*answered 400/);
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

  it('state parameters past their bound, of the wrong type or unknown: not verified (exit 3), nothing written', async () => {
    const paging = 'contact {contactId} has {n} company associations, more than one page';
    const pact = JSON.parse(readFileSync(pactFile(SDK_CONSUMER), 'utf8')) as {
      interactions: { description: string; providerStates?: { name: string; params?: Record<string, unknown> }[] }[];
    };
    const [template] = pact.interactions.filter((i) => i.providerStates?.some((state) => state.name === paging));
    if (!template) throw new Error(`the SDK pact has no interaction in state "${paging}"`);
    const variant = (suffix: string, params: Record<string, unknown>): (typeof pact.interactions)[number] => ({
      ...template,
      description: `${template.description} ${suffix}`,
      providerStates: [{ name: paging, params }],
    });
    pact.interactions = [
      variant('n 1e9', { n: 1e9 }),
      variant('n as text', { n: '501' }),
      variant('proto key', { n: 501, PROTO: { n: 1 } }),
    ];
    // JSON text with a "__proto__" key, as a hostile pact file has it (an object literal cannot hold one).
    const file = writeTo('hostile-params.json', JSON.stringify(pact).replace('"PROTO"', '"__proto__"'));
    const before = sandbox.contents();
    const ran = await hsac([
      'pact',
      'verify',
      '--provider-base-url',
      sandbox.url,
      '--token',
      sandbox.token,
      '--pact',
      file,
      '--json',
    ]);
    expect(ran.code, ran.err).toBe(3);
    const doc = JSON.parse(ran.out) as VerifyJson;
    const why = Object.fromEntries(doc.findings.map((f) => [f.interaction.slice(template.description.length + 1), f]));
    expect(Object.keys(why).sort()).toEqual(['n 1e9', 'n as text', 'proto key']);
    for (const finding of doc.findings) expect(finding.check).toBe('pact-not-verified');
    expect(why['n 1e9']?.message).toMatch(
      /state parameter "n" must be a whole number from 0 to 1000 \(the batch-read input limit.*\), got 1000000000/,
    );
    expect(why['n as text']?.message).toMatch(/state parameter "n" must be a whole number .*got "501"/);
    expect(why['proto key']?.message).toMatch(/state parameter "__proto__" is not one this state takes \(it takes n\)/);
    expect(sandbox.contents()).toEqual(before);
  });

  it('one SIGINT while the provider holds a request: the states are undone, the summary printed, exit 3', async () => {
    // The built bin in a child (a signal must reach it alone), through a proxy that holds the success interaction's
    // PUT (the 401 one names the example IDs): its state (a contact and a company) is set up by then.
    const proxy = await holdingProxy(sandbox.url);
    proxy.hold((path) => path.includes('/associations/default/') && !path.includes(EXAMPLE_IDS.contactId));
    const before = sandbox.contents();
    const args = ['pact', 'verify', '--provider-base-url', proxy.url, '--token', sandbox.token];
    const ran = spawnNode(BIN, [...args, '--pact', pactFile(SDK_CONSUMER)]);
    try {
      // A hanging provider is said on stderr (every 5 s), not waited on in silence.
      const notice = /still waiting for the provider's answer to PUT \/crm\/v4\/objects\/contacts\/\d+\/associations/;
      expect(await waitFor(() => notice.test(ran.err()), 30_000), ran.err()).toBe(true);
      expect(ran.err()).toMatch(/each request times out after 60 s; Ctrl-C stops/);
      expect(sandbox.contents()).not.toEqual(before);
      const sent = performance.now();
      ran.child.kill('SIGINT');
      const { code, at } = await ran.exited;
      expect(code, ran.err()).toBe(3);
      // hsac's promise for a stop (issue 12): everything undone and said within 10 s.
      expect(at - sent).toBeLessThan(10_000);
      expect(ran.err()).toContain('hsac pact verify: SIGINT: stopping: ending the verification, undoing the provider');
      expect(ran.out()).toMatch(/^hsac pact verify: INCONCLUSIVE \(/);
      expect(ran.out()).toContain('\n  stopped   stopped before every interaction was verified');
      expect(sandbox.contents()).toEqual(before);
    } finally {
      ran.child.kill('SIGKILL');
      await proxy.stop();
    }
  }, 60_000);
});

describe('hsac pact verify: a SIGINT while the embedded sandbox holds a request', () => {
  it('exit 3, no proxy error thrown, the cut pact file said unknown rather than 0 verified', async () => {
    const ran = spawnNode(BIN, ['pact', 'verify', '--fault', 'slow-response', '--timeout-ms', '100000']);
    try {
      expect(
        await waitFor(() => ran.err().includes("still waiting for the provider's answer"), 30_000),
        ran.err(),
      ).toBe(true);
      ran.child.kill('SIGINT');
      const { code } = await ran.exited;
      expect(code, ran.err()).toBe(3);
      expect(ran.err()).not.toMatch(/socket hang up|ECONNRESET|\n\s+at /);
      expect(ran.out()).toMatch(/^hsac pact verify: INCONCLUSIVE \(\d+ interactions judged: /);
      expect(ran.out()).toMatch(/ verified before the stop are unknown: the verifier was cut\)/);
    } finally {
      ran.child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('hsac pact verify: a provider that does not say it is a sandbox is refused before any write', () => {
  let provider: { url: string; writes: () => readonly string[]; server: Server };
  beforeAll(async () => {
    provider = await emptyObjectProvider();
  });
  afterAll(() => new Promise<void>((resolve) => provider.server.close(() => resolve())));

  it("account details answered {}: exit 2 with hsac run's reason and flag, nothing sent but that read", async () => {
    const ran = await hsac(['pact', 'verify', '--provider-base-url', provider.url, '--token', 'x'.repeat(12)]);
    expect(ran).toMatchObject({ code: 2, out: '' });
    expect(ran.err).toMatch(
      /refusing to write: the portal's accountType is undefined, not one of SANDBOX.* \(pass --allow-production-portal to override\); nothing was written/,
    );
    expect(provider.writes()).toEqual([]);
  });

  it('--allow-production-portal overrides it, as for hsac run: the states then write', async () => {
    const ran = await hsac([
      'pact',
      'verify',
      '--provider-base-url',
      provider.url,
      '--token',
      'x'.repeat(12),
      '--pact',
      pactFile(SDK_CONSUMER),
      '--allow-production-portal',
    ]);
    // Its {} answers no contract: the 401 interactions fail (exit 1), the states are not set up.
    expect(ran.code, ran.err).toBe(1);
    expect(provider.writes()).toContain('POST /crm/objects/2026-03/contacts/batch/create');
  });
});

describe('hsac pact verify: waits and timeouts are bounded and said (exit 3)', () => {
  it('a 429 asking to wait a day: inconclusive at once, the wait named, --max-wait suggested', async () => {
    const provider = await rateLimitedProvider(86_400);
    try {
      const ran = await hsac(['pact', 'verify', '--provider-base-url', provider.url, '--token', 'x'.repeat(12)]);
      expect(ran).toMatchObject({ code: 3, out: '' });
      expect(ran.err).toMatch(
        /hsac pact verify: the provider at .* ended the check: .*asked to wait 86400 s \(Retry-After: 86400 .*over the 60 s bound.*; raise --max-wait to wait it out; nothing verified/,
      );
      expect(ran.err).not.toMatch(/internal error/);
    } finally {
      await provider.stop();
    }
  });

  it("a 429 of a day to the verifier's own requests: stopped at once (exit 3), no mismatch, no teardown", async () => {
    const { url, answered, server } = await rateLimitedAfterAccountDetails(86_400);
    try {
      const args = ['pact', 'verify', '--provider-base-url', url, '--token', 'x'.repeat(12), '--max-wait', '5'];
      const ran = await hsac([...args, '--json']);
      expect(ran.code, ran.err).toBe(3);
      expect(ran.err).toMatch(/ended the verification: .*asked to wait 86400 s .*over the 5 s bound.*raise --max-wait/);
      const doc = JSON.parse(ran.out) as VerifyJson & { stopped?: boolean };
      expect(doc.stopped).toBe(true);
      expect(doc.findings.filter((f) => f.check !== 'pact-not-verified')).toEqual([]);
      // Nothing is sent after the first 429.
      expect(answered.filter((line) => line.startsWith('429'))).toHaveLength(1);
      expect(answered.at(-1)).toMatch(/^429 /);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("a short 429 to the verifier's own request: the interaction is not verified (exit 3), not failed", async () => {
    const { url, server } = await rateLimitedAfterAccountDetails(1);
    const pact = JSON.parse(readFileSync(pactFile(SDK_CONSUMER), 'utf8')) as {
      interactions: { providerStates?: unknown[] }[];
    };
    // The interactions in no state (the 401 ones): only the verifier's own requests reach the provider.
    pact.interactions = pact.interactions.filter((i) => (i.providerStates ?? []).length === 0);
    const file = writeTo('stateless.json', JSON.stringify(pact));
    try {
      const ran = await hsac(['pact', 'verify', '--provider-base-url', url, '--token', 'x'.repeat(12), '--pact', file]);
      expect(ran.code, ran.out + ran.err).toBe(3);
      expect(ran.out).toMatch(new RegExp(`\\(${pact.interactions.length} interactions: 0 verified, 0 failed, `));
      expect(ran.out).toContain("answered 429 (rate limited) to the verifier's request: the contract was not judged");
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a provider that never answers: --timeout-ms bounds each request, exit 3 naming the timeout', async () => {
    const server = createServer((req) => req.resume());
    const url = await listen(server);
    try {
      const args = ['pact', 'verify', '--provider-base-url', url, '--token', 'x'.repeat(12), '--timeout-ms', '200'];
      const ran = await hsac(args);
      expect(ran).toMatchObject({ code: 3, out: '' });
      // The retry after the first timeout is said, then why nothing was verified.
      expect(ran.err).toMatch(/hsac pact verify: waiting \d+\.\d s before GET \/account-info\S*: timeout, retry 1 /);
      expect(ran.err).toMatch(/cannot be reached \(timeout: .*\); nothing verified/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('--max-wait and --timeout-ms are bounded like run.maxWait and run.timeoutMs (exit 2)', async () => {
    const maxWait = await hsac(['pact', 'verify', '--max-wait', '3601']);
    expect(maxWait.code).toBe(2);
    expect(maxWait.err).toMatch(/--max-wait must be <= 3600, got 3601 \(the bounds of run\.maxWait/);
    const timeout = await hsac(['pact', 'verify', '--timeout-ms', '50']);
    expect(timeout.code).toBe(2);
    expect(timeout.err).toMatch(/--timeout-ms must be >= 100, got 50/);
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

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * A provider answering account details as a developer test account and everything else 429 with `Retry-After`,
 * noting each answer (`status METHOD path`).
 */
async function rateLimitedAfterAccountDetails(
  retryAfterSeconds: number,
): Promise<{ url: string; answered: readonly string[]; server: Server }> {
  const answered: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const details = path.startsWith('/account-info/');
      answered.push(`${details ? 200 : 429} ${req.method ?? ''} ${path}`);
      res.writeHead(details ? 200 : 429, {
        'content-type': 'application/json',
        ...(details ? {} : { 'retry-after': String(retryAfterSeconds) }),
      });
      res.end(
        details ? '{"portalId":1,"accountType":"DEVELOPER_TEST"}' : '{"status":"error","errorType":"RATE_LIMIT"}',
      );
    });
  });
  return { url: await listen(server), answered, server };
}

/** A provider answering every request 200 `{}` (account details without an accountType), noting every write. */
async function emptyObjectProvider(): Promise<{ url: string; writes: () => readonly string[]; server: Server }> {
  const writes: string[] = [];
  const server = createServer((req, res) => {
    if (req.method !== 'GET') writes.push(`${req.method ?? ''} ${(req.url ?? '').split('?')[0] ?? ''}`);
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  return { url: await listen(server), writes: () => writes, server };
}

function writeTo(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
