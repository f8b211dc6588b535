import { readFileSync } from 'node:fs';
import { isSuccess } from '../catalogue/index.js';
import { PROVIDER_NAME } from './names.js';

/**
 * Pact Broker publishing. pact-js 16 ships no publisher (the Ruby one went with pact-node), so
 * hsac calls the broker's own API: one `POST /contracts/publish` per consumer (Pact Broker 2.86+,
 * PactFlow), the call `pact-broker publish` makes. Verification results go back through the
 * verifier itself (`publishVerificationResult`), which needs the pacts fetched from the broker:
 * {@link brokerVerifierOptions} builds those options. Both are tested without a broker: the
 * publish request against nock, the verifier options as the object passed to pact-js.
 */

/** Where the broker is and how to authenticate: from the environment, never from a file. */
export interface BrokerSettings {
  readonly baseUrl: string;
  /** `PACT_BROKER_TOKEN` (bearer), or basic auth from `PACT_BROKER_USERNAME` / `PACT_BROKER_PASSWORD`. */
  readonly token?: string;
  readonly username?: string;
  readonly password?: string;
  /** The version of the consumer (or provider) being published: `PACT_CONSUMER_VERSION`, else `GITHUB_SHA`. */
  readonly version?: string;
  /** `PACT_BRANCH`, else `GITHUB_REF_NAME`. */
  readonly branch?: string;
  /** `PACT_BUILD_URL` (shown by the broker next to the version). */
  readonly buildUrl?: string;
}

/** Broker settings from an environment; undefined when `PACT_BROKER_BASE_URL` is not set (nothing is published). */
export function brokerSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
): BrokerSettings | undefined {
  const baseUrl = env.PACT_BROKER_BASE_URL?.trim();
  if (!baseUrl) return undefined;
  if (!/^https?:\/\/[^\s/]+/.test(baseUrl)) throw new Error(`PACT_BROKER_BASE_URL "${baseUrl}" is not an http(s) URL`);
  const pick = (...names: string[]): string | undefined =>
    names.map((name) => env[name]?.trim()).find((value) => value !== undefined && value !== '');
  const token = pick('PACT_BROKER_TOKEN');
  const username = pick('PACT_BROKER_USERNAME');
  const password = pick('PACT_BROKER_PASSWORD');
  const version = pick('PACT_CONSUMER_VERSION', 'GITHUB_SHA');
  const branch = pick('PACT_BRANCH', 'GITHUB_REF_NAME');
  const buildUrl = pick('PACT_BUILD_URL');
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    ...(token ? { token } : {}),
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(version ? { version } : {}),
    ...(branch ? { branch } : {}),
    ...(buildUrl ? { buildUrl } : {}),
  };
}

/** One HTTP request, as it would be sent. */
export interface BrokerRequest {
  readonly method: 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: {
    readonly pacticipantName: string;
    readonly pacticipantVersionNumber: string;
    readonly branch?: string;
    readonly tags?: readonly string[];
    readonly buildUrl?: string;
    readonly contracts: readonly {
      readonly consumerName: string;
      readonly providerName: string;
      readonly specification: 'pact';
      readonly contentType: 'application/json';
      readonly content: string;
    }[];
  };
}

function authorization(settings: BrokerSettings): Record<string, string> {
  if (settings.token) return { Authorization: `Bearer ${settings.token}` };
  if (settings.username !== undefined)
    return {
      Authorization: `Basic ${Buffer.from(`${settings.username}:${settings.password ?? ''}`).toString('base64')}`,
    };
  return {};
}

/**
 * The publish request for one pact file: the consumer named in the file publishes its contract
 * with the provider at `version` (and `branch`), the content base64-encoded as the API requires.
 */
