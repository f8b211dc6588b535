import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../provider/index.js';
import { isSuccess } from '../../src/catalogue/index.js';
import { brokerSettings, brokerVerifierOptions } from '../../src/pact/broker.js';
import { CONSUMER_NAMES, HSAC_CONSUMER, SDK_CONSUMER } from '../../src/pact/names.js';
import { PROVIDER_STATES } from '../../src/pact/states/index.js';
import { verifyPacts, type VerificationResult } from '../../src/pact/verify.js';
import { interactionsOf } from './consumer.js';
import { ALL_PACT_FILES, pactFile, startProvider, verifyAgainst } from './provider.js';

/**
 * Provider verification of the committed pact files: the clean reference sandbox passes every
 * interaction of both contracts (and is left as it was found); faults that break what a consumer
 * relies on fail exactly the interactions that rely on it; faults in what no consumer relies on
 * fail nothing; a provider state that cannot be set up fails its interactions and the whole
 * verification; the token never reaches a result. Against a portal when HSAC_PROVIDER_BASE_URL
 * (and HUBSPOT_ACCESS_TOKEN) are set.
 */

const specs = CONSUMER_NAMES.flatMap((name) => interactionsOf(name));
/** `consumer: description` of the interactions a filter selects, sorted. */
const descriptions = (filter: (spec: (typeof specs)[number]) => boolean): string[] =>
  specs
    .filter(filter)
    .map((s) => `${s.consumer}: ${s.description}`)
    .sort();
const failed = (result: VerificationResult): string[] =>
  result.interactions
    .filter((i) => !i.ok)
    .map((i) => `${i.consumer ?? '?'}: ${i.description}`)
    .sort();

