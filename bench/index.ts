import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, Figure } from './bench.js';

/**
 * `npm run bench [-- --json] [-- --only ID]`: runs every bench module and prints its figures (a
 * table, or one JSON document with `--json`). A bench module is a file `bench/<area>.bench.ts`
 * whose default export is a {@link Bench}; they run in file-name order.
 */
async function loadBenches(): Promise<Bench[]> {
  const here = dirname(fileURLToPath(import.meta.url));
  const files = readdirSync(here)
    .filter((name) => name.endsWith('.bench.js'))
    .sort();
  const benches: Bench[] = [];
  for (const name of files) {
    const loaded = (await import(pathToFileURL(`${here}/${name}`).href)) as { default?: Bench };
    if (!loaded.default) throw new Error(`bench/${name} has no default export`);
    benches.push(loaded.default);
  }
  return benches;
}

function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.id,
    formatValue(f.value),
    f.unit,
    f.goal ?? '',
    f.met === undefined ? '' : f.met ? 'met' : 'MISSED',
  ]);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((row) => (row[i] ?? '').length), 4));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')).join('\n');
}

function formatValue(value: number): string {
  return Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);
}

async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
  const BENCHES = await loadBenches();
  const selected = BENCHES.filter((bench) => only === undefined || bench.id === only);
  if (selected.length === 0) {
    process.stderr.write(
      `bench: nothing to run${only ? ` (no bench "${only}"; known: ${BENCHES.map((b) => b.id).join(', ')})` : ''}\n`,
    );
    return 2;
  }
  const figures: Figure[] = [];
  for (const bench of selected) {
    if (!json) process.stdout.write(`# ${bench.id}: ${bench.description}\n`);
    const measured = await bench.run();
    figures.push(...measured);
    if (!json) process.stdout.write(`${table(measured)}\n\n`);
  }
  const environment = {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: (await import('node:os')).cpus().length,
  };
  if (json) process.stdout.write(`${JSON.stringify({ environment, figures }, null, 2)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
