import type { Finding } from '../../finding.js';
import type { BodyRule } from './rule.js';
import { own } from './rule.js';

const RFC3339 = /^(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * An RFC 3339 date-time as nanoseconds since the epoch, or undefined when it is not one (the
 * `format` check reports that). Nanoseconds, because HubSpot sends up to microseconds and
 * `Date.parse` keeps only milliseconds: two stamps 300 µs apart would otherwise compare equal.
 */
export function epochNanos(value: unknown): bigint | undefined {
  if (typeof value !== 'string') return undefined;
  const match = RFC3339.exec(value);
  if (!match) return undefined;
  const [, wholeSeconds, fraction = '', offset = 'Z'] = match;
  const millis = Date.parse(`${wholeSeconds}${offset.toUpperCase()}`.replace(' ', 'T'));
  if (Number.isNaN(millis)) return undefined;
  const fractionNanos = BigInt((fraction.slice(1) + '000000000').slice(0, 9));
  return BigInt(millis) * 1_000_000n + fractionNanos;
}

const ORDER = ['requestedAt', 'startedAt', 'completedAt'] as const;

/**
 * `requestedAt <= startedAt <= completedAt`: a batch cannot start before it was requested nor end
 * before it started. Clients compute durations and timeouts from these; a reversed pair is a
 * server bug, so an error under every profile. Absent or null stamps are skipped (requestedAt is
 * optional and null in the wild).
 */
export const timestampsOrdered: BodyRule = {
  id: 'timestamps-ordered',
  description: 'requestedAt <= startedAt <= completedAt',
  check(body) {
    const findings: Finding[] = [];
    const present = ORDER.map((name) => ({ name, raw: own(body, name), at: epochNanos(own(body, name)) })).filter(
      (stamp): stamp is { name: (typeof ORDER)[number]; raw: unknown; at: bigint } => stamp.at !== undefined,
    );
    for (let i = 1; i < present.length; i++) {
      const earlier = present[i - 1];
      const later = present[i];
      if (earlier && later && later.at < earlier.at) {
        findings.push({
          check: this.id,
          severity: 'error',
          instancePath: `/${later.name}`,
          message: `${later.name} (${String(later.raw)}) is before ${earlier.name} (${String(earlier.raw)})`,
          expected: `>= ${String(earlier.raw)}`,
          actual: later.raw,
        });
      }
    }
    return findings;
  },
};
