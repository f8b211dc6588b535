import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { InvalidArgumentError } from 'commander';
import type { Finding } from '../registry/finding.js';
import { paintVerdict, terminalText } from '../report/index.js';
import type { WaitNotice } from '../transport/index.js';
import { DEFAULT_BODY_LIMITS, type ValidationResult } from '../validate/index.js';

/**
 * What every command shares: exit codes, the usage error, streams, input reading and the finding
 * printer. A command module exports one `register(program, io, exit)`; `src/cli.ts` lists them.
 */

/** DESIGN.md exit codes: stable, scripts and CI depend on them. */
export const EXIT = { ok: 0, nonConformant: 1, usage: 2, inconclusive: 3 } as const;

/** A usage or configuration problem: one clear line on stderr and exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly stdin: () => Buffer;
  /** Verdict words on `out` in colour ({@link colourEnabled}); absent: none (captured output, tests). */
  readonly colour?: boolean;
}

export const defaultIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  stdin: () => readLimited(0, DEFAULT_BODY_LIMITS.maxBytes + 1),
  get colour() {
    return colourEnabled(process.stdout, process.env);
  },
};

/** Reads at most `limit` bytes from a file descriptor, so a huge input is never held whole. */
function readLimited(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(1 << 16);
  for (;;) {
    let read: number;
    try {
      read = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw error;
    }
    if (read === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, read)));
    total += read;
    if (total >= limit) break;
  }
  return Buffer.concat(chunks);
}

