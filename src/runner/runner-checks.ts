import { checkDeclaration, type CheckDeclarationOf, type CheckIdOfKind, type FindingDraft } from '../registry/index.js';
import type { CleanupReport } from './provision.js';

/**
 * The checks the runner makes about the run itself (registry kind `runner`, src/registry/runner.ts),
 * bound to their declarations by id as every other kind is: {@link RUNNER_CHECKS} is keyed by the
 * registry's runner ids, so a runner declaration without an implementation (or an implementation
 * without a declaration) does not compile. Their findings go through the session (`Session.note`),
 * which grades them like any check's: the declared severity, then the config's `run.checks`.
 */
export type RunnerCheck = CheckDeclarationOf<'runner'> & { readonly id: CheckIdOfKind<'runner'> };

/** The command that finishes what a run's cleanup left: `hsac cleanup` on the same journal and target. */
export function finishCleanupCommand(journalPath: string, baseUrl: string): string {
  return `hsac cleanup --journal ${journalPath} --target ${baseUrl}`;
}

/** Whether cleanup left work: calls that failed, or creations whose IDs were never journaled. */
export function cleanupLeftWork(report: CleanupReport): boolean {
  return report.failures.length > 0 || report.untracked.length > 0;
}

/** `cleanup`: the run leaves the target as it found it, and says what it could not undo (and how to). */
export const cleanupCheck = {
  ...checkDeclaration('cleanup'),
  /** What cleanup could not undo, with the command that finishes it; nothing when it left nothing. */
  leftWork(report: CleanupReport, finish: string): FindingDraft[] {
    if (!cleanupLeftWork(report)) return [];
    const left = [...report.failures, ...report.untracked.map((creation) => `untracked ${creation}`)].join('; ');
    return [{ check: this.id, instancePath: '', message: `cleanup left work: ${left} (re-run: ${finish})` }];
  },
  /** Work of runs against other targets that the journal holds: a run never touches it, but says so. */
  otherTargets(journalPath: string, targets: readonly string[]): FindingDraft[] {
    if (targets.length === 0) return [];
    const how = `run hsac cleanup --journal ${journalPath} --target URL against that target`;
    const others = `runs against ${targets.join(', ')}`;
    return [
      {
        check: this.id,
        instancePath: '',
        message: `the journal ${journalPath} also holds work of ${others}: not touched here (${how})`,
      },
    ];
  },
};

/** Every runner check's implementation, by its registry id (as src/checks/ binds exchange and sequence checks). */
export const RUNNER_CHECKS = { cleanup: cleanupCheck } as const satisfies Readonly<
  Record<CheckIdOfKind<'runner'>, RunnerCheck>
>;
