import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Sandbox } from '../../provider/index.js';
import { main } from '../../src/cli.js';
import { packageRoot } from '../../src/paths.js';
import type { JournalEntry } from '../../src/runner/journal.js';

/**
 * What the portal suites share: setting a limit configuration on a sandbox the way a user would
 * (over HTTP), `hsac` in-process (the CLI's own code path) and as the built bin in a child process
 * (so it can be interrupted or killed), bounded polling, and reading a journal back.
 */

/** The seed of every run here. */
export const SEED = '7';

/**
 * The user's limit of issue 12: contacts -> companies, type 279 (the default type), at most 2 companies per contact.
 */
export const USER_LIMIT = { category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 2 } as const;

/**
 * Sets `USER_LIMIT` (or another max) on the sandbox with configurations batch create, as a user's integration would.
 */
export async function setUserLimit(
  sandbox: Sandbox,
  maxToObjectIds: number = USER_LIMIT.maxToObjectIds,
): Promise<void> {
  const answer = await fetch(
    `${sandbox.url}/crm/associations/2026-03/definitions/configurations/contacts/companies/batch/create`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: [{ ...USER_LIMIT, maxToObjectIds }] }),
    },
  );
  await answer.arrayBuffer();
  if (answer.status !== 201) throw new Error(`setting the user's limit answered ${answer.status}`);
}

/** The sandbox's line for the contacts -> companies type 279 limit (`provider/state.ts` `contents()`), if any. */
export function limitLine(sandbox: Sandbox): string | undefined {
  return sandbox.contents().configurations.find((line) => line.startsWith('0-1>0-2:279:'));
}

/** What an in-process `hsac` invocation returned and printed. */
export interface Invoked {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * Runs `hsac ARGV` in-process (optionally in `cwd`, and with HUBSPOT_ACCESS_TOKEN unset so only flags give a token).
 */
export async function hsac(argv: readonly string[], cwd?: string): Promise<Invoked> {
  let out = '';
  let err = '';
  const previous = process.cwd();
  const token = process.env.HUBSPOT_ACCESS_TOKEN;
  delete process.env.HUBSPOT_ACCESS_TOKEN;
  if (cwd) process.chdir(cwd);
  try {
    const code = await main([...argv], {
      out: (text) => void (out += text),
      err: (text) => void (err += text),
      stdin: () => Buffer.alloc(0),
    });
    return { code, out, err };
  } finally {
    process.chdir(previous);
    if (token !== undefined) process.env.HUBSPOT_ACCESS_TOKEN = token;
  }
}

const children = new Set<ChildProcess>();
// A test that fails mid-way must not leave a run writing to the next test's sandbox.
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});

/** `hsac run` from the built bin in a child process, long enough (200 sequences) to be stopped mid-way. */
export function spawnRun(sandbox: Sandbox, reportDir: string): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    [
      join(packageRoot(), 'bin', 'hsac.js'),
      'run',
      '--target',
      sandbox.url,
      '--token',
      sandbox.token,
      '--runs',
      '200',
      '--seed',
      SEED,
      '--report-dir',
      reportDir,
    ],
    { stdio: 'ignore' },
  );
  children.add(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited };
}

/**
 * Polls `done` every 20 ms until it holds; fails after `timeoutMs` naming what it waited for. Never sleeps longer than
 * needed.
 */
export async function until(what: string, done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The entries of a journal (a torn last line, from a SIGKILL, left out). */
export function journalEntries(path: string): JournalEntry[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as JournalEntry];
      } catch {
        return [];
      }
    });
}

/** The entries of one kind. */
export function entriesOf<K extends JournalEntry['kind']>(path: string, kind: K): Extract<JournalEntry, { kind: K }>[] {
  return journalEntries(path).filter((entry): entry is Extract<JournalEntry, { kind: K }> => entry.kind === kind);
}
