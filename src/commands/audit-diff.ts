import { InvalidArgumentError, type Command } from 'commander';
import { auditDiff, fails } from '../audit/audit.js';
import { loadAuditConfig } from '../audit/config.js';
import { AuditInputError } from '../audit/errors.js';
import { renderHuman, renderJson, renderMarkdown, type FailOn } from '../audit/output.js';
import { AUDIT_RULES } from '../audit/rules/index.js';
import { EXIT, UsageError, type ExitSlot, type Io } from './common.js';

interface AuditDiffOptions {
  json?: boolean;
  markdown?: boolean;
  config?: string;
  failOn: FailOn;
}

function parseFailOn(value: string): FailOn {
  if (value !== 'breaking' && value !== 'warning') throw new InvalidArgumentError('must be "breaking" or "warning"');
  return value;
}

async function runAuditDiff(oldSpec: string, newSpec: string, options: AuditDiffOptions, io: Io): Promise<number> {
  if (options.json && options.markdown) throw new UsageError('--json and --markdown are exclusive: pick one output');
  try {
    const { config } = loadAuditConfig(options.config, process.cwd());
    const result = await auditDiff(oldSpec, newSpec, config);
    const failed = fails(result, options.failOn);
    const render = options.json ? renderJson : options.markdown ? renderMarkdown : renderHuman;
    io.out(render(result, options.failOn, !failed));
    return failed ? EXIT.nonConformant : EXIT.ok;
  } catch (error) {
    // Bad inputs and bad config are usage errors: one line, exit 2 (the CLI prints UsageError).
    if (error instanceof AuditInputError) throw new UsageError(error.message);
    throw error;
  }
}

/** The rule list for `--help`: id, direction, default severity. */
function ruleHelp(): string {
  const width = Math.max(...AUDIT_RULES.map((rule) => rule.id.length));
  return AUDIT_RULES.map(
    (rule) => `  ${rule.id.padEnd(width)}  ${rule.direction.padEnd(9)}  ${rule.defaultSeverity}`,
  ).join('\n');
}

/**
 * `hsac audit diff OLD NEW [--json|--markdown] [--config FILE] [--fail-on breaking|warning]`:
 * classify every change between two API versions; exit 1 when a change reaches `--fail-on`.
 */
export function register(audit: Command, io: Io, exit: ExitSlot): void {
  audit
    .command('diff')
    .description('classify every change between two API versions (breaking / warning / info, request vs response)')
    .argument(
      '<old>',
      'a version name (v4, 2025-09, 2026-03, 2026-09), an OpenAPI 3.0/3.1 or JSON Structure file (JSON or YAML), a directory of them, or files joined with commas',
    )
    .argument('<new>', 'the same kinds of input as <old>')
    .option('--json', 'print one JSON document { ok, summary, changes, ignored, findings }')
    .option('--markdown', 'print Markdown (for a pull request comment)')
    .option('--config <file>', 'config with an "audit" section (default: ./hsac.config.json when present)')
    .option(
      '--fail-on <level>',
      'exit 1 on changes of this severity or worse: breaking | warning',
      parseFailOn,
      'breaking',
    )
    .addHelpText(
      'after',
      `\nExit codes: 0 no change at --fail-on, 1 such a change found, 2 usage error.\n\nRules (id, direction, default severity):\n${ruleHelp()}`,
    )
    .action(async (oldSpec: string, newSpec: string, options: AuditDiffOptions) => {
      exit.code = await runAuditDiff(oldSpec, newSpec, options, io);
    });
}