/** Reads FILE or `-` (stdin); a file over the limit is reported by size without being read whole. */
export function readInput(path: string, io: Io, maxBytes: number): { bytes: Buffer; truncatedSize?: number } {
  if (path === '-') {
    const bytes = io.stdin();
    return bytes.byteLength > maxBytes ? { bytes: Buffer.alloc(0), truncatedSize: bytes.byteLength } : { bytes };
  }
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`${path} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (size > maxBytes) return { bytes: Buffer.alloc(0), truncatedSize: size };
  const fd = openSync(path, 'r');
  try {
    return { bytes: readLimited(fd, maxBytes + 1) };
  } finally {
    closeSync(fd);
  }
}

export function parseStatus(value: string): number {
  if (!/^[1-5][0-9][0-9]$/.test(value)) throw new InvalidArgumentError('must be an HTTP status code, 100-599');
  return Number(value);
}

export function parsePositiveInt(value: string): number {
  if (!/^[1-9][0-9]*$/.test(value)) throw new InvalidArgumentError('must be a positive whole number');
  return Number(value);
}

const SEVERITY_WIDTH = 8;

/**
 * What a finding line shows. `check` is any label: a registry id, a structure lint code (`hsac
 * audit structure`), or an id with its endpoint and version (`hsac gate sdk`).
 */
export type FindingLine = Pick<Finding, 'severity' | 'instancePath' | 'message'> & { readonly check: string };

/** One finding as two lines: severity, check and pointer aligned in columns, then the message. */
export function findingLines(findings: readonly FindingLine[]): string {
  const checkWidth = Math.max(0, ...findings.map((finding) => finding.check.length)) + 2;
  return findings
    .map((finding) => {
      const where = finding.instancePath === '' ? '(body)' : terminalText(finding.instancePath);
      return `  ${finding.severity.padEnd(SEVERITY_WIDTH)}${finding.check.padEnd(checkWidth)}${where}\n      ${terminalText(finding.message)}\n`;
    })
    .join('');
}

export function countLine(findings: readonly Pick<Finding, 'severity'>[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

export function printResult(
  io: Io,
  json: boolean,
  heading: string,
  result: ValidationResult,
  extra: readonly string[] = [],
): number {
  if (json) {
    io.out(`${JSON.stringify({ ok: result.ok, findings: result.findings }, null, 2)}\n`);
  } else {
    io.out(
      `${heading}: ${paintVerdict(result.ok ? 'PASS' : 'FAIL', io.colour === true)} (${countLine(result.findings)})\n`,
    );
    for (const line of extra) io.out(`  note    ${line}\n`);
    io.out(findingLines(result.findings));
  }
  return result.ok ? EXIT.ok : EXIT.nonConformant;
}

/**
 * Whether verdict words printed on `stream` are coloured: on a terminal unless `NO_COLOR` is set
 * (any non-empty value, no-color.org), and anywhere when `FORCE_COLOR` is set and not `0` (a CI
 * log that renders colour); `FORCE_COLOR=0` means none, as for Node itself. `NO_COLOR` wins over
 * `FORCE_COLOR`: a person who asked for no colour gets none.
 */
export function colourEnabled(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if ((env.NO_COLOR ?? '') !== '') return false;
  const force = env.FORCE_COLOR ?? '';
  if (force === '0') return false;
  return force !== '' || stream.isTTY === true;
}

/** Where a command action records its exit code. */
export interface ExitSlot {
  code: number;
}

/** The signals a long-running command stops on (Ctrl-C; `kill`, CI timeouts, container stops). */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** What asked a long-running command to stop: a signal, or its parent process going away. */
export type StopCause = StopSignal | 'parent-exited';

/**
 * The exit code of a process ended by a second signal: the shell's convention, 128 + the signal's
 * number (130 for SIGINT, 143 for SIGTERM), so a caller tells "stopped hard" apart from hsac's
 * own 0-3 (DESIGN.md), and `$?` reads as it would had the signal killed the process.
 */
export function exitCodeAfterSignal(signal: StopSignal): number {
  return 128 + osConstants.signals[signal];
}

/** How often the parent process is looked for; it costs one syscall, and a second is soon enough. */
const PARENT_POLL_MS = 500;

/**
 * How long a process whose parent went away may still take to clean up before it exits anyway:
 * with no parent, nobody can send the second Ctrl-C that would end a cleanup that hangs. The same
 * bound as a signal's promise (issue 12: cleanup and reports within 10 s).
 */
const ORPHAN_GRACE_MS = 10_000;

/** Options of {@link watchForStop}. */
export interface StopWatchOptions {
  /** Told once, at the first cause: the command now ends its waits, cleans up and reports. */
  readonly onStop?: (cause: StopCause) => void;
  /**
   * Runs synchronously just before a hard exit (a second signal, or an orphan past its grace):
   * the last chance to record state (the run's journal), since nothing asynchronous runs after it.
   */
  readonly beforeHardExit?: (cause: StopCause, exitCode: number) => void;
  /** Overrides for tests of the watch itself. */
  readonly parentPollMs?: number;
  readonly orphanGraceMs?: number;
}

/** A running watch: `signal` aborts at the first cause. */
export interface StopWatch {
  readonly signal: AbortSignal;
  /** The first cause seen, if any. */
  readonly cause: StopCause | undefined;
  /** Stops watching: handlers removed, polling ended. */
  dispose(): void;
}

/**
 * Watches for what must stop a long-running command (`hsac run`, `hsac sandbox`):
 * - the first SIGINT or SIGTERM aborts `signal` (the command ends any wait at once, cleans up and
 *   writes its reports);
 * - a second one exits at once, with {@link exitCodeAfterSignal}, after `beforeHardExit`;
 * - the parent process going away counts as a SIGTERM: its pid changes (the process was
 *   re-parented, POSIX) or, for a child with an IPC channel, the channel closes. A process must
 *   never outlive whoever started it (issue 12: under `timeout ... npx hsac`, hsac ran on for an
 *   hour). An orphan has nobody to press Ctrl-C twice, so it exits anyway after
 *   {@link ORPHAN_GRACE_MS}.
 *
 * stdin is not watched: a closed stdin is a normal state for a command that reads none
 * (`hsac run < /dev/null`, `cmd | hsac run`, a spawner that ends the child's stdin at once), so
 * taking its end for the parent's would stop honest runs; the parent's pid is the reliable sign.
 * The poll and the grace timer are unref'd: they never keep a finished command alive.
 */
export function watchForStop(options: StopWatchOptions = {}): StopWatch {
  const controller = new AbortController();
  let cause: StopCause | undefined;
  let orphanTimer: NodeJS.Timeout | undefined;
  const parentAtStart = process.ppid;

  const exitHard = (why: StopCause): never => {
    const code = exitCodeAfterSignal(why === 'parent-exited' ? 'SIGTERM' : why);
    try {
      options.beforeHardExit?.(why, code);
    } catch {
      // Exiting regardless: a hard stop that could not record its state still stops.
    }
    process.exit(code);
  };
  const stop = (why: StopCause): void => {
    if (cause === undefined) {
      cause = why;
      controller.abort(why);
      options.onStop?.(why);
    } else if (why !== 'parent-exited') {
      exitHard(why);
    }
    if (why === 'parent-exited' && orphanTimer === undefined) {
      orphanTimer = setTimeout(() => exitHard('parent-exited'), options.orphanGraceMs ?? ORPHAN_GRACE_MS);
      orphanTimer.unref();
    }
  };
  const onSigint = (): void => stop('SIGINT');
  const onSigterm = (): void => stop('SIGTERM');
  const onDisconnect = (): void => stop('parent-exited');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  if (process.channel) process.on('disconnect', onDisconnect);
  const poll = setInterval(() => {
    if (process.ppid === parentAtStart) return;
    clearInterval(poll);
    stop('parent-exited');
  }, options.parentPollMs ?? PARENT_POLL_MS);
  poll.unref();

  return {
    signal: controller.signal,
    get cause() {
      return cause;
    },
    dispose() {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      process.off('disconnect', onDisconnect);
      clearInterval(poll);
      if (orphanTimer !== undefined) clearTimeout(orphanTimer);
    },
  };
}

/** Waits longer than this are shown on the console; shorter ones (a backoff, the rate budget) pass unnoticed. */
export const SHOWN_WAIT_MS = 2000;

/**
 * What a command says on stderr before a wait a person would notice (issue 12: what, and how long), or '' for a short
 * one: `hsac run: waiting 45.0 s before GET /account-info/v3/details: Retry-After: 45 ... (Ctrl-C ends the wait)`.
 * `everyRetry`: a retry is said however short its backoff (`hsac replay`, which sends few requests: an attempt that
 * timed out took the whole timeout, and four of them are minutes a person must not spend in silence).
 */
export function waitLine(command: string, wait: WaitNotice, { everyRetry = false } = {}): string {
  const retry = everyRetry ? wait.retry : undefined;
  if (wait.ms <= SHOWN_WAIT_MS && retry === undefined) return '';
  const seconds = (wait.ms / 1000).toFixed(1);
  const why = retry !== undefined ? `${wait.reason}, retry ${retry}` : wait.reason;
  return `${command}: waiting ${seconds} s before ${wait.method} ${wait.path}: ${why} (Ctrl-C ends the wait)\n`;
}

/** How a stop cause is said on the console. */
export function describeStop(cause: StopCause): string {
  return cause === 'parent-exited' ? 'the parent process exited (taken as SIGTERM)' : cause;
}
