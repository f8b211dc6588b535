import { copyFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brokerSettings, publishPacts } from '../../src/pact/broker.js';
import { consumerPact, runInteraction } from '../../src/pact/pact-builder.js';
import { allOperations, isSuccess } from '../../src/catalogue/index.js';
import {
  CONSUMER_NAMES,
  CONTRACT_TOKEN,
  HSAC_CONSUMER,
  pactFileName,
  pactsDir,
  PROVIDER_NAME,
  REVOKED_TOKEN,
  SDK_CONSUMER,
  type ConsumerName,
} from '../../src/pact/names.js';
import { callResult, consumerFor, expectedResult, interactionsOf } from './consumer.js';

/**
 * Consumer contract tests: every interaction of each consumer's contract, with the real consumer
 * (hsac's transport, the pinned @hubspot/api-client) driven against the pact mock server. They
 * write pacts/<consumer>-hubspot-crm-associations.json, which is committed: the last block
 * regenerates every file into a fresh directory and requires byte-identical content.
 */

/** Runs a consumer's whole contract into `dir`; resolves to the results in interaction order. */
async function generate(name: ConsumerName, dir: string, check: boolean): Promise<void> {
  const pact = consumerPact(name, dir);
  for (const spec of interactionsOf(name)) {
    const result = await runInteraction(pact, spec, async (mock) =>
      callResult(consumerFor(name, mock.url, spec.token), spec.call),
    );
    if (check) expect(result, spec.description).toEqual(expectedResult(spec));
  }
}

for (const name of CONSUMER_NAMES) {
  describe(`${name} consumer contract`, () => {
    const specs = interactionsOf(name);
    // Written into a fresh directory (interactions merge into an existing file: from none, a removed interaction
    // leaves no trace) and copied over the committed pact only when every interaction passed: a run filtered with
    // `-t`, or a failing one, leaves pacts/ as it was.
    const written = mkdtempSync(join(tmpdir(), 'hsac-consumer-pact-'));
    const file = join(written, pactFileName(name));
    const pact = consumerPact(name, written);
    let passed = 0;
    afterAll(() => {
      // Copied beside it, then renamed over it: a suite reading pacts/ at the same time sees the old file or the new.
      const shipped = join(pactsDir(), pactFileName(name));
      if (passed === specs.length) {
        copyFileSync(file, `${shipped}.${process.pid}.tmp`);
        renameSync(`${shipped}.${process.pid}.tmp`, shipped);
      }
      rmSync(written, { recursive: true, force: true });
    });

    for (const spec of specs) {
      it(spec.description, async () => {
        const result = await runInteraction(pact, spec, async (mock) =>
          callResult(consumerFor(name, mock.url, spec.token), spec.call),
        );
        expect(result).toEqual(expectedResult(spec));
        if (result?.ok === true) {
          expect(result.outcome.results.length).toBeGreaterThan(0);
          if (spec.kind === 'partial') expect(result.outcome.failures.length).toBeGreaterThan(0);
          if (spec.kind === 'paging')
            expect(result.outcome.results.every((r) => 'nextAfter' in r && typeof r.nextAfter === 'string')).toBe(true);
        }
        passed++;
      });
    }

    it(`writes ${pactFileName(name)} with one interaction per spec, placeholder tokens only`, () => {
      const pactFile = JSON.parse(readFileSync(file, 'utf8')) as {
        consumer: { name: string };
        provider: { name: string };
        interactions: { description: string; request: { headers?: Record<string, string[]> } }[];
      };
      expect(pactFile.consumer.name).toBe(name);
      expect(pactFile.provider.name).toBe(PROVIDER_NAME);
      expect(pactFile.interactions.map((i) => i.description).sort()).toEqual(specs.map((s) => s.description).sort());
      const tokens = new Set(
        pactFile.interactions.map(
          (i) =>
            Object.entries(i.request.headers ?? {}).find(([key]) => key.toLowerCase() === 'authorization')?.[1]?.[0],
        ),
      );
      expect([...tokens].sort()).toEqual([`Bearer ${CONTRACT_TOKEN}`, `Bearer ${REVOKED_TOKEN}`]);
    });
  });
}

