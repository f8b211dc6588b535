import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import type { Finding } from '../finding.js';
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
}

export const defaultIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  stdin: () => readLimited(0, DEFAULT_BODY_LIMITS.maxBytes + 1),
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

/** One finding as two lines: severity, check and pointer aligned in columns, then the message. */
export function findingLines(findings: readonly Pick<Finding, 'severity' | 'check' | 'instancePath' | 'message'>[]): string {
  const checkWidth = Math.max(0, ...findings.map((finding) => finding.check.length)) + 2;
  return findings
    .map((finding) => {
      const where = finding.instancePath === '' ? '(body)' : finding.instancePath;
      return `  ${finding.severity.padEnd(SEVERITY_WIDTH)}${finding.check.padEnd(checkWidth)}${where}\n      ${finding.message}\n`;
    })
    .join('');
}

export function countLine(findings: readonly Pick<Finding, 'severity'>[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

export function printResult(io: Io, json: boolean, heading: string, result: ValidationResult, extra: readonly string[] = []): number {
  if (json) {
    io.out(`${JSON.stringify({ ok: result.ok, findings: result.findings }, null, 2)}\n`);
  } else {
    io.out(`${heading}: ${result.ok ? 'PASS' : 'FAIL'} (${countLine(result.findings)})\n`);
    for (const line of extra) io.out(`  note    ${line}\n`);
    io.out(findingLines(result.findings));
  }
  return result.ok ? EXIT.ok : EXIT.nonConformant;
}


/** Where a command action records its exit code. */
export interface ExitSlot {
  code: number;
}
