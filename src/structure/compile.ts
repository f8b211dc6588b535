/**
 * `compileStructure`: lint, then emit JSON Schema 2020-12. A document with lint errors never
 * compiles (a typed error, raised before any test runs); warnings travel with the result.
 */
import { indexDocument, isObject } from './document.js';
import { emitDocument } from './emit.js';
import { StructureCompileError, type StructureIssue, hasErrors } from './issues.js';
import { lintStructure } from './lint.js';
import { type RepairOptions, repairStructure } from './repair.js';

/** Options for {@link compileStructure}. */
export interface CompileOptions {
  /** Repair an OpenAPI-generated document first (see `RepairOptions`); its changes are listed in `repairs`. */
  repair?: RepairOptions;
}

/** A compiled document. */
export interface CompiledStructure {
  /**
   * `{ $schema: draft 2020-12, $id, ...root type, $defs: { 'Ns.Type': ... } }`; add it to an ajv
   * prepared with `addStructureVocabulary` and compile `{ $ref: '<$id>#/$defs/<Name>' }` per type.
   */
  schema: Record<string, unknown>;
  /** Lint issues of the compiled (repaired) document: warnings only, since errors throw. */
  issues: StructureIssue[];
  /** Human lines: what repair mode changed (empty without repair). */
  repairs: string[];
}

/**
 * Compiles a JSON Structure document to JSON Schema 2020-12 for ajv (strict mode).
 * @throws StructureCompileError when the linter finds errors (after repair, when repair is given).
 */
export function compileStructure(doc: unknown, options: CompileOptions = {}): CompiledStructure {
  const { doc: working, repairs } = options.repair ? repairStructure(doc, options.repair) : { doc, repairs: [] };
  const issues = lintStructure(working);
  if (hasErrors(issues) || !isObject(working)) throw new StructureCompileError(issues);
  return { schema: emitDocument(indexDocument(working)), issues, repairs };
}
