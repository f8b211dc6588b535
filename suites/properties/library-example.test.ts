// README example: start
import fc from 'fast-check';
import { arbitraries, createValidator, exampleOf, mutations } from 'hsac';

const validator = createValidator({ profile: 'lenient' });
const read = { endpoint: 'batch-read', apiVersion: '2026-03' } as const;

// 1. Every body HubSpot may send (200, 207, errors, 429) passes; put your SDK's decoder in here.
fc.assert(
  fc.property(arbitraries.responseCase(read), ({ status, body }) => {
    return validator.validateResponse({ ...read, status, body }).ok;
  }),
);

// 2. What HubSpot sends in the wild beyond the spec (numeric toObjectId, null label, a new
//    category, extra fields): warnings under lenient, never errors. Your decoder must survive these too.
fc.assert(
  fc.property(arbitraries.lenientVariant({ ...read, status: 200 }), ({ body, deviations }) => {
    const { ok, findings } = validator.validateResponse({ ...read, status: 200, body });
    return (
      ok && deviations.every((d) => findings.some((f) => f.instancePath === d.instancePath && f.severity === 'warning'))
    );
  }),
);

// 3. Every named way to break a 207 body, and the finding that must catch it.
const body = exampleOf(arbitraries.batchReadResponse({ apiVersion: '2026-03', status: 207, complete: true }), 42);
let caught = 0;
for (const mutation of mutations.for('batch-read', '2026-03', 207)) {
  if (mutation.sites(body).length === 0) continue;
  const { findings } = validator.validateResponse({ ...read, status: 207, body: mutation.apply(body) });
  const expected = {
    check: mutation.check,
    instancePath: mutation.instancePath(body),
    severity: mutation.severityByProfile.lenient,
  };
  if (
    !findings.some(
      (f) => f.check === expected.check && f.instancePath === expected.instancePath && f.severity === expected.severity,
    )
  ) {
    throw new Error(`${mutation.id} was not caught`);
  }
  caught++;
}
console.log(`${caught} mutations of a 207 body caught`);
// README example: end

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The README's `## Library` example, kept here verbatim between the markers above and run as the
 * first thing this file does (against the built package, through `import ... from 'hsac'`): if it
 * throws, this file fails. The tests below prove it ran and that the README still shows this code.
 */

const here = fileURLToPath(import.meta.url);

function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + start.length);
  if (from < 0 || to < 0) throw new Error(`markers "${start}" / "${end}" not found`);
  return text.slice(from + start.length, to).trim();
}

describe('the README library example', () => {
  it('ran: every applicable mutation of a complete 207 body was caught', () => {
    expect(caught).toBeGreaterThan(100);
  });

  it('is the code in README.md "## Library", verbatim', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = between(readme, '## Library', '\n## ');
    const block = between(section, '```ts', '```');
    const example = between(readFileSync(here, 'utf8'), '// README example: start', '// README example: end');
    expect(block).toBe(example);
  });
});