describe('the clean reference sandbox honours every contract', () => {
  let sandbox: Sandbox;
  let before: ReturnType<Sandbox['contents']>;
  let result: VerificationResult;
  beforeAll(async () => {
    sandbox = await startProvider();
    before = sandbox.contents();
    result = await verifyAgainst(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('passes every interaction of both pact files, every state set up and torn down', () => {
    expect(result.stateFailures).toEqual([]);
    expect(result.interactions.filter((i) => !i.ok)).toEqual([]);
    expect(result.interactions).toHaveLength(specs.length);
    expect(result.ok).toBe(true);
  });

  it('leaves the sandbox holding exactly what it held before (teardown archived and purged all it set up)', () => {
    expect(sandbox.contents()).toEqual(before);
  });
});

/** Faults that break fields every 2xx contract asserts, and the interactions they must fail. */
const BREAKING_FAULTS: readonly { fault: string; fails: string[]; mismatch: RegExp }[] = [
  {
    fault: 'missing-completedAt',
    fails: descriptions((s) => isSuccess(s.response.status)),
    mismatch: /missing the following keys: completedAt/,
  },
  {
    fault: 'status-cancelled',
    fails: descriptions((s) => isSuccess(s.response.status)),
    mismatch: /\$\.status Expected 'CANCELLED' to match/,
  },
  {
    fault: 'toObjectId-number',
    fails: descriptions((s) => s.endpoint === 'batch-read' && isSuccess(s.response.status)),
    mismatch: /toObjectId Expected \d+ \(Integer\) to be the same type as/,
  },
];

describe.each(BREAKING_FAULTS)('sandbox with fault $fault', ({ fault, fails, mismatch }) => {
  it(`fails exactly the ${fails.length} interactions that rely on what it breaks, each for that reason`, async () => {
    const sandbox = await startProvider([fault]);
    try {
      const result = await verifyAgainst(sandbox);
      expect(failed(result)).toEqual(fails);
      expect(result.ok).toBe(false);
      expect(result.stateFailures).toEqual([]);
      for (const verdict of result.interactions.filter((i) => !i.ok)) {
        expect(verdict.mismatches.join('\n'), verdict.description).toMatch(mismatch);
        expect(verdict.notVerified, verdict.description).toBeUndefined();
      }
    } finally {
      await sandbox.stop();
    }
  });
});

describe('sandbox with faults in what no consumer relies on', () => {
  // requestedAt is optional and read by no one; extra fields are allowed; hsac reads any 2xx as
  // success (its contract matches the status class) and the SDK's pact has no configurations
  // interaction (its client exposes none). A contract failing here would assert more than its
  // consumers use.
  it('requestedAt-null + unknown-envelope-field + status-200-for-201 fail nothing', async () => {
    const sandbox = await startProvider(['requestedAt-null', 'unknown-envelope-field', 'status-200-for-201']);
    try {
      const result = await verifyAgainst(sandbox);
      expect(failed(result)).toEqual([]);
      expect(result.ok).toBe(true);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('a provider state that cannot be set up fails the verification (no silent 200)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hsac-pact-state-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const STATE = 'a limit configuration exists for {fromObjectType}/{toObjectType}';

  it('a state whose parameters the provider refuses: its interactions fail with the set-up error, the rest pass', async () => {
    // hsac's configurations interactions, but the limit of that state is asked for on an association
    // type the provider does not have (the other interactions keep theirs and must pass).
    const pact = JSON.parse(readFileSync(pactFile(HSAC_CONSUMER), 'utf8')) as {
      interactions: { description: string; providerStates?: { name: string; params?: Record<string, unknown> }[] }[];
    };
    pact.interactions = pact.interactions.filter((interaction) =>
      interaction.description.startsWith('configurations-batch-create'),
    );
    for (const interaction of pact.interactions)
      for (const state of interaction.providerStates ?? [])
        if (state.name === STATE) state.params = { ...state.params, typeId: 999_999 };
    const file = join(dir, 'bad-state.json');
    writeFileSync(file, JSON.stringify(pact));
    const sandbox = await startProvider();
    try {
      const result = await verifyAgainst(sandbox, [file]);
      expect(result.ok).toBe(false);
      expect(failed(result)).toEqual(descriptions((s) => s.consumer === HSAC_CONSUMER && s.state?.name === STATE));
      expect(result.interactions.filter((i) => i.ok)).toHaveLength(8);
      expect(result.stateFailures.length).toBeGreaterThan(0);
      for (const failure of result.stateFailures) {
        expect(failure).toMatchObject({ state: STATE, phase: 'setup' });
        expect(failure.message).toMatch(/Association type 999999 does not exist/);
      }
      for (const verdict of result.interactions.filter((i) => !i.ok)) {
        expect(verdict.mismatches.join('\n')).toMatch(/(but was 500|status code 500)/);
        expect(verdict.notVerified).toMatch(
          /^provider state "a limit .*" was not set up: .*type 999999 does not exist/,
        );
      }
    } finally {
      await sandbox.stop();
    }
  });

  it('a state no handler knows fails before its interactions can pass on example IDs', async () => {
    const sandbox = await startProvider();
    const missing = 'contact {contactId} and company {companyId} exist';
    try {
      const result = await verifyAgainst(sandbox, [pactFile(SDK_CONSUMER)], {
        states: PROVIDER_STATES.filter((s) => s.name !== missing),
      });
      expect(result.ok).toBe(false);
      expect(result.stateFailures).toContainEqual({
        state: missing,
        phase: 'missing',
        message: 'no state handler exists for this state',
      });
      expect(failed(result)).toEqual(descriptions((s) => s.consumer === SDK_CONSUMER && s.state?.name === missing));
      for (const verdict of result.interactions.filter((i) => !i.ok))
        expect(verdict.notVerified).toBe(
          `provider state "${missing}" was not set up: no state handler exists for this state`,
        );
    } finally {
      await sandbox.stop();
    }
  });
});

describe('the access token stays out of every result', () => {
  it('a provider that echoes the token (body, error messages, headers) cannot put it into the verification result', async () => {
    const sandbox = await startProvider([
      'token-echo-body',
      'token-echo-error-message',
      'token-echo-header',
      'missing-completedAt',
    ]);
    try {
      const result = await verifyAgainst(sandbox, [pactFile(SDK_CONSUMER)]);
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(sandbox.token);
    } finally {
      await sandbox.stop();
    }
  });

  it('no pact file holds a token other than the placeholders', () => {
    for (const file of ALL_PACT_FILES) expect(readFileSync(file, 'utf8')).not.toMatch(/pat-na1-/);
  });
});

const liveBaseUrl = process.env.HSAC_PROVIDER_BASE_URL;
const liveToken = process.env.HUBSPOT_ACCESS_TOKEN;
describe.skipIf(!liveBaseUrl || !liveToken)(
  'against a live provider (skipped unless HSAC_PROVIDER_BASE_URL and HUBSPOT_ACCESS_TOKEN are set)',
  () => {
    it('verifies both pact files; with PACT_BROKER_BASE_URL, fetches them from the broker and publishes the result', async () => {
      const broker = brokerSettings();
      const result = await verifyPacts({
        pactFiles: broker ? [] : ALL_PACT_FILES,
        providerBaseUrl: liveBaseUrl ?? '',
        token: liveToken ?? '',
        ...(broker
          ? {
              verifierOptions: brokerVerifierOptions(broker, {
                version: broker.version ?? 'local',
                ...(broker.branch ? { branch: broker.branch } : {}),
              }),
            }
          : {}),
      });
      expect(result.stateFailures).toEqual([]);
      expect(result.interactions.filter((i) => !i.ok)).toEqual([]);
    }, 600_000);
  },
);
