import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  mergeResults,
  MergeError,
  paintVerdict,
  REPORT_FILES,
  writeReports,
  type MergedRunResult,
} from '../report/index.js';
import type { RunResult } from '../runner/result.js';
import { EXIT, UsageError, type ExitSlot, type Io } from './common.js';
import { readReportFile } from './report-file.js';

interface MergeFlags {
  reportDir?: string;
  /** The older name of `--report-dir`, kept so scripts written for it still work. */
  out?: string;
}

const EXIT_FOR: Readonly<Record<RunResult['summary']['verdict'], number>> = {
  pass: EXIT.ok,
  fail: EXIT.nonConformant,
  inconclusive: EXIT.inconclusive,
};

/** Reads DIR/report.json and checks it against the report schema; anything else is a usage error naming DIR. */
function readReport(dir: string): RunResult {
  const path = join(dir, REPORT_FILES.json);
  if (!existsSync(path))
    throw new UsageError(`${dir} has no ${REPORT_FILES.json} (give the --report-dir of each shard run)`);
  return readReportFile(path);
}

function summaryLines(merged: MergedRunResult, written: readonly string[], colour: boolean): string {
  const s = merged.summary;
  const lines = [
    `hsac report merge: ${paintVerdict(s.verdict.toUpperCase(), colour)}${s.reason ? ` (${s.reason})` : ''}`,
    `  ${merged.run.shards.length} report(s): ${merged.run.shards.map((shard) => `${shard.index}/${shard.count} ${shard.verdict} (${shard.exchanges} exchanges)`).join(', ')}`,
    `  API ${merged.run.apiVersion}, profile ${merged.run.profile}, seed ${merged.run.seed}`,
    `  ${s.exchanges} exchanges (${s.unchecked} unchecked), ${s.sequences} sequence checks, ${s.errors} errors, ${s.warnings} warnings, ${merged.findings.length} distinct findings`,
    `  reports: ${written.join(', ')}`,
    `  Reproduce with: ${merged.run.replay}`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Where the merge goes: `--report-dir`, as `run` and `gate` spell it, or its alias `--out`. Both
 * naming different directories is a usage error (which one was meant cannot be guessed).
 */
function outputDir(flags: MergeFlags, cwd: string): { flag: string; given?: string; dir: string } {
  const { reportDir, out } = flags;
  if (reportDir !== undefined && out !== undefined && resolve(cwd, reportDir) !== resolve(cwd, out))
    throw new UsageError(`--report-dir ${reportDir} and --out ${out} disagree: --out is an alias, give one of them`);
  const given = reportDir ?? out;
  const flag = reportDir === undefined && out !== undefined ? '--out' : '--report-dir';
  return { flag, ...(given !== undefined ? { given } : {}), dir: resolve(cwd, given ?? join('reports', 'merged')) };
}

function mergeCommand(dirs: readonly string[], flags: MergeFlags, io: Io, cwd: string): number {
  const inputs = dirs.map((dir) => resolve(cwd, dir));
  const { flag, given, dir: out } = outputDir(flags, cwd);
  // Writing the merge over a shard's own report would destroy an input.
  if (inputs.includes(out))
    throw new UsageError(`${flag} ${given ?? out} is one of the shard directories; choose another directory`);
  const reports = inputs.map(readReport);
  let merged: MergedRunResult;
  try {
    merged = mergeResults(reports);
  } catch (error) {
    if (error instanceof MergeError) throw new UsageError(error.message);
    throw error;
  }
  const written = writeReports(merged, out, { reportDir: given ?? out });
  io.out(summaryLines(merged, written, io.colour === true));
  return EXIT_FOR[merged.summary.verdict];
}

/** `hsac report merge DIR... [--report-dir DIR]`: one report (every format) from the reports of a sharded run. */
export function register(program: Command, io: Io, exit: ExitSlot): void {
  const report = program.command('report').description('work with the reports hsac run writes');
  report
    .command('merge')
    .description('merge the reports of a sharded run (hsac run --shard i/n, one --report-dir each) into one')
    .argument('<dirs...>', 'report directories, one per shard')
    .option('--report-dir <dir>', 'where the merged reports go (default reports/merged)')
    .option('--out <dir>', 'alias of --report-dir (its older name)')
    .addHelpText(
      'after',
      '\nVerdict: any shard fails -> fail; else any inconclusive (or a shard of the split missing) -> inconclusive; else pass.\nExit codes: 0 pass, 1 fail, 2 usage error (a DIR without report.json, reports of different runs), 3 inconclusive.',
    )
    .action((dirs: string[], flags: MergeFlags) => {
      exit.code = mergeCommand(dirs, flags, io, process.cwd());
    });
}
