import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startEchoProvider, type EchoProvider } from './echo-provider.js';
import { ENCODINGS, gridEcho, PLACEMENTS } from './encodings.js';
import { timeoutForRuns } from '../../properties/settings.js';
import { caseProblems, drawn, holdsAsync, redactionProperty, runCase, SETTINGS, SHOW_CASE, tally } from './harness.js';

/**
 * The redaction property, end to end: for any token (a realistic `pat-na1-<uuid>` or any printable
 * one) and any encoding at any placement a provider controls, a whole `hsac run` in-process against
 * a provider that echoes it leaves no byte of any artifact (report.json, junit.xml, summary.md,
 * report.html, exchanges.har, the journal) or console line holding it in any form; the redactor
 * removed it before the final scan had anything to withhold; the token went out and the echo came
 * back (so a clean result is not vacuous). Then one run per encoding x placement, so every cell is
 * proven whatever the seed draws.
 */

const FILE = 'suites/redaction/end-to-end.test.ts';
const PROPERTY = 'no artifact or console line holds the token, for any token, encoding and placement';

/**
 * Runs of the property: two per HSAC_RUNS (a whole run costs ~40-80 ms here, so the default 20 gives
 * 40 cases in a few seconds; HSAC_RUNS=500 gives 1,000).
 */
const RUNS = SETTINGS.runs * 2;

/** The grid's token: fixed, so every cell (a base64 header name among them) is sendable the same way each time. */
const GRID_TOKEN = 'pat-na1-7c1f0e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';

let provider: EchoProvider;
let dir: string;

// Each hook returns the teardown of what it made, so a teardown runs only when there is something to undo.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hsac-redaction-'));
  return () => rmSync(dir, { recursive: true, force: true });
});
beforeAll(async () => {
  provider = await startEchoProvider();
  return () => provider.stop();
});

describe('no byte of any artifact or console line holds the token, whatever the provider echoes', () => {
  it(
    PROPERTY,
    async () => {
      const seen = drawn();
      const started = performance.now();
      const details = await holdsAsync(
        { name: PROPERTY, file: FILE },
        redactionProperty(provider, dir, seen),
        SHOW_CASE,
        { runs: RUNS },
      );
      const ms = performance.now() - started;
      console.info(
        `redaction property: ${details.numRuns} end-to-end runs (${details.numSkips} draws not sendable there) in ${(ms / 1000).toFixed(1)} s, ${(ms / Math.max(1, seen.cases)).toFixed(0)} ms each; seed ${SETTINGS.seed}; ` +
          `tokens: ${seen.realistic} pat-na1-<uuid>, ${seen.printable} printable; encodings: ${tally(seen.encodings)}; placements: ${tally(seen.placements)}`,
      );
      expect(details.numRuns).toBe(RUNS);
      // A hang guard that grows with the runs (~80 ms each at most, idle), never a speed check.
    },
    timeoutForRuns(RUNS, 80, 60_000),
  );

  const grid = PLACEMENTS.flatMap((placement) =>
    ENCODINGS.map((encoding) => ({
      encoding,
      placement,
      echo: gridEcho(encoding, placement, GRID_TOKEN),
      label: `${encoding} in the ${placement}`,
    })),
  );

  it('the grid covers every encoding x placement a provider can send (only a JSON escape cannot be a header name)', () => {
    expect(grid.filter((cell) => cell.echo === undefined).map((cell) => cell.label)).toEqual([
      'json-escape in the header-name',
    ]);
  });

  describe('one end-to-end run per encoding x placement', () => {
    it.each(grid.filter((cell) => cell.echo !== undefined))('$label', async ({ echo }) => {
      if (!echo) throw new Error('unreachable: filtered above');
      const run = await runCase(provider, dir, GRID_TOKEN, echo);
      expect(caseProblems(run, echo)).toEqual([]);
      // Where hsac records what came back (bodies, headers), the token-redaction check said so.
      if (
        ['body-field', 'body-key', 'error-message', 'record-id', 'header-value', 'header-name'].includes(echo.placement)
      ) {
        expect(run.result?.findings.some((finding) => finding.check === 'token-redaction')).toBe(true);
      }
    });
  });
});
