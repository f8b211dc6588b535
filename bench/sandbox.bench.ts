import { Agent, request } from 'node:http';
import { buildPath, isSuccess, operation } from '../src/catalogue/index.js';
import { startSandbox, type Sandbox } from '../provider/index.js';
import type { Bench, Figure } from './bench.js';

/**
 * How many requests per second the reference sandbox serves on this machine, over keep-alive
 * loopback connections, client and server in one process (so the figure is a floor). A run is
 * paced by HubSpot's limits (at most 250 requests / 10 s, FACTS §6), so the sandbox must serve
 * far more than 25 requests/s never to be the bottleneck; the goal asks for ten times that.
 */
const GOAL_RPS = 250;
/** Bounds: at most this many requests, and at most this long, per figure. */
const MAX_REQUESTS = 20_000;
const MAX_MILLIS = 8_000;
const WARM_UP = 500;
const CONCURRENCY = 16;

interface Shot {
  readonly method: string;
  readonly path: string;
  readonly body?: string;
}

function fire(sandbox: Sandbox, agent: Agent, shot: Shot): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${sandbox.token}` };
    if (shot.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(shot.body));
    }
    const req = request(`${sandbox.url}${shot.path}`, { method: shot.method, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(shot.body);
  });
}

/** Sends `shot` from CONCURRENCY workers until MAX_REQUESTS or MAX_MILLIS; every answer must be a 2xx. */
async function measure(sandbox: Sandbox, shot: Shot): Promise<{ rps: number; requests: number; millis: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    for (let i = 0; i < WARM_UP; i++) await fire(sandbox, agent, shot);
    let sent = 0;
    const started = performance.now();
    const deadline = started + MAX_MILLIS;
    const worker = async (): Promise<void> => {
      while (sent < MAX_REQUESTS && performance.now() < deadline) {
        sent += 1;
        const status = await fire(sandbox, agent, shot);
        if (!isSuccess(status)) throw new Error(`${shot.method} ${shot.path} answered ${status}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const millis = performance.now() - started;
    return { rps: (sent * 1000) / millis, requests: sent, millis };
  } finally {
    agent.destroy();
  }
}

function figure(id: string, description: string, measured: { rps: number; requests: number; millis: number }): Figure {
  return {
    id,
    description,
    value: measured.rps,
    unit: 'requests/s',
    goal: `>= ${GOAL_RPS}`,
    met: measured.rps >= GOAL_RPS,
    detail: { requests: measured.requests, millis: Math.round(measured.millis), concurrency: CONCURRENCY },
  };
}

const bench: Bench = {
  id: 'sandbox',
  description: 'requests per second the reference sandbox serves (keep-alive, loopback, client in the same process)',
  async run() {
    // Limits far above what the bench sends: it measures serving, not the 429 path.
    const sandbox = await startSandbox({ rateLimit: { max: 1e9, daily: 1e9 } });
    try {
      const contacts = sandbox.seeded?.records.contacts ?? [];
      const read = operation('batch-read', '2026-03');
      const put = operation('associate-default', '2026-03');
      const readShot: Shot = {
        method: read.method,
        path: buildPath(read, { fromObjectType: 'contacts', toObjectType: 'companies' }),
        body: JSON.stringify({ inputs: contacts.slice(1, 11).map((id) => ({ id })) }),
      };
      const putShot: Shot = {
        method: put.method,
        path: buildPath(put, {
          fromObjectType: 'contacts',
          fromObjectId: contacts[2] ?? '',
          toObjectType: 'companies',
          toObjectId: sandbox.seeded?.records.companies?.[3] ?? '',
        }),
      };
      return [
        figure(
          'sandbox.batch-read',
          'POST batch/read, 10 inputs per request, 2026-03',
          await measure(sandbox, readShot),
        ),
        figure(
          'sandbox.associate-default',
          'PUT associations/default (idempotent), 2026-03',
          await measure(sandbox, putShot),
        ),
      ];
    } finally {
      await sandbox.stop();
    }
  },
};

export default bench;
