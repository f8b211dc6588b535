import { spawn, spawnSync, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../provider/index.js';
import { runSandboxCommand } from '../../src/commands/sandbox.js';
import { CONTRACT_TOKEN, SDK_CONSUMER } from '../../src/pact/names.js';
import { PROVIDER_STATES_PATH } from '../../src/pact/states/state-change.js';
import { packageRoot } from '../../src/paths.js';
import { ALL_PACT_FILES, pactFile } from './provider.js';

/**
 * `hsac sandbox --provider-states` with Pact's own CLI verifier (`pact-verifier` from
 * `@pact-foundation/pact-cli`, a devDependency whose binary comes in a per-platform npm package):
 * the shipped pacts verify against the clean sandbox with nothing but the sandbox's state URL, and
 * fail against a sandbox with a fault the contracts rely on. First, the state endpoint itself, as
 * the verifier calls it (in-process, no binary needed).
 */

const STATE = 'contact {contactId} and company {companyId} exist';

/** Runs `hsac sandbox` in-process with `flags` and hands the running sandbox to `body`. */
async function withSandbox(
  flags: { providerStates?: boolean; token?: string },
  body: (sandbox: Sandbox) => Promise<void>,
): Promise<string> {
  let banner = '';
  const io = { out: (text: string) => void (banner += text), err: () => undefined, stdin: () => Buffer.alloc(0) };
  await runSandboxCommand({ port: 0, fault: [], ...flags }, io, body);
  return banner;
}

async function postState(sandbox: Sandbox, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const answer = await fetch(`${sandbox.url}${PROVIDER_STATES_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
}

describe('the provider-state endpoint of hsac sandbox --provider-states, as the verifier calls it', () => {
  it('a setup answers the IDs it made (what Pact injects), which exist; the teardown archives them', async () => {
    const banner = await withSandbox({ providerStates: true }, async (sandbox) => {
      const before = sandbox.contents();
      const setup = await postState(sandbox, { state: STATE, params: {}, action: 'setup' });
      expect(setup.status).toBe(200);
      expect(Object.keys(setup.body).sort()).toEqual(['companyId', 'contactId']);
      // PUT default answers 200 only when both records exist.
      const { contactId, companyId } = setup.body as { contactId: string; companyId: string };
      const path = `/crm/v4/objects/contacts/${contactId}/associations/default/companies/${companyId}`;
      const linked = await fetch(`${sandbox.url}${path}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${sandbox.token}` },
      });
      expect(linked.status).toBe(200);
      const teardown = await postState(sandbox, { state: STATE, params: {}, action: 'teardown' });
      expect(teardown).toEqual({ status: 200, body: {} });
      expect(sandbox.contents()).toEqual(before);
    });
    expect(banner).toContain(`  token        ${CONTRACT_TOKEN}\n`);
    expect(banner).toMatch(new RegExp(`  states {7}http://127\\.0\\.0\\.1:\\d+${PROVIDER_STATES_PATH}\n`));
  });

  it('an unknown state is a 400 naming it and the known ones; a body that is no state change is a 400', async () => {
    await withSandbox({ providerStates: true }, async (sandbox) => {
      const unknown = await postState(sandbox, { state: 'the moon is made of cheese', action: 'setup' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error).toBe('no provider state is named "the moon is made of cheese"');
      expect(unknown.body.knownStates).toContain(STATE);
      expect((await postState(sandbox, '{not json')).status).toBe(400);
      expect((await postState(sandbox, { state: STATE, action: 'refresh' })).status).toBe(400);
    });
  });

  it('parameters a state does not take are a 400 naming the bound or the key, and nothing is written', async () => {
    await withSandbox({ providerStates: true }, async (sandbox) => {
      const before = sandbox.contents();
      const paging = 'contact {contactId} has {n} company associations, more than one page';
      // Unbounded, n: 1e9 would make a billion companies (the process ran out of memory).
      const huge = await postState(sandbox, { state: paging, params: { n: 1e9 }, action: 'setup' });
      expect(huge.status).toBe(400);
      expect(huge.body.error).toMatch(
        /state parameter "n" must be a whole number from 0 to 1000 \(the batch-read input limit.*\), got 1000000000/,
      );
      const text = await postState(sandbox, { state: paging, params: { n: '501' }, action: 'setup' });
      expect(text.status).toBe(400);
      expect(text.body.error).toMatch(/state parameter "n" must be a whole number .*, got "501"/);
      // Sent as JSON text: an object literal's __proto__ would set the prototype, not a key.
      const proto = await postState(sandbox, `{"state":${JSON.stringify(STATE)},"params":{"__proto__":{"n":1}}}`);
      expect(proto.status).toBe(400);
      expect(proto.body.error).toMatch(/state parameter "__proto__" is not one this state takes \(it takes none\)/);
      expect(sandbox.contents()).toEqual(before);
    });
  });

  it('a state the provider will not set up is a 500 with the reason (the verifier fails its interaction)', async () => {
    await withSandbox({ providerStates: true }, async (sandbox) => {
      const answer = await postState(sandbox, {
        state: 'a limit configuration exists for {fromObjectType}/{toObjectType}',
        params: {
          fromObjectType: 'contacts',
          toObjectType: 'companies',
          category: 'HUBSPOT_DEFINED',
          typeId: 999_999,
          maxToObjectIds: 10,
        },
        action: 'setup',
      });
      expect(answer.status).toBe(500);
      expect(answer.body.error).toMatch(/Association type 999999 does not exist/);
    });
  });

  it('is served only with the flag: a plain sandbox answers 404 there', async () => {
    await withSandbox({}, async (sandbox) => {
      expect((await postState(sandbox, { state: STATE, action: 'setup' })).status).toBe(404);
    });
  });
});