describe('what each contract covers', () => {
  it('hsac: every endpoint x version of the catalogue', () => {
    expect(new Set(interactionsOf(HSAC_CONSUMER).map((s) => `${s.endpoint} ${s.apiVersion}`)).size).toBe(
      allOperations().length,
    );
  });

  it('the SDK: exactly the endpoint x version pairs its client has a method for (v4, and no configurations create)', () => {
    expect([...new Set(interactionsOf(SDK_CONSUMER).map((s) => `${s.endpoint} ${s.apiVersion}`))].sort()).toEqual([
      'associate-default v4',
      'batch-associate-default v4',
      'batch-read v4',
    ]);
  });
});

describe("every shipped pact's 401 example is HubSpot's authentication error", () => {
  // The example is what a reader of the pact (and Pact's stub servers) takes a 401 to say; it was once a
  // validation error about a missing contact. Read from pacts/ as shipped, after the blocks above wrote them.
  const shipped = (): string[] => readdirSync(pactsDir()).filter((name) => name.endsWith('.json'));

  it('pacts/ ships one file per consumer', () => {
    expect(shipped().sort()).toEqual(CONSUMER_NAMES.map(pactFileName).sort());
  });

  for (const name of CONSUMER_NAMES.map(pactFileName)) {
    it(`${name}: every 401 interaction answers INVALID_AUTHENTICATION with an authentication message`, () => {
      const pact = JSON.parse(readFileSync(join(pactsDir(), name), 'utf8')) as {
        interactions: { description: string; response: { status: number; body?: { content?: unknown } } }[];
      };
      const unauthorized = pact.interactions.filter((i) => i.response.status === 401);
      expect(unauthorized.length).toBeGreaterThan(0);
      for (const interaction of unauthorized) {
        const example = interaction.response.body?.content as { category?: unknown; message?: unknown } | undefined;
        expect(example?.category, interaction.description).toBe('INVALID_AUTHENTICATION');
        expect(example?.message, interaction.description).toMatch(/^Authentication credentials not found\b/);
      }
    });

    it(`${name}: every over-the-limit 400 interaction says too many inputs, not a missing record`, () => {
      const pact = JSON.parse(readFileSync(join(pactsDir(), name), 'utf8')) as {
        interactions: { description: string; response: { status: number; body?: { content?: unknown } } }[];
      };
      const overLimit = pact.interactions.filter((i) => i.description.includes('more than 1000 inputs'));
      for (const interaction of overLimit) {
        const example = interaction.response.body?.content as { category?: unknown; message?: unknown } | undefined;
        expect(interaction.response.status, interaction.description).toBe(400);
        expect(example?.category, interaction.description).toBe('VALIDATION_ERROR');
        expect(example?.message, interaction.description).toMatch(/^Too many inputs: 1001\. .* at most 1000 inputs/);
      }
    });
  }
});

describe('pact files are stable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hsac-pacts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of CONSUMER_NAMES) {
    it(`regenerating ${pactFileName(name)} gives byte-identical content`, async () => {
      await generate(name, dir, false);
      const again = readFileSync(join(dir, pactFileName(name)), 'utf8');
      const committed = readFileSync(join(pactsDir(), pactFileName(name)), 'utf8');
      expect(
        again === committed,
        `${pactFileName(name)} differs when regenerated: pact content is not deterministic`,
      ).toBe(true);
    });
  }
});

const broker = brokerSettings();
describe.skipIf(!broker)('publishing to the Pact Broker (skipped unless PACT_BROKER_BASE_URL is set)', () => {
  it('publishes both pact files with the consumer version and branch (POST /contracts/publish)', async () => {
    if (!broker) return;
    const outcomes = await publishPacts(
      broker,
      CONSUMER_NAMES.map((name) => join(pactsDir(), pactFileName(name))),
    );
    expect(outcomes.map((o) => isSuccess(o.status))).toEqual(CONSUMER_NAMES.map(() => true));
  });
});
