import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { brokerSettings, brokerVerifierOptions, publishCommand, publishPacts, publishRequest } from './broker.js';

/**
 * Broker publishing without a broker: the publish call is made against nock standing in for the
 * Pact Broker API (`POST /contracts/publish`); the verifier's broker options are checked as the
 * object pact-js receives.
 */

const BROKER = 'https://broker.invalid';
const TOKEN = 'broker-secret-token';
const dir = mkdtempSync(join(tmpdir(), 'hsac-broker-'));
const pactFile = join(dir, 'hsac-hubspot-crm-associations.json');
writeFileSync(
  pactFile,
  JSON.stringify({
    consumer: { name: 'hsac' },
    provider: { name: 'hubspot-crm-associations' },
    interactions: [],
    metadata: { pactSpecification: { version: '4.0' } },
  }),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const env = {
  PACT_BROKER_BASE_URL: `${BROKER}/`,
  PACT_BROKER_TOKEN: TOKEN,
  PACT_CONSUMER_VERSION: '3f2c1ab',
  PACT_BRANCH: 'main',
  PACT_BUILD_URL: 'https://ci.invalid/build/42',
};

describe('brokerSettings', () => {
  it('is undefined without PACT_BROKER_BASE_URL: nothing is published', () => {
    expect(brokerSettings({})).toBeUndefined();
  });

  it('reads the broker, token, version, branch and build URL from the environment', () => {
    expect(brokerSettings(env)).toEqual({
      baseUrl: BROKER,
      token: TOKEN,
      version: '3f2c1ab',
      branch: 'main',
      buildUrl: 'https://ci.invalid/build/42',
    });
    expect(
      brokerSettings({ PACT_BROKER_BASE_URL: BROKER, GITHUB_SHA: 'abc', GITHUB_REF_NAME: 'feature/x' }),
    ).toMatchObject({ version: 'abc', branch: 'feature/x' });
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => brokerSettings({ PACT_BROKER_BASE_URL: 'broker.local' })).toThrow(/not an http\(s\) URL/);
  });
});

describe('publishing a pact', () => {
  const settings = brokerSettings(env);
  if (!settings) throw new Error('settings');

  it('is one POST /contracts/publish with the pact base64-encoded, the bearer token and HAL accept header', async () => {
    let seen: { headers: Record<string, string | string[] | undefined>; body: Record<string, unknown> } | undefined;
    nock(BROKER)
      .post('/contracts/publish')
      .reply(function (_uri, body) {
        seen = { headers: this.req.headers, body: body as Record<string, unknown> };
        return [200, { notices: [{ type: 'success', text: 'Created hsac version 3f2c1ab with branch main' }] }];
      });
    const outcomes = await publishPacts(settings, [pactFile]);
    expect(outcomes).toEqual([{ pactFile, status: 200, notices: ['Created hsac version 3f2c1ab with branch main'] }]);
    expect(seen?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      accept: 'application/hal+json',
      'content-type': 'application/json',
    });
    expect(seen?.body).toEqual({
      pacticipantName: 'hsac',
      pacticipantVersionNumber: '3f2c1ab',
      branch: 'main',
      buildUrl: 'https://ci.invalid/build/42',
      contracts: [
        {
          consumerName: 'hsac',
          providerName: 'hubspot-crm-associations',
          specification: 'pact',
          contentType: 'application/json',
          content: readFileSync(pactFile).toString('base64'),
        },
      ],
    });
  });

  it('basic auth when the broker takes a username and password', () => {
    const request = publishRequest({ baseUrl: BROKER, username: 'ci', password: 'pw', version: '1' }, pactFile);
    expect(request.headers.Authorization).toBe(`Basic ${Buffer.from('ci:pw').toString('base64')}`);
  });

  it('a broker that refuses fails the publish, naming the file and the answer', async () => {
    nock(BROKER).post('/contracts/publish').reply(401, { error: 'invalid token' });
    await expect(publishPacts(settings, [pactFile])).rejects.toThrow(
      /hsac-hubspot-crm-associations\.json .*401 .*invalid token/,
    );
  });

  it('needs a consumer version', () => {
    expect(() => publishRequest({ baseUrl: BROKER }, pactFile)).toThrow(/PACT_CONSUMER_VERSION/);
  });

  it('the equivalent pact-broker command line never carries the token', () => {
    expect(publishCommand(settings, 'pacts')).toBe(
      'pact-broker publish pacts --consumer-app-version 3f2c1ab --broker-base-url https://broker.invalid --branch main --build-url https://ci.invalid/build/42',
    );
  });
});

describe('publishing verification results', () => {
  it('the verifier fetches the provider’s pacts from the broker (main branch, deployed or released), pending on, and publishes the result', () => {
    const settings = brokerSettings(env);
    if (!settings) throw new Error('settings');
    expect(brokerVerifierOptions(settings, { version: '9e8d7c6', branch: 'main' })).toEqual({
      provider: 'hubspot-crm-associations',
      pactBrokerUrl: BROKER,
      pactBrokerToken: TOKEN,
      consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
      enablePending: true,
      publishVerificationResult: true,
      providerVersion: '9e8d7c6',
      providerVersionBranch: 'main',
      buildUrl: 'https://ci.invalid/build/42',
    });
  });
});
