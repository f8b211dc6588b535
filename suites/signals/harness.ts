import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import type { RunResult } from '../../src/runner/result.js';

/** The built CLI, run as a user runs it (the suites that spawn it need `dist/`: `npm test` builds first). */
export const BIN = join(packageRoot(), 'bin', 'hsac.js');

/** A loopback HTTP server started by a test. */
export interface Provider {
  readonly url: string;
  /** Requests received so far. */
  readonly requests: () => number;
  readonly stop: () => Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * A provider that answers every request `429 TEN_SECONDLY_ROLLING` with `Retry-After: seconds`
 * (HubSpot's body and headers): the first call of a run, the account details, already waits.
 */
export async function rateLimitedProvider(retryAfterSeconds: number): Promise<Provider> {
  let count = 0;
  const server = createServer((req, res) => {
    count++;
    req.resume();
    req.on('end', () => {
      res.writeHead(429, {
        'content-type': 'application/json;charset=utf-8',
        'retry-after': String(retryAfterSeconds),
      });
      res.end(
        JSON.stringify({
          status: 'error',
          message: 'You have reached your ten-secondly limit.',
          errorType: 'RATE_LIMIT',
          correlationId: 'c0a8f3e2-1111-4222-8333-444455556666',
          policyName: 'TEN_SECONDLY_ROLLING',
          groupName: 'publicapi:private-app-api-calls:ten-secondly',
        }),
      );
    });
  });
  const url = await listen(server);
  return { url, requests: () => count, stop: () => close(server) };
}

/** A forwarding proxy that can be told to stop answering: requests then hang until it stops. */
export interface HoldingProxy extends Provider {
  /** From now on, requests whose path `matches` (default: all) are received and never answered. */
  hold(matches?: (path: string) => boolean): void;
  /** Forward again (held requests stay held). */
  release(): void;
  /** Requests held so far. */
  readonly held: () => number;
}

/**
 * Calls on associations (read, write, archive, configurations): what a run's later phases and its
 * cleanup start with. Records creates are let through: one held after the records were made would
 * leave them unjournaled (the create's answer, with their IDs, never came), which `hsac cleanup`
 * rightly refuses to guess at.
 */
export const ASSOCIATION_CALLS = (path: string): boolean => path.includes('/associations/');

/** A proxy in front of `target` (a sandbox URL), to freeze a run mid-way on purpose. */
export async function holdingProxy(target: string): Promise<HoldingProxy> {
  let count = 0;
  let held = 0;
  let holding: ((path: string) => boolean) | undefined;
  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    const upstream = httpRequest(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  const server = createServer((req, res) => {
    count++;
    if (holding?.(req.url ?? '/')) {
      held++;
      req.resume();
      return;
    }
    forward(req, res);
  });
  const url = await listen(server);
  return {
    url,
    requests: () => count,
    held: () => held,
    hold: (matches = () => true) => void (holding = matches),
    release: () => void (holding = undefined),
    stop: () => close(server),
  };
}

/** A spawned `hsac` (or wrapper) process, its output as it arrives and its exit. */
export interface Spawned {
  readonly child: ChildProcess;
  readonly out: () => string;
  readonly err: () => string;
  /** Resolves at exit: the code (null when a signal killed it) and when, by `performance.now()`. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Spawns `node file ...args` with piped output. */
export function spawnNode(file: string, args: readonly string[], cwd = packageRoot()): Spawned {
  const child = spawn(process.execPath, [file, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() }));
  });
  return { child, out: () => out, err: () => err, exited };
}

/**
 * Polls `condition` every 20 ms until it holds or `ms` pass; returns whether it held. The bound is
 * a safety net for a broken build, never the thing under test (no test here depends on how fast
 * the machine is, only on an upper bound that hsac promises).
 */
export async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** Whether a process (not necessarily our child) has ended: gone, or a zombie nobody reaped yet. */
export function processEnded(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
    throw error;
  }
  // Alive or a zombie: /proc says which (Linux); elsewhere take "signalable" as alive.
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  const text = readFileSync(stat, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).startsWith('Z');
}

/** The report a run wrote. */
export function readReport(reportDir: string): RunResult {
  return JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunResult;
}

/** The journal's entries, one object per line. */
export function readJournalLines(path: string): { kind: string; [key: string]: unknown }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { kind: string });
}

/** Measured times are printed (the closing note quotes them), never compared tightly. */
export function say(what: string, ms: number): void {
  console.log(`[signals] ${what}: ${(ms / 1000).toFixed(2)} s`);
}
