/**
 * One problem the linter found in a JSON Structure document. Issues are data with fixed fields
 * (like ajv's `ErrorObject`): the linter never throws, and callers filter by `severity`.
 */
export interface StructureIssue {
  /**
   * A stable code. Where the official JSON Structure SDK has a code for the same rule
   * (json-structure/sdk `typescript/src/error-codes.ts`) we use it, e.g. `SCHEMA_REF_NOT_IN_TYPE`.
   */
  code: string;
  /** `error`: the document is not valid JSON Structure; `warning`: valid, but something is ignored or risky. */
  severity: 'error' | 'warning';
  /** JSON Pointer (RFC 6901) into the structure document; `''` is the document root. */
  path: string;
  message: string;
}

/**
 * Thrown by `compileStructure` when the document (after repair, when repair was asked for) has
 * lint errors. A usage problem, not a finding: a schema that does not compile stops before any test.
 */
export class StructureCompileError extends Error {
  override readonly name = 'StructureCompileError';
  /** Every issue the linter reported, errors and warnings, in document order. */
  readonly issues: StructureIssue[];

  constructor(issues: StructureIssue[]) {
    const errors = issues.filter((issue) => issue.severity === 'error');
    const shown = errors.slice(0, 3).map((issue) => `${issue.code} at "${issue.path}"`);
    const more = errors.length > shown.length ? ` and ${errors.length - shown.length} more` : '';
    super(`JSON Structure document has ${errors.length} error(s): ${shown.join(', ')}${more}`);
    this.issues = issues;
  }
}

/** Whether any issue is an error (warnings never stop a compile). */
export function hasErrors(issues: readonly StructureIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}
