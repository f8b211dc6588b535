import type { Command } from 'commander';
import { isApiVersion } from '../catalogue/index.js';
import { createValidator } from '../validate/index.js';
import { HubSpotClient } from '../transport/index.js';
import { Journal, JournalError, leftovers, readJournal } from '../runner/journal.js';
import { cleanUp } from '../runner/provision.js';
import { Session } from '../runner/session.js';
import { EXIT, UsageError, type ExitSlot, type Io } from './common.js';

interface CleanupFlags {
  journal: string;
  target?: string;
  token?: string;
}

/**
 * `hsac cleanup --journal FILE`: archives what an interrupted or crashed run created, from its
 * journal. The target defaults to the one the journal names; the token comes from `--token` or
 * HUBSPOT_ACCESS_TOKEN (journals never hold it). Exit 0 when nothing is left, 3 when something
 * could not be removed (the journal keeps it for another try), 2 on a usage error.
 */
async function cleanupCommand(flags: CleanupFlags, io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  let entries;
  try {
    entries = readJournal(flags.journal);
  } catch (error) {
    if (error instanceof JournalError) throw new UsageError(error.message);
    throw error;
  }
  const left = leftovers(entries);
  const baseUrl = flags.target ?? left.run.baseUrl;
  const token = flags.token ?? env.HUBSPOT_ACCESS_TOKEN;
  if (!token) throw new UsageError('cleanup needs the token of the portal: --token or HUBSPOT_ACCESS_TOKEN');
  const apiVersion = left.run.apiVersion;
  if (!isApiVersion(apiVersion)) throw new UsageError(`journal names an unknown API version "${apiVersion}"`);
  const client = new HubSpotClient({ baseUrl, token });
  const session = new Session(client, { profile: 'lenient', validator: createValidator({ profile: 'lenient' }) }, `hsac cleanup --journal ${flags.journal}`);
  const report = await cleanUp(session, new Journal(flags.journal), entries, apiVersion);
  io.out(
    `hsac cleanup: ${report.associations} associations, ${report.configurations} configurations and ${report.records} records archived (run ${left.run.runId} on ${baseUrl})\n`,
  );
  for (const failure of report.failures) io.out(`  could not: ${failure}\n`);
  for (const untracked of report.untracked) io.out(`  not journaled (find by tag and archive by hand): ${untracked}\n`);
  return report.failures.length === 0 && report.untracked.length === 0 ? EXIT.ok : EXIT.inconclusive;
}

/** Registers `hsac cleanup`. */
export function register(program: Command, io: Io, exit: ExitSlot): void {
  program
    .command('cleanup')
    .description('archive what an interrupted run created, from its cleanup journal')
    .requiredOption('--journal <file>', 'the run journal (default location: reports/latest/journal.jsonl)')
    .option('--target <url>', "base URL (default: the journal's)")
    .option('--token <token>', 'access token (default: HUBSPOT_ACCESS_TOKEN)')
    .addHelpText('after', '\nExit codes: 0 everything archived, 2 usage error, 3 something is left (run it again).')
    .action(async (flags: CleanupFlags) => {
      exit.code = await cleanupCommand(flags, io, process.env);
    });
}