export function publishRequest(settings: BrokerSettings, pactFile: string): BrokerRequest {
  const text = readFileSync(pactFile, 'utf8');
  const pact = JSON.parse(text) as { consumer?: { name?: string }; provider?: { name?: string } };
  const consumerName = pact.consumer?.name;
  const providerName = pact.provider?.name ?? PROVIDER_NAME;
  if (!consumerName) throw new Error(`${pactFile} names no consumer`);
  if (!settings.version)
    throw new Error('publishing needs a consumer version: set PACT_CONSUMER_VERSION (or GITHUB_SHA)');
  return {
    method: 'POST',
    url: `${settings.baseUrl}/contracts/publish`,
    headers: { 'Content-Type': 'application/json', Accept: 'application/hal+json', ...authorization(settings) },
    body: {
      pacticipantName: consumerName,
      pacticipantVersionNumber: settings.version,
      ...(settings.branch ? { branch: settings.branch } : {}),
      ...(settings.buildUrl ? { buildUrl: settings.buildUrl } : {}),
      contracts: [
        {
          consumerName,
          providerName,
          specification: 'pact',
          contentType: 'application/json',
          content: Buffer.from(text, 'utf8').toString('base64'),
        },
      ],
    },
  };
}

/** What the broker answered to one publish. */
export interface PublishOutcome {
  readonly pactFile: string;
  readonly status: number;
  /** The broker's notices (`notices[].text`), e.g. "Created foo version 1 with branch main". */
  readonly notices: readonly string[];
}

/** Publishes pact files, one request each; rejects on the first non-2xx, naming the file and the broker's answer. */
export async function publishPacts(
  settings: BrokerSettings,
  pactFiles: readonly string[],
  fetchImpl: typeof fetch = fetch,
): Promise<PublishOutcome[]> {
  const outcomes: PublishOutcome[] = [];
  for (const pactFile of pactFiles) {
    const request = publishRequest(settings, pactFile);
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: JSON.stringify(request.body),
    });
    const text = await response.text();
    if (!isSuccess(response.status))
      throw new Error(`publishing ${pactFile} to ${settings.baseUrl}: ${response.status} ${text.slice(0, 300)}`);
    let notices: string[] = [];
    try {
      const parsed = JSON.parse(text) as { notices?: { text?: string }[] };
      notices = (parsed.notices ?? []).map((n) => n.text ?? '').filter((t) => t !== '');
    } catch {
      notices = [];
    }
    outcomes.push({ pactFile, status: response.status, notices });
  }
  return outcomes;
}

/**
 * The equivalent `pact-broker publish` command line (pact-cli), for CI that prefers the CLI. The
 * token stays in `PACT_BROKER_TOKEN`: it is never put on a command line.
 */
export function publishCommand(settings: BrokerSettings, pactDir: string): string {
  const parts = [
    'pact-broker publish',
    pactDir,
    `--consumer-app-version ${settings.version ?? '<version>'}`,
    `--broker-base-url ${settings.baseUrl}`,
  ];
  if (settings.branch) parts.push(`--branch ${settings.branch}`);
  if (settings.buildUrl) parts.push(`--build-url ${settings.buildUrl}`);
  return parts.join(' ');
}

/**
 * The pact-js verifier options that fetch this provider's pacts from the broker and publish the
 * results back: main-branch and deployed-or-released consumer versions, pending pacts enabled (a
 * new consumer expectation does not break the provider's build until it has passed once).
 */
export function brokerVerifierOptions(
  settings: BrokerSettings,
  provider: { readonly version: string; readonly branch?: string },
): Readonly<Record<string, unknown>> {
  return {
    provider: PROVIDER_NAME,
    pactBrokerUrl: settings.baseUrl,
    ...(settings.token ? { pactBrokerToken: settings.token } : {}),
    ...(settings.username !== undefined
      ? { pactBrokerUsername: settings.username, pactBrokerPassword: settings.password ?? '' }
      : {}),
    consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
    enablePending: true,
    publishVerificationResult: true,
    providerVersion: provider.version,
    ...(provider.branch ? { providerVersionBranch: provider.branch } : {}),
    ...(settings.buildUrl ? { buildUrl: settings.buildUrl } : {}),
  };
}
