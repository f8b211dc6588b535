import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { isApiVersion } from '../catalogue/index.js';
import { createValidator } from '../validate/index.js';
import { HubSpotClient } from '../transport/index.js';
import { Journal, JournalError, leftovers, nothingLeft, readJournal, type JournalEntry } from '../runner/journal.js';
import { cleanUp, entriesForTarget, targetsWithLeftovers } from '../runner/provision.js';
import { Session } from '../runner/session.js';
import { EXIT, UsageError, type ExitSlot, type Io } from './common.js';

/** Where `hsac run` journals by default (`<report-dir>/journal.jsonl`, report-dir `reports/latest`). */
export const DEFAULT_JOURNAL = join('reports', 'latest', 'journal.jsonl');

interface CleanupFlags {
  journal?: string;
  target?: string;
  token?: string;
}

/** What one journal holds for one target: its entries, and the other targets with work left. */
function forTarget(
  entries: readonly JournalEntry[],
  target: string,
): { mine: JournalEntry[]; othersWithWork: string[] } {
  return { mine: entriesForTarget(entries, target).mine, othersWithWork: targetsWithLeftovers(entries, target) };
}

/**
 * `hsac cleanup [--journal FILE] [--target URL]`: undoes what an interrupted or crashed run did,
 * from its journal: archives what it created and puts back the limit configurations it changed.
 * A journal may hold runs against several targets; only the entries journaled against the target
 * cleaned are touched (`--target`, else the journal's first run's), and the other targets with
 * work left are named. The token comes from `--token` or HUBSPOT_ACCESS_TOKEN (journals never hold
 * it) and is asked for only when there is something to do. Exit 0 when nothing is left, 3 when
 * something could not be done (the journal keeps it for another try), 2 on a usage error.
 */
async function cleanupCommand(flags: CleanupFlags, io: Io, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  const path = resolve(cwd, flags.journal ?? DEFAULT_JOURNAL);
  // No journal where runs leave one by default: no run left work there. A path the user named
  // that does not exist is a typo worth an error instead.
  if (flags.journal === undefined && !existsSync(path)) {
    io.out(`hsac cleanup: nothing to clean: no journal at ${DEFAULT_JOURNAL} (pass --journal FILE for another)\n`);
    return EXIT.ok;
  }
  let entries: JournalEntry[];
  try {
    entries = readJournal(path);
  } catch (error) {
    if (error instanceof JournalError) throw new UsageError(error.message);
    throw error;
  }
  // readJournal made sure the journal starts with a run entry.
  const first = entries.find((entry): entry is Extract<JournalEntry, { kind: 'run' }> => entry.kind === 'run');
  const baseUrl = flags.target ?? first?.baseUrl ?? '';
  const { mine, othersWithWork } = forTarget(entries, baseUrl);
  const others =
    othersWithWork.length > 0
      ? `  left alone: work journaled against ${othersWithWork.join(', ')} (clean it with --target URL and that portal's token)\n`
      : '';
  if (mine.length === 0) {
    io.out(`hsac cleanup: nothing to clean on ${baseUrl}: the journal ${path} holds no run against it\n${others}`);
    return EXIT.ok;
  }
  const left = leftovers(mine);
  if (nothingLeft(left)) {
    io.out(
      `hsac cleanup: nothing to clean on ${baseUrl}: every run the journal holds against it was cleaned up\n${others}`,
    );
    return EXIT.ok;
  }
  const token = flags.token ?? env.HUBSPOT_ACCESS_TOKEN;
  if (!token)
    throw new UsageError(`cleanup of ${baseUrl} needs the token of that portal: --token or HUBSPOT_ACCESS_TOKEN`);
  // The API version the work was done in: the last run's against this target (its paths and bodies).
  const lastRun =
    mine.filter((entry): entry is Extract<JournalEntry, { kind: 'run' }> => entry.kind === 'run').at(-1) ?? left.run;
  const apiVersion = lastRun.apiVersion;
  if (!isApiVersion(apiVersion)) throw new UsageError(`journal names an unknown API version "${apiVersion}"`);
  const client = new HubSpotClient({ baseUrl, token });
  const session = new Session(
    client,
    { profile: 'lenient', validator: createValidator({ profile: 'lenient' }) },
    `hsac cleanup --journal ${path}`,
  );
  const journal = new Journal(path);
  // What this cleanup journals belongs to this target, whichever run the journal ends with.
  journal.append({ kind: 'cleanup', baseUrl, at: new Date().toISOString() });
  const report = await cleanUp(session, journal, mine, apiVersion);
  const runs = mine.filter((entry) => entry.kind === 'run').length;
  io.out(
    `hsac cleanup: ${report.associations} associations and ${report.records} records archived, ${report.configurations} limit configurations as they were before (${runs} run${runs === 1 ? '' : 's'} on ${baseUrl})\n`,
  );
  for (const failure of report.failures) io.out(`  could not: ${failure}\n`);
  for (const untracked of report.untracked) io.out(`  not journaled (find by tag and archive by hand): ${untracked}\n`);
  io.out(others);
  return report.failures.length === 0 && report.untracked.length === 0 ? EXIT.ok : EXIT.inconclusive;
}

/** Registers `hsac cleanup`. */
export function register(program: Command, io: Io, exit: ExitSlot): void {
  program
    .command('cleanup')
    .description(
      'undo what an interrupted run did, from its cleanup journal: archive what it created, put back the limit configurations it changed',
    )
    .option('--journal <file>', `the run journal (default ${DEFAULT_JOURNAL})`)
    .option(
      '--target <url>',
      "base URL of the portal to clean (default: the journal's first run's); only work journaled against it is touched",
    )
    .option(
      '--token <token>',
      'access token of that portal (default: HUBSPOT_ACCESS_TOKEN); not needed when there is nothing to clean',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 everything done (or nothing to do), 2 usage error, 3 something is left (run it again).',
    )
    .action(async (flags: CleanupFlags) => {
      exit.code = await cleanupCommand(flags, io, process.env, process.cwd());
    });
}