/** `pact-verifier` of the installed @pact-foundation/pact-cli, or why it cannot run here. */
function pactVerifier(): { bin: string } | { missing: string } {
  let bin: string;
  try {
    bin = createRequire(import.meta.url).resolve('@pact-foundation/pact-cli/bin/pact-verifier.js');
  } catch {
    return { missing: '@pact-foundation/pact-cli is not installed' };
  }
  const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
  if (version.status !== 0)
    return { missing: `pact-verifier does not run here: ${(version.stderr || String(version.error)).trim()}` };
  return { bin };
}

const verifier = pactVerifier();
if ('missing' in verifier) console.warn(`suites/pact/cli-verifier: Pact's CLI verifier skipped: ${verifier.missing}`);
const BIN = join(packageRoot(), 'bin', 'hsac.js');

/** The built `hsac sandbox --provider-states`, as a user starts it; resolves once it has printed its URL. */
async function startBuiltSandbox(
  faults: readonly string[],
): Promise<{ child: ChildProcessByStdio<null, Readable, Readable>; url: string; port: string }> {
  const child = spawn(
    process.execPath,
    [BIN, 'sandbox', '--provider-states', ...faults.flatMap((fault) => ['--fault', fault])],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hsac sandbox printed no URL: ${out}`)), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /url +(http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return { child, url, port: new URL(url).port };
}

async function stopBuiltSandbox(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** Runs Pact's CLI verifier on `files` against a sandbox, with the sandbox's state URL and nothing else of hsac. */
async function runPactVerifier(
  bin: string,
  url: string,
  port: string,
  files: readonly string[],
): Promise<{ code: number | null; output: string }> {
  const args = [
    bin,
    ...['--hostname', '127.0.0.1', '--port', port],
    ...['--state-change-url', `${url}${PROVIDER_STATES_PATH}`, '--state-change-teardown', '--no-colour'],
    ...files.flatMap((file) => ['--file', file]),
  ];
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, PACT_DO_NOT_TRACK: 'true' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe.skipIf('missing' in verifier)(
  "Pact's CLI verifier (pact-verifier) against hsac sandbox --provider-states",
  () => {
    const bin = 'bin' in verifier ? verifier.bin : '';

    describe('the clean sandbox', () => {
      let sandbox: Awaited<ReturnType<typeof startBuiltSandbox>>;
      beforeAll(async () => {
        sandbox = await startBuiltSandbox([]);
      });
      afterAll(() => stopBuiltSandbox(sandbox.child));

      it('verifies every shipped pact (exit 0)', async () => {
        const run = await runPactVerifier(bin, sandbox.url, sandbox.port, ALL_PACT_FILES);
        expect(run.code, run.output).toBe(0);
        expect(run.output).not.toMatch(/state change handlers has failed/);
      });
    });

    describe('a sandbox with a fault the contracts rely on (missing-completedAt)', () => {
      let sandbox: Awaited<ReturnType<typeof startBuiltSandbox>>;
      beforeAll(async () => {
        sandbox = await startBuiltSandbox(['missing-completedAt']);
      });
      afterAll(() => stopBuiltSandbox(sandbox.child));

      it('fails the success interactions, for the missing field (exit 1)', async () => {
        const run = await runPactVerifier(bin, sandbox.url, sandbox.port, [pactFile(SDK_CONSUMER)]);
        expect(run.code, run.output).toBe(1);
        expect(run.output).toMatch(/missing the following keys: completedAt/);
        expect(run.output).toMatch(/batch-read v4: success \(200\)/);
      });
    });
  },
);
